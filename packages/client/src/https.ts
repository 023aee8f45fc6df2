import { commandPath, createOxdRestClient, oxdReplyOf } from "@oxd/client-rest"
import { deadline } from "./deadline.js"
import { describeCause } from "./describeCause.js"
import { isOxdErrorData, OxdError, OxdTransportError } from "./OxdError.js"
import { DEFAULT_TIMEOUT_MS, resolveToken, type Caller, type TokenSource } from "./types.js"

export interface HttpsOptions {
  readonly transport: "https"
  /** e.g. https://oxd.example.com:8443 */
  readonly baseUrl: string
  /** Sent as `Authorization: Bearer …`; a protection_access_token in a call's params or options wins. */
  readonly token?: TokenSource
  /** A fetch instead of the global one (a proxy, tests; for a private CA on Node, "@oxd/client/node" has `ca`). */
  readonly fetch?: (input: Request) => Promise<Response>
  readonly headers?: Readonly<Record<string, string>>
  /** Time limit of one call in ms (default 30 000). */
  readonly timeoutMs?: number
}

/**
 * The REST API through @oxd/client-rest (openapi-fetch): POST /<command-with-dashes>. The token travels in the
 * Authorization header, also when the params carry one (it is taken out of the body).
 */
export const httpsCaller = (options: HttpsOptions): Caller => {
  const rest = createOxdRestClient({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  })
  return {
    transport: "https",
    call: async (command, params, callOptions) => {
      const { protection_access_token: inParams, ...body } = params
      const token =
        typeof inParams === "string" && inParams.length > 0
          ? inParams
          : callOptions.token === null
            ? undefined
            : (callOptions.token ?? (await resolveToken(options.token)))
      const limit = deadline(callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS, callOptions.signal)
      let reply: { data?: unknown; error?: unknown; response: Response }
      try {
        reply = await rest.POST(
          commandPath(command) as never,
          {
            body: (typeof inParams === "string" && inParams.length > 0 ? body : params) as never,
            ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
            signal: limit.signal,
          } as never,
        )
      } catch (cause) {
        throw new OxdTransportError(
          "https",
          limit.timedOut()
            ? `${command}: no reply within ${callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`
            : `${command}: could not reach ${options.baseUrl}: ${describeCause(cause)}`,
          { cause },
        )
      } finally {
        limit.clear()
      }
      // an oxd error is an error whatever its HTTP status: 200 from a server with rest_error_status: reference (the
      // default, as oxd-https-extension 3.1), the code's status with http; a 3.1.4's Dropwizard-wrapped 403 too
      const envelope = oxdReplyOf(reply.response.ok ? reply.data : reply.error)
      if (envelope?.status === "ok") return envelope.data
      if (envelope?.status === "error" && isOxdErrorData(envelope.data))
        throw new OxdError(envelope.data, reply.response.status)
      throw new OxdTransportError("https", `${command}: HTTP ${reply.response.status} without an oxd reply`)
    },
    close: async () => undefined,
  }
}
