import type { AddressInfo } from "node:net"
import type { Server } from "node:http"
import express from "express"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, it } from "vitest"
import { accessOf, auth, protect, sessionOf } from "./express.js"
import { checkProtected, checkSignIn } from "./test-support/appFlow.js"
import { registerUmaSite, startOp, startOxd, type Oxd } from "./test-support/oxd.js"

let op: TestOp
let oxd: Oxd
let server: Server
let base: string
let oxdId: string

beforeAll(async () => {
  op = await startOp()
  oxd = await startOxd(op)
  op.uma!.setPolicy("view", { kind: "grant" })
  const app = express()
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  oxdId = await registerUmaSite(oxd.clientFor("tcp"), op, `${base}/callback`)
  // the app as a user writes it: the site's routes, then the API behind protect()
  const client = oxd.clientFor("in-process")
  const a = auth({ client, oxdId, secret: "an express test secret of 32+ characters", cookie: { secure: false } })
  app.get("/login", a.login())
  app.get("/callback", a.callback)
  app.get("/logout", a.logout)
  app.get("/me", a.session, async (_req, res) => {
    const session = sessionOf(res)
    if (!session) return res.redirect("/login?returnTo=/me")
    const claims = await a.core.userInfo(session)
    res.json({ sub: claims["sub"], name: claims["name"] })
  })
  const guard = protect({ client, oxdId, onUnprotected: "pass" })
  app.get("/photos", guard, (_req, res) => {
    res.json({ photos: ["a.jpg"], access: accessOf(res) })
  })
  app.post("/photos", guard, (_req, res) => {
    res.status(201).end()
  })
  app.get("/public", guard, (_req, res) => {
    res.json({ access: accessOf(res) })
  })
})
afterAll(async () => {
  await new Promise((r) => server?.close(r))
  await oxd?.close()
  await op?.close()
})

describe("Express (the real package) with @oxd/middleware/express, oxd in process", () => {
  it("protects /photos: 401 + WWW-Authenticate without RPT, the handler with the decision with one; /public passes", () =>
    checkProtected(base, oxd.clientFor("tcp"), oxdId))
  it("signs a user in through the test OP, serves /me from the session, signs out", () => checkSignIn(base, op))
})
