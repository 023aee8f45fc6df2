import { createTRPCClient, createWSClient, getUntypedClient, TRPCClientError, wsLink } from "@trpc/client"
import { deadline } from "./deadline.js"
import type { OxdEvent } from "./events.js"
import { isOxdErrorData, OxdError, OxdTransportError } from "./OxdError.js"
import { procedureName, type CamelCase } from "@oxd/wire"
import { Connection, defaultRetryDelayMs, retryingSocketClass, type WebSocketClass } from "./retryingSocket.js"
import {
  DEFAULT_TIMEOUT_MS,
  resolveToken,
  type Caller,
  type CommandName,
  type ParamsOf,
  type ResultOf,
  type TokenSource,
} from "./types.js"

export type { WebSocketClass, WebSocketLike } from "./retryingSocket.js"

/** How long a call waits for the connection to open before it fails (a server that is down), by default. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000

export interface WsOptions {
  readonly transport: "ws"
  /** e.g. wss://oxd.example.com:8445 */
  readonly url: string
  /** Sent once per connection in the connection params; a protection_access_token in a call's params wins for that call. */
  readonly token?: TokenSource
  /**
   * The WebSocket class: browsers have one. On Node, "@oxd/client/node" brings one (with its `ca` option); here pass
   * `WebSocket` from the `ws` package.
   */
  readonly WebSocket?: WebSocketClass
  /** Time limit of one call in ms (default 30 000). */
  readonly timeoutMs?: number
  /** A call fails with an OxdTransportError when no connection opens within this many ms (default 5000). */
  readonly connectTimeoutMs?: number
  /** Delay before connection attempt n + 1 after n failed ones (default 0.5 s, doubling, at most 30 s). */
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

/**
 * The server's tRPC procedures, typed from the generated command map: `trpc.getAuthorizationUrl.mutate({ oxd_id })`.
 * Errors are tRPC's own (TRPCClientError) here; the client's methods throw OxdError instead.
 */
export type OxdTrpcClient = {
  readonly [C in CommandName as CamelCase<C>]: {
    mutate(input: ParamsOf<C>, options?: { readonly signal?: AbortSignal }): Promise<ResultOf<C>>
  }
}

/** What the ws transport adds: the events stream, and the server's procedures as tRPC mutations. */
export interface WsExtras {
  /** Follows what happens to the caller's own sites (never token values). Returns a function that stops it. */
  events(input: EventsInput, handlers: EventsHandlers): () => void
  readonly trpc: OxdTrpcClient
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

const noWebSocket = (): never => {
  throw new Error(
    'no WebSocket class here: pass `WebSocket` (on Node 20 the one of the "ws" package), or import createOxdClient from "@oxd/client/node"',
  )
}

/**
 * The WebSocket API through tRPC's ws link: every command a mutation named in camelCase, all multiplexed on one
 * socket that reconnects by itself (see retryingSocket.ts for who retries).
 */
export const wsCaller = (options: WsOptions): Caller & WsExtras => {
  const Inner = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketClass }).WebSocket ?? noWebSocket()
  const connection = new Connection()
  const wsClient = createWSClient({
    url: options.url,
    WebSocket: retryingSocketClass(
      Inner,
      connection,
      options.retryDelayMs ?? defaultRetryDelayMs,
    ) as unknown as typeof globalThis.WebSocket,
    // the sockets above wait and retry; tRPC's own sleep between attempts would outlive close()
    retryDelayMs: () => 0,
    ...(options.token !== undefined
      ? {
          connectionParams: async () => {
            const token = await resolveToken(options.token)
            return token ? { protection_access_token: token } : {}
          },
        }
      : {}),
  })
  const untyped = getUntypedClient(createTRPCClient({ links: [wsLink({ client: wsClient })] }))
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const trpc = new Proxy(
    {},
    {
      get: (_, prop) =>
        typeof prop === "string"
          ? {
              mutate: (input: unknown, opts?: { readonly signal?: AbortSignal }) =>
                untyped.mutation(prop, input, opts?.signal ? { signal: opts.signal } : {}),
            }
          : undefined,
    },
  ) as OxdTrpcClient
  return {
    transport: "ws",
    trpc,
    call: async (command, params, callOptions) => {
      const input =
        typeof callOptions.token === "string" && params["protection_access_token"] === undefined
          ? { ...params, protection_access_token: callOptions.token }
          : params
      const timeoutMs = callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS
      const connect = connection.watch(connectTimeoutMs)
      const limit = deadline(
        timeoutMs,
        connect.signal
          ? AbortSignal.any([connect.signal, ...(callOptions.signal ? [callOptions.signal] : [])])
          : callOptions.signal,
      )
      try {
        return await untyped.mutation(procedureName(command), input, { signal: limit.signal })
      } catch (e) {
        if (connect.expired()) {
          const why = connection.lastError ? `: ${connection.lastError}` : ""
          throw new OxdTransportError(
            "ws",
            `${command}: could not connect to ${options.url} within ${connectTimeoutMs} ms${why}`,
            { cause: e },
          )
        }
        if (limit.timedOut())
          throw new OxdTransportError("ws", `${command}: no reply from ${options.url} within ${timeoutMs} ms`, {
            cause: e,
          })
        throw fromTrpcError(e)
      } finally {
        connect.clear()
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
    close: async () => {
      // tRPC stops reconnecting first, then waits for its connection attempt: the attempts still going fail now
      const closing = wsClient.close()
      connection.abandonAll()
      await closing
    },
  }
}
