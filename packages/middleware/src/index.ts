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
