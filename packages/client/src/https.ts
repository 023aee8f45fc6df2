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

/** One REST answer: its HTTP status and body, read as openapi-fetch reads it (JSON; when not ok, else the text). */
export interface RestAnswer {
  readonly status: number
  readonly ok: boolean
  readonly body: unknown
}

/** POSTs `body` as JSON to a command's path; rejects only when no answer came (or an ok answer is no JSON). */
export type RestPost = (
  path: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
  signal: AbortSignal,
) => Promise<RestAnswer>

/** The REST API through @oxd/client-rest (openapi-fetch) over `fetch` (the global one unless given). */
const openapiPost = (options: HttpsOptions): RestPost => {
  const rest = createOxdRestClient({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  })
  return async (path, body, headers, signal) => {
    const reply: { data?: unknown; error?: unknown; response: Response } = await rest.POST(
      path as never,
      { body: body as never, headers, signal } as never,
    )
    return { status: reply.response.status, ok: reply.response.ok, body: reply.response.ok ? reply.data : reply.error }
  }
}

/**
 * The REST API: POST /<command-with-dashes>. The token travels in the Authorization header, also when the params
 * carry one (it is taken out of the body). `post` sends it (default: openapi-fetch over `fetch`; "@oxd/client/node"
 * gives its own over node:https, kept-alive connections and no fetch objects per call).
 */
export const httpsCaller = (options: HttpsOptions, post: RestPost = openapiPost(options)): Caller => ({
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
    let reply: RestAnswer
    try {
      reply = await post(
        commandPath(command),
        typeof inParams === "string" && inParams.length > 0 ? body : params,
        token ? { Authorization: `Bearer ${token}` } : {},
        limit.signal,
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
    const envelope = oxdReplyOf(reply.body)
    if (envelope?.status === "ok") return envelope.data
    if (envelope?.status === "error" && isOxdErrorData(envelope.data)) throw new OxdError(envelope.data, reply.status)
    throw new OxdTransportError("https", `${command}: HTTP ${reply.status} without an oxd reply`)
  },
  close: async () => undefined,
})
