import Fastify, { type FastifyInstance } from "fastify"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, it } from "vitest"
import { auth, protect } from "./fastify.js"
import type { AccessDecision } from "./protect.js"
import type { Session } from "./session.js"
import { checkProtected, checkSignIn } from "./test-support/appFlow.js"
import { registerUmaSite, startOp, startOxd, type Oxd } from "./test-support/oxd.js"

let op: TestOp
let oxd: Oxd
let app: FastifyInstance
let base: string
let oxdId: string

beforeAll(async () => {
  op = await startOp()
  oxd = await startOxd(op)
  op.uma!.setPolicy("view", { kind: "grant" })
  // the port first (the site's redirect URI names it), the routes before listen (Fastify's rule): a second app
  const probe = Fastify()
  await probe.listen({ port: 0, host: "127.0.0.1" })
  const port = (probe.server.address() as { port: number }).port
  await probe.close()
  base = `http://127.0.0.1:${port}`
  oxdId = await registerUmaSite(oxd.clientFor("tcp"), op, `${base}/callback`)

  app = Fastify()
  // over https this time: the adapters take any client
  const client = oxd.clientFor("https")
  const a = auth({ client, oxdId, secret: "a fastify test secret of 32+ characters", cookie: { secure: false } })
  app.get("/login", a.login())
  app.get("/callback", a.callback)
  app.get("/logout", a.logout)
  app.get("/me", { preHandler: a.session }, async (request, reply) => {
    if (!request.oxdSession) return reply.redirect("/login?returnTo=/me")
    const claims = await a.core.userInfo(request.oxdSession)
    return { sub: claims["sub"], name: claims["name"] }
  })
  const guard = protect({ client, oxdId, onUnprotected: "pass" })
  app.get("/photos", { preHandler: guard }, async (request) => ({ photos: ["a.jpg"], access: request.oxdAccess }))
  app.post("/photos", { preHandler: guard }, async (_request, reply) => reply.code(201).send())
  app.get("/public", { preHandler: guard }, async (request) => ({ access: request.oxdAccess }))
  await app.listen({ port, host: "127.0.0.1" })
})
afterAll(async () => {
  await app?.close()
  await oxd?.close()
  await op?.close()
})

declare module "fastify" {
  interface FastifyRequest {
    oxdAccess?: AccessDecision
    oxdSession?: Session | undefined
  }
}

describe("Fastify (the real package) with @oxd/middleware/fastify, oxd over https", () => {
  it("protects /photos: 401 + WWW-Authenticate without RPT, the handler with the decision with one; /public passes", () =>
    checkProtected(base, oxd.clientFor("ws"), oxdId))
  it("signs a user in through the test OP, serves /me from the session, signs out", () => checkSignIn(base, op))
})
