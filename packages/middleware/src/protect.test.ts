import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { protect, type AccessDecision } from "./protect.js"
import { registerUmaSite, rptFor, startOp, startOxd, TRANSPORTS, type Oxd } from "./test-support/oxd.js"

let op: TestOp
let oxd: Oxd
let oxdId: string

beforeAll(async () => {
  op = await startOp()
  oxd = await startOxd(op)
  op.uma!.setPolicy("view", { kind: "grant" })
  oxdId = await registerUmaSite(oxd.clientFor("tcp"), op)
})
afterAll(async () => {
  await oxd?.close()
  await op?.close()
})

const APP = "http://app.test"
const get = (path: string, rpt?: string, method = "GET") =>
  new Request(`${APP}${path}`, { method, headers: rpt === undefined ? {} : { authorization: `Bearer ${rpt}` } })

/** A fetch handler behind protect(): it answers with the decision it was given. */
const app = (transport: (typeof TRANSPORTS)[number], onUnprotected?: "pass" | "refuse") =>
  protect({ client: oxd.clientFor(transport), oxdId, ...(onUnprotected ? { onUnprotected } : {}) }).fetch(
    (_req, decision: AccessDecision) => Response.json(decision),
  )

describe.each(TRANSPORTS)("protect() over %s", (transport) => {
  it("denies a request without RPT: 401 with oxd's WWW-Authenticate (realm, as_uri, ticket); the handler is not run", async () => {
    const res = await app(transport)(get("/photos?size=big"))
    expect(res.status).toBe(401)
    const header = res.headers.get("www-authenticate") ?? ""
    expect(header).toMatch(
      new RegExp(
        `^UMA realm="[^"]+",as_uri="${op.issuer.replace(/[.]/g, "\\.")}",error="insufficient_scope",ticket="[^"]+"$`,
      ),
    )
    expect(await res.json()).toEqual({ error: "unauthorized", error_description: expect.any(String) })
  })

  it("grants a request whose RPT holds the permission: the handler gets the decision; a wrong method stays 401", async () => {
    const denied = await app(transport)(get("/photos"))
    const rpt = await rptFor(oxd.clientFor(transport), oxdId, denied.headers.get("www-authenticate")!)
    const res = await app(transport)(get("/photos?size=big", rpt))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ access: "granted", path: "/photos", method: "GET", rpt })
    // an RPT for GET does not open POST (scope add), nor does a garbage token
    expect((await app(transport)(get("/photos", rpt, "POST"))).status).toBe(401)
    expect((await app(transport)(get("/photos", "not-an-rpt"))).status).toBe(401)
    // "Bearer" without a token, or another scheme: no RPT
    const basic = new Request(`${APP}/photos`, { headers: { authorization: `Basic ${rpt}` } })
    expect((await app(transport)(basic)).status).toBe(401)
  })

  it("a path the site does not protect: 403 by default, passed through with onUnprotected: pass", async () => {
    const refused = await app(transport)(get("/public"))
    expect(refused.status).toBe(403)
    expect(refused.headers.get("www-authenticate")).toBeNull()
    const passed = await app(transport, "pass")(get("/public"))
    expect(passed.status).toBe(200)
    expect(await passed.json()).toEqual({ access: "unprotected", path: "/public", method: "GET" })
  })

  it("an oxd that refuses the client (a foreign protection token): 503 without internals; onError is told", async () => {
    const errors: unknown[] = []
    const guard = protect({
      client: oxd.clientFor(transport, { token: "not-a-token" }),
      oxdId,
      onError: (e) => errors.push(e),
    })
    // in process the token is checked as over TCP, where protection is on in this stack
    const res = await guard.fetch(() => new Response("never"))(get("/photos"))
    expect(res.status).toBe(503)
    const body = await res.text()
    expect(JSON.parse(body)).toEqual({
      error: "service_unavailable",
      error_description: "Authorization is unavailable; try again later.",
    })
    expect(body).not.toMatch(/token|oxd_id|127\.0\.0\.1/)
    expect(errors).toHaveLength(1)
  })
})

describe("protect() when oxd is down", () => {
  it("503 over tcp, https and ws whose server is gone, and in process on a disposed core; the body says nothing more", async () => {
    const down = await startOxd(op)
    const site = await registerUmaSite(down.clientFor("tcp"), op)
    const clients = TRANSPORTS.map((t) => down.clientFor(t))
    await down.stack.close()
    for (const [i, client] of clients.entries()) {
      const errors: unknown[] = []
      const res = await protect({ client, oxdId: site, onError: (e) => errors.push(e) }).fetch(
        () => new Response("never"),
      )(get("/photos"))
      expect([TRANSPORTS[i], res.status, res.headers.get("retry-after")]).toEqual([TRANSPORTS[i], 503, "5"])
      expect(await res.json()).toEqual({
        error: "service_unavailable",
        error_description: "Authorization is unavailable; try again later.",
      })
      expect(errors).toHaveLength(1)
    }
    await down.close()
  }, 60_000)
})

describe("decide(): the verdict at once when the client has it at once", () => {
  it("in process, a cached granted check is a verdict, not a promise; the same as check's, refusals included", async () => {
    const client = oxd.clientFor("in-process")
    const guard = protect({ client, oxdId })
    const denied = await guard.check({ method: "GET", path: "/photos" })
    const header = denied.ok ? "" : (denied.reply.headers.find(([n]) => n === "www-authenticate")?.[1] ?? "")
    const rpt = await rptFor(client, oxdId, header)
    const granted = { method: "get", path: "/photos?size=big", authorization: `Bearer ${rpt}` }
    // the first check fills the core's caches (site, resources, the RPT's introspection); then warm state answers
    expect(await guard.check(granted)).toEqual({
      ok: true,
      decision: { access: "granted", path: "/photos", method: "GET", rpt },
    })
    const now = guard.decide(granted)
    expect(now).not.toBeInstanceOf(Promise)
    expect(now).toEqual(await guard.check(granted))
    // what warm state cannot grant (a wrong method, a garbage RPT) is the ordinary road's, a promise, and refused
    for (const refused of [
      { ...granted, method: "POST" },
      { ...granted, authorization: "Bearer not-an-rpt" },
    ]) {
      const later = guard.decide(refused)
      expect(later).toBeInstanceOf(Promise)
      expect(await later).toMatchObject({ ok: false, reply: { status: 401 } })
    }
  })

  it("over a network transport, always a promise, with check's verdict", async () => {
    const guard = protect({ client: oxd.clientFor("tcp"), oxdId })
    const later = guard.decide({ method: "GET", path: "/photos" })
    expect(later).toBeInstanceOf(Promise)
    expect(await later).toMatchObject({ ok: false, reply: { status: 401 } })
  })
})
