import type { AppRouter } from "@oxd/ws-server"
import {
  createTRPCClient, createWSClient, getUntypedClient, TRPCClientError, wsLink, type TRPCClient, type TRPCWebSocketClient,
} from "@trpc/client"
import { isOxdErrorData, OxdError, OxdTransportError } from "./OxdError.js"
import { procedureName } from "./names.js"
import { DEFAULT_TIMEOUT_MS, resolveToken, type Caller, type OxdEvent, type TokenSource } from "./types.js"
import { deadline } from "./deadline.js"

export interface WsOptions {
  readonly transport: "ws"
  /** e.g. wss://oxd.example.com:8445 */
  readonly url: string
  /** Sent once per connection in the connection params; a protection_access_token in a call's params wins for that call. */
  readonly token?: TokenSource
  /** The WebSocket class: browsers have one; on Node 20 pass `WebSocket` from the `ws` package. */
  readonly WebSocket?: typeof globalThis.WebSocket
  /** Time limit of one call in ms (default 30 000). */
  readonly timeoutMs?: number
  /** Delay before reconnect attempt n (default: tRPC's exponential backoff). */
  readonly retryDelayMs?: (attempt: number) => number
}

export interface EventsInput {
  /** Resume after this event id (the retained events after it are replayed first). */
  readonly lastEventId?: string
  /** Whose sites to follow; default: the connection's token. */
  readonly protection_access_token?: string
  /** The OP that issued the token; default: every OP with a setup client on the server. */
  readonly op_host?: string
}

export interface EventsHandlers {
  onEvent(event: OxdEvent): void
  onError?(error: OxdError | OxdTransportError): void
  onStarted?(): void
}

/** What the ws transport adds: the events stream, and the tRPC client typed from the server's router. */
export interface WsExtras {
  /** Follows what happens to the caller's own sites (never token values). Returns a function that stops it. */
  events(input: EventsInput, handlers: EventsHandlers): () => void
  readonly trpc: TRPCClient<AppRouter>
}

/** A TRPCClientError as the client reports it: an OxdError when the server sent one (data.oxd), else a transport error. */
export const fromTrpcError = (e: unknown): OxdError | OxdTransportError => {
  if (e instanceof TRPCClientError) {
    const data = e.data as { oxd?: unknown; httpStatus?: number } | undefined
    if (isOxdErrorData(data?.oxd)) return new OxdError(data.oxd, data.httpStatus)
    return new OxdTransportError("ws", e.message, { cause: e })
  }
  return new OxdTransportError("ws", e instanceof Error ? e.message : String(e), { cause: e })
}

/**
 * The WebSocket API through tRPC's ws link: every command a mutation named in camelCase, all multiplexed on one
 * socket that reconnects by itself.
 */
export const wsCaller = (options: WsOptions): Caller & WsExtras => {
  const wsClient: TRPCWebSocketClient = createWSClient({
    url: options.url,
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
    ...(options.token !== undefined
      ? { connectionParams: async () => { const token = await resolveToken(options.token); return token ? { protection_access_token: token } : {} } }
      : {}),
  })
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] })
  const untyped = getUntypedClient(trpc)
  return {
    transport: "ws",
    trpc,
    call: async (command, params, callOptions) => {
      const input = typeof callOptions.token === "string" && params["protection_access_token"] === undefined
        ? { ...params, protection_access_token: callOptions.token }
        : params
      const limit = deadline(callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS, callOptions.signal)
      try {
        return await untyped.mutation(procedureName(command), input, { signal: limit.signal })
      } catch (e) {
        if (limit.timedOut()) throw new OxdTransportError("ws", `${command}: no reply within ${callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`, { cause: e })
        throw fromTrpcError(e)
      } finally {
        limit.clear()
      }
    },
    events: (input, handlers) => {
      const subscription = untyped.subscription("events", input, {
        onData: (tracked: unknown) => handlers.onEvent((tracked as { data: OxdEvent }).data),
        onError: (e: unknown) => handlers.onError?.(fromTrpcError(e)),
        onStarted: () => handlers.onStarted?.(),
      })
      return () => subscription.unsubscribe()
    },
    close: async () => { await wsClient.close() },
  }
}
