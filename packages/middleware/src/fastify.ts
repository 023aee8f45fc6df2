/**
 * "@oxd/middleware/fastify": protect() as a preHandler hook and the sign-in handlers as route handlers (Fastify 4
 * and 5). The types are structural (what the adapter touches), so this entry needs no fastify types.
 */
import { createAuth, type Auth, type AuthOptions, type LoginOptions } from "./auth.js"
import { groupedHeaders } from "./adapters.js"
import { protect as protectCore, type AccessDecision, type ProtectOptions } from "./protect.js"
import type { Reply } from "./reply.js"
import type { Session } from "./session.js"

export interface FastifyRequestLike {
  readonly method: string
  /** The URL as sent (path and query). */
  readonly url: string
  readonly headers: { readonly authorization?: string | undefined; readonly cookie?: string | undefined }
  /** Set by protect(): the decision of a request it let through. */
  oxdAccess?: AccessDecision
  /** Set by the session hook. */
  oxdSession?: Session | undefined
}
export interface FastifyReplyLike {
  code(status: number): FastifyReplyLike
  header(name: string, value: string | string[]): FastifyReplyLike
  getHeader(name: string): unknown
  send(body?: string): FastifyReplyLike
}

/** Writes a Reply on a Fastify reply (returned, so that an async hook or handler ends the request with it). */
export const send = <R extends FastifyReplyLike>(reply: R, r: Reply): R => {
  reply.code(r.status)
  for (const [name, value] of groupedHeaders(r)) reply.header(name, value)
  return reply.send(r.body) as R
}

/**
 * `app.addHook("preHandler", protect({ client, oxdId }))` (or a route's preHandler): a refused request is answered
 * here; a granted one goes on with its decision in `request.oxdAccess`.
 */
export const protect = (options: ProtectOptions) => {
  const guard = protectCore(options)
  return async <Q extends FastifyRequestLike, R extends FastifyReplyLike>(request: Q, reply: R) => {
    const v = await guard.check({
      method: request.method,
      path: request.url,
      authorization: request.headers.authorization,
    })
    if (!v.ok) return send(reply, v.reply)
    request.oxdAccess = v.decision
    return undefined
  }
}

const authRequest = (req: FastifyRequestLike) => ({ url: req.url, cookie: req.headers.cookie })

/**
 * Route handlers over one createAuth: `app.get("/login", a.login())`, `app.get("/callback", a.callback)`,
 * `app.get("/logout", a.logout)`, and the hook `app.addHook("preHandler", a.session)` (`request.oxdSession`).
 */
export const auth = (options: AuthOptions | Auth) => {
  const core = "callback" in options ? options : createAuth(options)
  const run =
    (handle: (req: FastifyRequestLike) => Promise<Reply>) =>
    async <Q extends FastifyRequestLike, R extends FastifyReplyLike>(request: Q, reply: R) =>
      send(reply, await handle(request))
  return {
    core,
    login: (o?: LoginOptions) => run((req) => core.login(authRequest(req), o)),
    callback: run((req) => core.callback(authRequest(req))),
    logout: run((req) => core.logout(authRequest(req))),
    session: async <Q extends FastifyRequestLike, R extends FastifyReplyLike>(request: Q, reply: R) => {
      const { session, headers } = await core.session(authRequest(request))
      const cookies = headers.filter(([n]) => n === "set-cookie").map(([, v]) => v)
      if (cookies.length > 0) {
        const had = reply.getHeader("set-cookie")
        const before = had === undefined ? [] : Array.isArray(had) ? (had as string[]) : [String(had)]
        reply.header("set-cookie", [...before, ...cookies])
      }
      request.oxdSession = session
    },
  }
}
