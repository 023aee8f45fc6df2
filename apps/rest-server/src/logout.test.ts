import { createHmac, randomUUID } from "node:crypto"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import { BrowserSession, headlessLogin, headlessLogout, type TestOp } from "@oxd/test-op"
import { eventually, freePort, opOrigin, startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startRestServer, type RestServer } from "./RestServer.js"
import { send } from "./test-support/http.js"

const EVENT = "http://schemas.openid.net/event/backchannel-logout"
const REDIRECT_URI = "https://rp.example.org/callback"
const POST_LOGOUT_URI = "https://rp.example.org/logged-out"

let op: TestOp
let oxd: Oxd
let rest: RestServer
const WEBHOOK_SECRET = "webhook-secret-shared-with-the-app"

/** The application's logout webhook: what it received (raw body, signature); answers `status()` to each call. */
interface Hook {
  readonly url: string
  readonly calls: Array<{ body: string; signature: string | undefined }>
  status: () => number
}
let hookServer: Server
const hooks = new Map<string, Hook>()
const newHook = (): Hook => {
  const path = `/hook/${randomUUID()}`
  const hook: Hook = {
    url: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}${path}`,
    calls: [],
    status: () => 200,
  }
  hooks.set(path, hook)
  return hook
}

beforeAll(async () => {
  op = await startOp()
  oxd = makeOxd(
    makeConfig({
      database_url: ":memory:",
      log_level: "error",
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [opOrigin(op)],
      logout_webhook_secret: WEBHOOK_SECRET,
    }),
  )
  await oxd.ready()
  hookServer = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const hook = hooks.get(req.url ?? "")
      hook?.calls.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: req.headers["x-oxd-signature"] as string,
      })
      res.writeHead(hook?.status() ?? 404).end()
    })
  })
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r))
  // plain HTTP on loopback: the OP posts its logout tokens here
  rest = await startRestServer(oxd, { host: "127.0.0.1", port: 0, plainHttp: true })
})
afterAll(async () => {
  await new Promise((r) => hookServer?.close(r))
  await rest?.close()
  await oxd?.dispose()
  await op?.close()
})

const ok = async (command: string, params: Record<string, unknown>) => {
  const r = await oxd.dispatch(command, params, { transport: "internal" })
  if (r.envelope.status !== "ok") throw new Error(`${command}: ${JSON.stringify(r.envelope)}`)
  return r.envelope.data as Record<string, any>
}

/** A site whose back-channel logout URI is this REST server's receiver. */
const registerSite = async (extra: Record<string, unknown> = {}) => {
  const { oxd_id } = await ok("register_site", {
    ...extra,
    op_host: op.issuer,
    authorization_redirect_uri: REDIRECT_URI,
    post_logout_redirect_uri: POST_LOGOUT_URI,
    backchannel_logout_uri: `${rest.url.replace(/\/$/, "")}/backchannel-logout`,
    backchannel_logout_session_required: true,
  })
  const { authorization_url } = await ok("get_authorization_url", { oxd_id })
  return { oxdId: oxd_id as string, clientId: new URL(authorization_url).searchParams.get("client_id")! }
}

/** alice signs in through oxd in a browser session that can be ended at the OP later. */
const signIn = async (oxdId: string) => {
  const session = new BrowserSession()
  const { authorization_url } = await ok("get_authorization_url", { oxd_id: oxdId })
  const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem, session })
  const tokens = await ok("get_tokens_by_code", { oxd_id: oxdId, code, state })
  return {
    session,
    idToken: tokens["id_token"] as string,
    sid: tokens["id_token_claims"]["sid"]?.[0] as string,
    sub: tokens["id_token_claims"]["sub"][0] as string,
  }
}

const postLogoutToken = (token: string) =>
  send(rest, "/backchannel-logout", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ logout_token: token }).toString(),
  })

describe("back-channel logout, from the test OP", () => {
  it("the OP ends alice's session: its logout token is accepted and the site's session is logged out", async () => {
    const hook = newHook()
    const site = await registerSite({ logout_webhook_url: hook.url })
    const signedIn = await signIn(site.oxdId)
    expect(signedIn.sid).toEqual(expect.any(String))
    expect(await ok("check_session", { oxd_id: site.oxdId, sid: signedIn.sid })).toEqual({
      status: "active",
      logged_out_at: null,
      channel: null,
    })
    const events: Array<unknown> = []
    const stop = oxd.subscribe(
      (e) => e.type === "session_logged_out",
      (e) => events.push(e),
    )
    try {
      const { uri } = await ok("get_logout_uri", {
        oxd_id: site.oxdId,
        id_token_hint: signedIn.idToken,
        post_logout_redirect_uri: POST_LOGOUT_URI,
      })
      const successes: unknown[] = []
      const failures: unknown[] = []
      op.provider.on("backchannel.success", (...a) => successes.push(a))
      op.provider.on("backchannel.error", (_ctx, err) => failures.push(err))
      // the OP posts the logout token before it answers the confirmation
      await headlessLogout(uri, { ca: op.caPem, session: signedIn.session })
      expect(failures).toEqual([])
      expect(successes).toHaveLength(1)
      expect(events).toEqual([
        expect.objectContaining({
          type: "session_logged_out",
          oxd_id: site.oxdId,
          channel: "backchannel",
          sid: signedIn.sid,
          sub: signedIn.sub,
        }),
      ])
      const now = Math.floor(Date.now() / 1000)
      for (const key of [{ sid: signedIn.sid }, { sub: signedIn.sub }, { sid: signedIn.sid, sub: signedIn.sub }]) {
        const state = await ok("check_session", { oxd_id: site.oxdId, ...key })
        expect(state).toEqual({ status: "logged_out", logged_out_at: expect.any(Number), channel: "backchannel" })
        expect(Math.abs(state["logged_out_at"] - now)).toBeLessThanOrEqual(2)
      }
      // the application's webhook: one signed call
      const [call] = await eventually(() => hook.calls.length > 0 && hook.calls)
      expect(call!.signature).toBe(`sha256=${createHmac("sha256", WEBHOOK_SECRET).update(call!.body).digest("hex")}`)
      expect(JSON.parse(call!.body)).toEqual({
        type: "session_logged_out",
        oxd_id: site.oxdId,
        channel: "backchannel",
        sid: signedIn.sid,
        sub: signedIn.sub,
        at: expect.any(Number),
      })
    } finally {
      stop()
    }
  })
})

describe("public_base_url", () => {
  it("a site registered without a backchannel_logout_uri gets the server's own, and the OP's logout reaches it", async () => {
    const port = await freePort()
    const own = makeOxd(
      makeConfig({
        database_url: ":memory:",
        log_level: "error",
        trusted_ca_file: op.caFile,
        allowed_op_hosts: [opOrigin(op)],
        public_base_url: `http://127.0.0.1:${port}`,
      }),
    )
    const server = await startRestServer(own, { host: "127.0.0.1", port, plainHttp: true })
    try {
      const call = async (command: string, params: Record<string, unknown>) => {
        const r = await own.dispatch(command, params, { transport: "internal" })
        if (r.envelope.status !== "ok") throw new Error(`${command}: ${JSON.stringify(r.envelope)}`)
        return r.envelope.data as Record<string, any>
      }
      const { oxd_id } = await call("register_site", {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        post_logout_redirect_uri: POST_LOGOUT_URI,
      })
      const session = new BrowserSession()
      const { authorization_url } = await call("get_authorization_url", { oxd_id })
      const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem, session })
      const tokens = await call("get_tokens_by_code", { oxd_id, code, state })
      const sid = tokens["id_token_claims"]["sid"][0] as string
      const { uri } = await call("get_logout_uri", { oxd_id, id_token_hint: tokens["id_token"] })
      await headlessLogout(uri, { ca: op.caPem, session })
      expect(await call("check_session", { oxd_id, sid })).toMatchObject({
        status: "logged_out",
        channel: "backchannel",
      })
    } finally {
      await server.close()
      await own.dispose()
    }
  })
})

