import { AuthorizationResponseError, headlessLogin, type TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createAuth, type AuthOptions } from "./auth.js"
import type { Reply } from "./reply.js"
import { memorySessionStore } from "./stores.js"
import { REDIRECT_URI, registerUmaSite, startOp, startOxd, type Oxd, type Transport } from "./test-support/oxd.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
const SECRET = "a test secret of at least thirty-two characters"
const HOME = "https://rp.example.org/"

beforeAll(async () => {
  op = await startOp()
  oxd = await startOxd(op)
  oxdId = await registerUmaSite(oxd.clientFor("tcp"), op)
})
afterAll(async () => {
  await oxd?.close()
  await op?.close()
})

const header = (r: Reply, name: string) => r.headers.filter(([n]) => n === name).map(([, v]) => v)
const location = (r: Reply) => header(r, "location")[0] ?? ""
/** The Cookie header a browser would send back after these Set-Cookie headers (cleared ones dropped). */
const jar = (...replies: Array<string | { headers: Reply["headers"] }>) => {
  const cookies = new Map<string, string>()
  for (const r of replies)
    for (const [n, v] of typeof r === "string" ? r.split("; ").map((c) => ["set-cookie", c] as const) : r.headers) {
      if (n !== "set-cookie") continue
      const [pair] = v.split(";")
      const [name, value] = [pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1)]
      if (/Max-Age=0\b/.test(v)) cookies.delete(name)
      else cookies.set(name, value)
    }
  return [...cookies].map(([n, v]) => `${n}=${v}`).join("; ")
}

const authOver = (transport: Transport, extra: Partial<AuthOptions> = {}) =>
  createAuth({ client: oxd.clientFor(transport), oxdId, secret: SECRET, postLogoutRedirectUri: HOME, ...extra })

/** login → the OP (alice signs in headlessly) → callback: the callback's reply and the cookies. */
const signIn = async (auth: ReturnType<typeof createAuth>, url = "/login?returnTo=/photos") => {
  const login = await auth.login({ url })
  const { code, state } = await headlessLogin(location(login), { ca: op.caPem })
  const callbackUrl = `${REDIRECT_URI}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state!)}`
  const callback = await auth.callback({ url: callbackUrl, cookie: jar(login) })
  return { login, callback, callbackUrl, cookie: jar(login, callback) }
}

describe.each(["https", "in-process"] as const)("login, callback, session, logout over %s", (transport) => {
  it("signs alice in: OP redirect with the login params, a sealed HttpOnly session, user info, then sign-out at the OP", async () => {
    const auth = authOver(transport, {
      login: { prompt: "login", acrValues: ["basic"], customParameters: { ui_locales: "fr" } },
    })
    const { login, callback, cookie } = await signIn(auth)
    expect(login.status).toBe(302)
    const authz = new URL(location(login))
    expect(authz.origin).toBe(new URL(op.issuer).origin)
    expect([authz.searchParams.get("prompt"), authz.searchParams.get("acr_values")]).toEqual(["login", "basic"])
    expect(authz.searchParams.get("ui_locales")).toBe("fr")
    expect(header(login, "set-cookie")[0]).toMatch(
      /^oxd_session_login=[^;]+; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/,
    )

    expect([callback.status, location(callback)]).toEqual([302, "/photos"])
    const sessionCookie = header(callback, "set-cookie").find((c) => c.startsWith("oxd_session="))!
    expect(sessionCookie).toMatch(/HttpOnly; Secure; SameSite=Lax$/)
    // sealed: the browser cannot read the tokens or the user
    expect(sessionCookie).not.toMatch(/248289761001|alice|eyJ[\w-]+\.eyJ/)

    const { session, headers } = await auth.session({ url: "/photos", cookie })
    expect(headers).toEqual([])
    expect(session).toMatchObject({ sub: "248289761001", accessToken: expect.any(String), idToken: expect.any(String) })
    expect(session!.claims["iss"]).toBeUndefined()
    expect((await auth.userInfo(session!))["sub"]).toEqual(["248289761001"])

    const logout = await auth.logout({ url: "/logout", cookie })
    const endSession = new URL(location(logout))
    expect(endSession.origin).toBe(new URL(op.issuer).origin)
    expect(endSession.searchParams.get("id_token_hint")).toBe(session!.idToken)
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(HOME)
    expect(header(logout, "set-cookie")).toEqual([expect.stringMatching(/^oxd_session=; .*Max-Age=0/)])
    // the old cookie no longer opens the session (remembered as ended, even though the cookie holds it all)
    expect((await auth.session({ url: "/", cookie })).session).toBeUndefined()
  })

  it("refuses a callback this browser did not start (no or another login cookie) without spending the state", async () => {
    const auth = authOver(transport)
    const login = await auth.login({ url: "/login" })
    const { code, state } = await headlessLogin(location(login), { ca: op.caPem })
    const url = `${REDIRECT_URI}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state!)}`
    const other = jar(await auth.login({ url: "/login" }))
    for (const cookie of [undefined, other, "oxd_session_login=forged"]) {
      const r = await auth.callback({ url, cookie })
      expect([r.status, JSON.parse(r.body!).error]).toEqual([400, "invalid_state"])
    }
    // the state was not spent at oxd by the refusals: the right browser completes; a replay then is refused
    const ok = await auth.callback({ url, cookie: jar(login) })
    expect(ok.status).toBe(302)
    const replay = await auth.callback({ url, cookie: jar(login) })
    expect([replay.status, JSON.parse(replay.body!).error]).toEqual([400, "invalid_grant"])
  })

  it("an error from the OP (prompt=none without an OP session: login_required) is a 401 naming it; no session", async () => {
    const auth = authOver(transport)
    const login = await auth.login({ url: "/login" }, { prompt: "none" })
    const refused = await headlessLogin(location(login), { ca: op.caPem }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AuthorizationResponseError)
    const params = (refused as AuthorizationResponseError).params
    const r = await auth.callback({ url: `${REDIRECT_URI}?${params}`, cookie: jar(login) })
    expect([r.status, JSON.parse(r.body!).error]).toEqual([401, "login_required"])
    expect(header(r, "set-cookie")).toEqual([expect.stringMatching(/^oxd_session_login=; .*Max-Age=0/)])
  })
})

