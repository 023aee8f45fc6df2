import { restPath } from "@oxd/wire"
import createClient, { type Client, type Middleware } from "openapi-fetch"
import type { components, operations, paths } from "./schema.js"

export type { components, operations, paths }

/* Names: the REST path of a command is its wire name with dashes (get_tokens_by_code → /get-tokens-by-code). */
type Underscored<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : S
type Dashed<S extends string> = S extends `${infer A}_${infer B}` ? `${A}-${Dashed<B>}` : S
type CommandPath = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths]
type NameOf<P> = P extends `/${infer N}` ? Underscored<N> : never

/** Every command the API has, by its oxd wire name: "setup_client" | "get_client_token" | … */
export type CommandName = NameOf<CommandPath>
type PathOf<C extends CommandName> = Extract<`/${Dashed<C>}`, CommandPath>
type Operation<C extends CommandName> = paths[PathOf<C>]["post"]

/** The params (JSON body) of a command. */
export type ParamsOf<C extends CommandName> =
  Operation<C> extends { requestBody: { content: { "application/json": infer B } } } ? B : never
/**
 * The `data` of a command's ok reply. A 200 carries the ok reply or, with rest_error_status: reference (the
 * server's default, as oxd-https-extension 3.1), an error envelope: the ok branch is the one with status "ok".
 */
export type ResultOf<C extends CommandName> =
  Operation<C> extends { responses: { 200: { content: { "application/json": infer B } } } }
    ? Extract<B, { status: "ok" }> extends { data: infer D }
      ? D
      : never
    : never

export type ErrorEnvelope = components["schemas"]["ErrorEnvelope"]
/** The oxd reply: {"status":"ok","data":…} or {"status":"error","data":{"error","error_description"}}. */
export type Envelope<A = unknown> = { readonly status: "ok"; readonly data: A } | ErrorEnvelope

/** The protection_access_token, or a function asked before each request (for a token that is renewed). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>)

export interface OxdRestClientOptions {
  /** e.g. https://oxd.example.com:8443 */
  readonly baseUrl: string
  /** Sent as `Authorization: Bearer …` on every request that sets no Authorization header of its own. */
  readonly token?: TokenSource
  /** A fetch to use instead of the global one (a proxy, a custom CA in Node, tests). */
  readonly fetch?: (input: Request) => Promise<Response>
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>
}

export interface CallOptions {
  /** The token for this call; null sends none, even if the client has one. */
  readonly token?: string | null
  readonly signal?: AbortSignal
}

/** The openapi-fetch client of the API (`client.POST("/get-user-info", { body })`), plus `call` by command name. */
export interface OxdRestClient extends Client<paths> {
  /**
   * Runs one command; resolves to its oxd envelope whatever the HTTP status (an error envelope comes with 200 under
   * the server's rest_error_status: reference, with the code's status under http). Rejects only when no oxd reply came.
   */
  call<C extends CommandName>(command: C, params: ParamsOf<C>, options?: CallOptions): Promise<Envelope<ResultOf<C>>>
  /** Any command by name, typed loosely (commands newer than these types, tests of unknown names). */
  callAny(command: string, params: Record<string, unknown>, options?: CallOptions): Promise<Envelope>
}

/** The REST path of a command: get_tokens_by_code → /get-tokens-by-code (the wire contract's restPath). */
export const commandPath: (command: string) => string = restPath

const isEnvelope = (v: unknown): v is Envelope =>
  typeof v === "object" &&
  v !== null &&
  ((v as { status?: unknown }).status === "ok" || (v as { status?: unknown }).status === "error") &&
  "data" in v

/**
 * The oxd reply in a REST answer's body, whatever its HTTP status: the envelope itself, or, from a real
 * oxd-https-extension 3.1.4, Dropwizard's wrapping of its non-200 errors, {"code":NNN,"message":…}: the 403 for a
 * missing Bearer carries the oxd envelope as its message (RestResource.java:229-235), an AS/OP error passed through
 * carries the AS/OP's raw body (RestResource.java:206-210), named http_status_<NNN> as the TCP protocol names it.
 */
export const oxdReplyOf = (body: unknown): Envelope | undefined => {
  if (isEnvelope(body)) return body
  if (typeof body !== "object" || body === null) return undefined
  const { code, message } = body as { code?: unknown; message?: unknown }
  if (typeof code !== "number" || typeof message !== "string") return undefined
  try {
    const inner: unknown = JSON.parse(message)
    if (isEnvelope(inner) && inner.status === "error") return inner
  } catch {
    // not JSON: the raw body of the AS/OP, or Jersey's own text ("HTTP 404 Not Found")
  }
  return { status: "error", data: { error: `http_status_${code}`, error_description: message } }
}

/** Sets `Authorization: Bearer <token>` unless the request already has an Authorization header. */
export const bearerMiddleware = (token: TokenSource): Middleware => ({
  async onRequest({ request }) {
    if (request.headers.has("Authorization")) return undefined
    const value = typeof token === "function" ? await token() : token
    if (value) request.headers.set("Authorization", `Bearer ${value}`)
    return request
  },
})

const withoutAuthorization: Middleware = {
  onRequest({ request }) {
    request.headers.delete("Authorization")
    return request
  },
}

/** A client of the oxd REST API; works in browsers and Node (global fetch, or `fetch` given). */
export const createOxdRestClient = (options: OxdRestClientOptions): OxdRestClient => {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  })
  if (options.token !== undefined) client.use(bearerMiddleware(options.token))

  const call = async (
    command: string,
    params: Record<string, unknown>,
    callOptions: CallOptions = {},
  ): Promise<Envelope> => {
    const path = commandPath(command) as CommandPath
    const { data, error, response } = await client.POST(path, {
      body: params as never,
      // this call's token wins over the client's; null: no Authorization header at all
      ...(typeof callOptions.token === "string" ? { headers: { Authorization: `Bearer ${callOptions.token}` } } : {}),
      ...(callOptions.token === null ? { middleware: [withoutAuthorization] } : {}),
      ...(callOptions.signal ? { signal: callOptions.signal } : {}),
    } as never)
    const body = oxdReplyOf(response.ok ? data : error)
    if (body) return body
    const text: unknown = response.ok ? data : error
    throw new Error(
      `oxd REST ${path}: HTTP ${response.status} without an oxd reply${typeof text === "string" && text ? `: ${text.slice(0, 200)}` : ""}`,
    )
  }
  return Object.assign(client, { call, callAny: call }) as OxdRestClient
}