describe("front-channel logout", () => {
  it("GET with iss and sid ends that session: a tiny page, never cached, framed by the OP alone", async () => {
    const hook = newHook()
    const site = await registerSite({
      logout_webhook_url: hook.url,
      frontchannel_logout_uri: `${rest.url.replace(/\/$/, "")}/frontchannel-logout`,
      frontchannel_logout_session_required: true,
    })
    const signedIn = await signIn(site.oxdId)
    const events: unknown[] = []
    const stop = oxd.subscribe(
      (e) => e.type === "session_logged_out" && e.oxd_id === site.oxdId,
      (e) => events.push(e),
    )
    try {
      const query = new URLSearchParams({ iss: op.issuer, sid: signedIn.sid })
      const r = await send(rest, `/frontchannel-logout?${query}`, { method: "GET" })
      expect(r.status).toBe(200)
      expect(r.headers["content-type"]).toBe("text/html; charset=utf-8")
      expect(r.headers["cache-control"]).toBe("no-cache, no-store")
      expect(r.headers["content-security-policy"]).toContain(`frame-ancestors ${new URL(op.issuer).origin}`)
      expect(r.headers["x-frame-options"]).toBeUndefined()
      expect(r.text).toContain("Signed out.")
      expect(await ok("check_session", { oxd_id: site.oxdId, sid: signedIn.sid })).toEqual({
        status: "logged_out",
        logged_out_at: expect.any(Number),
        channel: "frontchannel",
      })
      expect(events).toEqual([
        expect.objectContaining({ channel: "frontchannel", sid: signedIn.sid, sub: null, oxd_id: site.oxdId }),
      ])
      await eventually(() => hook.calls.length === 1)
    } finally {
      stop()
    }
  })

  it("without sid it is a 400 page; a sid of no session here is answered 200 and ends nothing", async () => {
    const site = await registerSite()
    const signedIn = await signIn(site.oxdId)
    const missing = await send(rest, `/frontchannel-logout?iss=${encodeURIComponent(op.issuer)}`, { method: "GET" })
    expect(missing.status).toBe(400)
    expect(missing.headers["cache-control"]).toBe("no-cache, no-store")
    const other = await send(rest, `/frontchannel-logout?iss=${encodeURIComponent(op.issuer)}&sid=unknown`, {
      method: "GET",
    })
    expect(other.status).toBe(200)
    // another OP's iss with this sid: not this session
    const elsewhere = new URLSearchParams({ iss: "https://evil.example.org", sid: signedIn.sid })
    expect((await send(rest, `/frontchannel-logout?${elsewhere}`, { method: "GET" })).status).toBe(200)
    expect((await ok("check_session", { oxd_id: site.oxdId, sid: signedIn.sid }))["status"]).toBe("active")
  })
})

