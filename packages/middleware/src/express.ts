/**
 * "@oxd/middleware/express": protect() and the sign-in handlers as Express middleware (Express 4 and 5). The types
 * are structural (what the adapter touches of req and res), so this entry needs no @types/express.
 */
import { createAuth, type Auth, type AuthOptions, type LoginOptions } from "./auth.js"
import { groupedHeaders } from "./adapters.js"
import { protect as protectCore, type AccessDecision, type ProtectOptions, type Verdict } from "./protect.js"
import type { Reply } from "./reply.js"
import type { Session } from "./session.js"

export interface ExpressRequest {
  readonly method: string
  /** The URL as the client sent it, before any router mount stripped a prefix. */
  readonly originalUrl: string
  readonly headers: { readonly authorization?: string | undefined; readonly cookie?: string | undefined }
}
export interface ExpressResponse {
  readonly locals: Record<string, unknown>
  statusCode: number
  setHeader(name: string, value: string | string[]): unknown
  getHeader(name: string): unknown
  end(body?: string): unknown
}
export type Next = (error?: unknown) => void
export type Middleware = (req: ExpressRequest, res: ExpressResponse, next: Next) => void

/** Writes a Reply on an Express response. */
export const send = (res: ExpressResponse, reply: Reply): void => {
  res.statusCode = reply.status
  for (const [name, value] of groupedHeaders(reply)) res.setHeader(name, value)
  res.end(reply.body)
}

/** Appends Set-Cookie values to those already set on the response. */
const appendCookies = (res: ExpressResponse, headers: Reply["headers"]) => {
  const cookies = headers.filter(([n]) => n === "set-cookie").map(([, v]) => v)
  if (cookies.length === 0) return
  const had = res.getHeader("set-cookie")
  const before = had === undefined ? [] : Array.isArray(had) ? (had as string[]) : [String(had)]
  res.setHeader("set-cookie", [...before, ...cookies])
}

/**
 * `app.use("/api", protect({ client, oxdId }))`: the path checked is the full path (req.originalUrl); a granted
 * request goes on with its decision in `res.locals.oxdAccess`.
 */
export const protect = (options: ProtectOptions): Middleware => {
  const guard = protectCore(options)
  return (req, res, next) => {
    const apply = (v: Verdict) => {
      if (!v.ok) return send(res, v.reply)
      res.locals["oxdAccess"] = v.decision
      next()
    }
    // at once when the client answered at once (an in-process core's warm state): no turn of the event loop lost
    const v = guard.decide({ method: req.method, path: req.originalUrl, authorization: req.headers.authorization })
    if (v instanceof Promise) v.then(apply, next)
    else apply(v)
  }
}

const authRequest = (req: ExpressRequest) => ({ url: req.originalUrl, cookie: req.headers.cookie })

/**
 * The sign-in routes and a session middleware over one createAuth:
 * `app.get("/login", a.login())`, `app.get("/callback", a.callback)`, `app.get("/logout", a.logout)`, and
 * `app.use(a.session)` (the session, refreshed when due, in `res.locals.oxdSession`; undefined when signed out).
 */
export const auth = (options: AuthOptions | Auth) => {
  const core = "callback" in options ? options : createAuth(options)
  const run =
    (handle: (req: ExpressRequest) => Promise<Reply>): Middleware =>
    (req, res, next) => {
      handle(req).then((reply) => send(res, reply), next)
    }
  return {
    core,
    login: (o?: LoginOptions) => run((req) => core.login(authRequest(req), o)),
    callback: run((req) => core.callback(authRequest(req))),
    logout: run((req) => core.logout(authRequest(req))),
    session: ((req, res, next) => {
      core.session(authRequest(req)).then(({ session, headers }) => {
        appendCookies(res, headers)
        res.locals["oxdSession"] = session
        next()
      }, next)
    }) satisfies Middleware,
  }
}

/** The session the session middleware put on this response (undefined when signed out). */
export const sessionOf = (res: Pick<ExpressResponse, "locals">): Session | undefined =>
  res.locals["oxdSession"] as Session | undefined

/** The decision protect() let this request through with. */
export const accessOf = (res: Pick<ExpressResponse, "locals">): AccessDecision | undefined =>
  res.locals["oxdAccess"] as AccessDecision | undefined