describe("sessions", () => {
  it("refreshes the access token before it expires (get_access_token_by_refresh_token) and sends the new cookie", async () => {
    // every access token is "about to expire" with a refresh window longer than its life
    const auth = authOver("tcp", { refreshBeforeSeconds: 100_000 })
    const { cookie } = await signIn(auth)
    // the same secret with the default window reads the session as it was signed in
    const signedIn = (await authOver("tcp").session({ url: "/", cookie })).session!
    const refreshed = await auth.session({ url: "/", cookie })
    expect(signedIn.refreshToken).toEqual(expect.any(String))
    expect(refreshed.session!.accessToken).not.toBe(signedIn.accessToken)
    expect(refreshed.session!.expiresAt).toBeGreaterThanOrEqual(signedIn.expiresAt)
    expect(refreshed.headers).toEqual([["set-cookie", expect.stringMatching(/^oxd_session=/)]])
    // the new cookie holds the new token; the OP's user info answers with it
    const next = await authOver("tcp").session({ url: "/", cookie: jar(cookie, refreshed) })
    expect(next.session!.accessToken).toBe(refreshed.session!.accessToken)
    expect((await auth.userInfo(next.session!))["sub"]).toEqual(["248289761001"])
  })

  it("refreshes once for requests that arrive together, and for a late request with the cookie from before", async () => {
    const auth = authOver("tcp", { refreshBeforeSeconds: 100_000 })
    const { cookie } = await signIn(auth)
    const [a, b] = await Promise.all([auth.session({ url: "/", cookie }), auth.session({ url: "/", cookie })])
    expect([a.session?.accessToken, b.session?.accessToken]).toEqual([expect.any(String), a.session?.accessToken])
    // the browser's older cookie, sent once more after the refresh: the same fresh session, not a refused refresh
    const late = await auth.session({ url: "/", cookie })
    expect(late.session?.accessToken).toBe(a.session!.accessToken)
    expect((await auth.userInfo(late.session!))["sub"]).toEqual(["248289761001"])
  })

  it("endSessions (the back-channel logout hook) ends the user's sessions in the cookie store and in a memory store", async () => {
    for (const store of [undefined, memorySessionStore()]) {
      const auth = authOver("in-process", store ? { store } : {})
      const a = await signIn(auth)
      expect((await auth.session({ url: "/", cookie: a.cookie })).session).toBeDefined()
      await auth.endSessions({ sub: "248289761001" })
      expect((await auth.session({ url: "/", cookie: a.cookie })).session, String(store)).toBeUndefined()
      // a sign-in after the end is a new session
      const b = await signIn(auth)
      expect((await auth.session({ url: "/", cookie: b.cookie })).session?.sub).toBe("248289761001")
    }
  })

  it("a tampered or foreign session cookie is no session, and is cleared", async () => {
    const auth = authOver("in-process")
    const { cookie } = await signIn(auth)
    const value = /oxd_session=([^;]+)/.exec(cookie)![1]!
    const flipped = value.slice(0, -5) + (value.at(-5) === "A" ? "B" : "A") + value.slice(-4)
    const other = createAuth({ client: oxd.clientFor("in-process"), oxdId, secret: "x".repeat(40) })
    for (const [a, c] of [
      [auth, `oxd_session=${flipped}`],
      [other, cookie],
    ] as const) {
      const r = await a.session({ url: "/", cookie: c })
      expect(r.session).toBeUndefined()
      expect(r.headers).toEqual([["set-cookie", expect.stringMatching(/^oxd_session=; .*Max-Age=0/)]])
    }
  })

  it("oxd down at login: 503 without internals; onError is told", async () => {
    const down = await startOxd(op)
    const client = down.clientFor("tcp")
    await down.stack.close()
    const errors: unknown[] = []
    const auth = createAuth({ client, oxdId, secret: SECRET, onError: (e) => errors.push(e) })
    const r = await auth.login({ url: "/login" })
    expect([r.status, JSON.parse(r.body!)]).toEqual([
      503,
      { error: "service_unavailable", error_description: "Sign-in is unavailable; try again later." },
    ])
    expect(errors).toHaveLength(1)
    await down.close()
  })

  it("refuses a short secret", () => {
    expect(() => createAuth({ client: oxd.clientFor("tcp"), oxdId, secret: "short" })).toThrow(/at least 32/)
  })
})
