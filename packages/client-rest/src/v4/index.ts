import createClient, { type Client } from "openapi-fetch"
import { bearerMiddleware, type TokenSource } from "../index.js"
import type { components, operations, paths } from "./schema.js"

export type { components, operations, paths }
export type { TokenSource }

/** The POST paths of the oxd 4.x API: "/register-site" | "/get-client-token" | … */
export type PostPath = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths]
type PostOperation<P extends PostPath> = paths[P]["post"]

/** The params (JSON body) of a POST path. */
export type ParamsOf<P extends PostPath> =
  PostOperation<P> extends { requestBody: { content: { "application/json": infer B } } } ? B : never
/** The bare result (200 body) of a POST path. */
export type ResultOf<P extends PostPath> =
  PostOperation<P> extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never

/** oxd 4.x's error body: {error, error_description, details, reason}. */
export type ErrorResponse = components["schemas"]["ErrorResponse"]

/**
 * An error answer of the 4.x API: its HTTP status, and oxd 4.x's ErrorResponse (or, for an AS/OP error passed
 * through, `error` http_status_<NNN> and the AS's body as the description).
 */
export class Oxd4Error extends Error {
  override readonly name = "Oxd4Error"
  constructor(
    readonly status: number,
    readonly error: string,
    readonly errorDescription: string,
    readonly details: unknown = null,
  ) {
    super(`${error}: ${errorDescription}`)
  }
}

export interface Oxd4ClientOptions {
  /** Where the 4.x API listens (rest4_port), e.g. https://oxd.example.com:8543 */
  readonly baseUrl: string
  /** Sent as `Authorization: Bearer …` on every request that sets no Authorization header of its own. */
  readonly token?: TokenSource
  /** A fetch to use instead of the global one (a custom CA in Node, tests). */
  readonly fetch?: (input: Request) => Promise<Response>
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>
}

/** The openapi-fetch client of the 4.x API (`client.GET("/get-rp-jwks")`), plus `call` for its POST paths. */
export interface Oxd4Client extends Client<paths> {
  /** POSTs one command; resolves to its bare result, rejects with Oxd4Error for an error answer. */
  call<P extends PostPath>(
    path: P,
    params: ParamsOf<P>,
    options?: { readonly token?: string; readonly signal?: AbortSignal },
  ): Promise<ResultOf<P>>
}

const errorOf = (status: number, body: unknown): Oxd4Error => {
  if (typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "string") {
    const e = body as { error: string; error_description?: unknown; details?: unknown }
    return new Oxd4Error(status, e.error, String(e.error_description ?? ""), e.details ?? null)
  }
  const text = typeof body === "string" ? body : JSON.stringify(body ?? "")
  return new Oxd4Error(status, `http_status_${status}`, text)
}

/** A client of the oxd 4.x REST API (oxd-ts's rest4_port, or an oxd 4.x server); browsers and Node. */
export const createOxd4Client = (options: Oxd4ClientOptions): Oxd4Client => {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  })
  if (options.token !== undefined) client.use(bearerMiddleware(options.token))
  const call = async (
    path: PostPath,
    params: unknown,
    callOptions: { readonly token?: string; readonly signal?: AbortSignal } = {},
  ): Promise<unknown> => {
    const { data, error, response } = await client.POST(path, {
      body: params as never,
      ...(callOptions.token ? { headers: { Authorization: `Bearer ${callOptions.token}` } } : {}),
      ...(callOptions.signal ? { signal: callOptions.signal } : {}),
    } as never)
    if (response.ok) return data
    throw errorOf(response.status, error)
  }
  return Object.assign(client, { call }) as Oxd4Client
}
