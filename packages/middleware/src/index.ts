/**
 * "@oxd/middleware": the glue between an app and oxd on the Fetch API (Request → Response), for Hono, Next.js route
 * handlers, Bun, Deno and workers as they are; "@oxd/middleware/express" and "@oxd/middleware/fastify" adapt it.
 */
export type { OxdCaller } from "./OxdCaller.js"
export {
  protect,
  bearerRpt,
  accessRequestOf,
  type AccessDecision,
  type AccessRequest,
  type ProtectOptions,
  type Protection,
  type Verdict,
} from "./protect.js"
export { toResponse, type Reply } from "./reply.js"
export {
  createAuth,
  type Auth,
  type AuthOptions,
  type AuthRequest,
  type LoginOptions,
  type SessionResult,
} from "./auth.js"
export type { Session, SessionMatch, SessionStore } from "./session.js"
export { cookieSessionStore, memorySessionStore, type CookieStoreOptions } from "./stores.js"
export type { CookieOptions } from "./cookies.js"