describe("logout webhook", () => {
  it("a webhook that fails is called again with backoff, and the OP's answer does not wait for it", async () => {
    const hook = newHook()
    let answers = [503, 500]
    hook.status = () => answers.shift() ?? 200
    const site = await registerSite({ logout_webhook_url: hook.url })
    const token = await op.signJwt({
      iss: op.issuer,
      aud: site.clientId,
      iat: Math.floor(Date.now() / 1000),
      jti: randomUUID(),
      sub: "248289761001",
      events: { [EVENT]: {} },
    })
    const r = await postLogoutToken(token)
    expect(r.status).toBe(200)
    expect(hook.calls.length).toBeLessThan(3)
    await eventually(() => hook.calls.length === 3)
    expect(new Set(hook.calls.map((c) => c.body)).size).toBe(1)
    answers = []
  })
})

describe("back-channel logout: each invalid logout token is refused with 400 and why", () => {
  let site: { oxdId: string; clientId: string }
  beforeAll(async () => {
    site = await registerSite()
  })
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: op.issuer,
    aud: site.clientId,
    iat: Math.floor(Date.now() / 1000),
    jti: randomUUID(),
    sid: `sid-${randomUUID()}`,
    sub: "248289761001",
    events: { [EVENT]: {} },
    ...over,
  })
  const refused = async (token: string, why: RegExp) => {
    const r = await postLogoutToken(token)
    expect(r.status).toBe(400)
    expect(r.body).toEqual({ error: "invalid_request", error_description: expect.stringMatching(why) })
  }

  it("a valid one is accepted (200), once: its replay is refused", async () => {
    const token = await op.signJwt(claims())
    const first = await postLogoutToken(token)
    expect(first.status).toBe(200)
    expect(first.headers["cache-control"]).toContain("no-store")
    await refused(token, /received before/)
  })
  it("bad signature (an impostor's key under the OP's kid)", async () =>
    refused(await op.signJwt(claims(), { key: "impostor" }), /signature/))
  it("a key the OP never published", async () =>
    refused(await op.signJwt(claims(), { key: "unknown" }), /key the OP does not publish|signature/))
  it("tokens with made-up kids refetch the OP's keys at most once in 10 s, however many arrive", async () => {
    // the keys are in the cache (the tests above fetched them); each of these names a kid the OP never published
    const before = op.counters()["jwks"] ?? 0
    for (let i = 0; i < 5; i++)
      await refused(await op.signJwt(claims(), { key: "unknown" }), /key the OP does not publish/)
    expect((op.counters()["jwks"] ?? 0) - before).toBeLessThanOrEqual(1)
  })
  it("wrong aud (another client)", async () =>
    refused(await op.signJwt(claims({ aud: "someone-else" })), /no site here is registered/))
  it("aud of the site but iss of another OP", async () =>
    refused(await op.signJwt(claims({ iss: "https://evil.example.org" })), /no site here is registered/))
  it("missing events", async () => refused(await op.signJwt(claims({ events: undefined })), /events/))
  it("events without the back-channel logout event", async () =>
    refused(await op.signJwt(claims({ events: { "http://example.org/other": {} } })), /events/))
  it("with a nonce", async () => refused(await op.signJwt(claims({ nonce: "n-0S6_WzA2Mj" })), /nonce/))
  it("expired", async () =>
    refused(
      await op.signJwt(
        claims({ iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }),
      ),
      /exp|iat/,
    ))
  it("issued too long ago (iat beyond logout_token_max_age_in_seconds)", async () =>
    refused(await op.signJwt(claims({ iat: Math.floor(Date.now() / 1000) - 3600 })), /iat/))
  it("neither sid nor sub", async () =>
    refused(await op.signJwt(claims({ sid: undefined, sub: undefined })), /neither sid nor sub/))
  it("no jti", async () => refused(await op.signJwt(claims({ jti: undefined })), /jti/))
  it("alg none", async () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url")
    await refused(`${b64({ alg: "none" })}.${b64(claims())}.`, /alg none/)
  })
  it("not a JWT, none at all, repeated, or not a form: 400, never 5xx", async () => {
    await refused("not-a-jwt", /not a JWT/)
    const none = await send(rest, "/backchannel-logout", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
    })
    expect([none.status, none.body?.error]).toEqual([400, "invalid_request"])
    const twice = await send(rest, "/backchannel-logout", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "logout_token=a&logout_token=b",
    })
    expect([twice.status, twice.body?.error_description]).toEqual([400, "logout_token is repeated"])
    const json = await send(rest, "/backchannel-logout", { body: { logout_token: "x" } })
    expect([json.status, json.body?.error]).toEqual([400, "invalid_request"])
    const get = await send(rest, "/backchannel-logout", { method: "GET" })
    expect(get.status).toBe(405)
  })
})
