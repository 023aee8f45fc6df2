import { headlessLogin, type TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Reply } from "../../envelope.js"
import type { Oxd } from "../../makeOxd.js"
import {
  call,
  failure,
  ok,
  REDIRECT_URI,
  registerAtOp,
  registerSite,
  startOpOxdAndSite,
} from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

const urlOf = async (params: Record<string, unknown>) => {
  const { authorization_url } = await ok<{ authorization_url: string }>(call(oxd, "get_authorization_url", params))
  return new URL(authorization_url)
}

describe("get_authorization_url", () => {
  it("builds a code-flow URL at the OP's authorization endpoint with state, nonce and PKCE S256", async () => {
    const url = await urlOf({ oxd_id: oxdId })
    expect(url.origin).toBe(op.issuer)
    const q = url.searchParams
    expect(q.get("response_type")).toBe("code")
    expect(q.get("redirect_uri")).toBe(REDIRECT_URI)
    expect(q.get("client_id")).toEqual(expect.any(String))
    expect(q.get("state")!.length).toBeGreaterThanOrEqual(43)
    expect(q.get("nonce")).toMatch(/^[A-Za-z0-9_-]{22}$/) // 132 bits, from the state's HMAC (sealedState.ts)
    expect(q.get("code_challenge_method")).toBe("S256")
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it("issues a fresh state, nonce and code challenge each time", async () => {
    const a = (await urlOf({ oxd_id: oxdId })).searchParams
    const b = (await urlOf({ oxd_id: oxdId })).searchParams
    for (const k of ["state", "nonce", "code_challenge"]) expect(a.get(k)).not.toBe(b.get(k))
  })

  it("requests the registered scopes when none are given", async () => {
    expect((await urlOf({ oxd_id: oxdId })).searchParams.get("scope")).toBe("openid profile email")
    const narrow = await registerSite(oxd, op, { scope: ["openid", "email"] })
    expect((await urlOf({ oxd_id: narrow })).searchParams.get("scope")).toBe("openid email")
  })

  it("requests the scopes given, as a list or a single string", async () => {
    expect((await urlOf({ oxd_id: oxdId, scope: ["openid", "profile"] })).searchParams.get("scope")).toBe(
      "openid profile",
    )
    expect((await urlOf({ oxd_id: oxdId, scope: "openid" })).searchParams.get("scope")).toBe("openid")
  })

  // GA4 / X3: a scope of the wrong JSON type is params Jackson cannot read: internal_error ERC:21 (Convertor.java:37-52);
  // numbers in the list are read as their text, as Jackson's String deserializer does
  it("GA4: answers a scope that is an object with internal_error (ERC:21), and reads numbers in it as text", async () => {
    const e = await failure(call(oxd, "get_authorization_url", { oxd_id: oxdId, scope: { openid: true } }))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toContain('"scope"')
    expect((await urlOf({ oxd_id: oxdId, scope: ["openid", 1] })).searchParams.get("scope")).toBe("openid 1")
  })

  it("passes prompt and acr_values through", async () => {
    const q = (await urlOf({ oxd_id: oxdId, prompt: "login", acr_values: ["basic", "otp"] })).searchParams
    expect(q.get("prompt")).toBe("login")
    expect(q.get("acr_values")).toBe("basic otp")
  })

  it("uses the acr_values registered with the site when none are given", async () => {
    // the test OP accepts no default_acr_values at registration, so the site uses a client registered beforehand
    const client = await registerAtOp(op)
    const withAcr = await registerSite(oxd, op, {
      acr_values: ["basic"],
      client_id: client["client_id"],
      client_secret: client["client_secret"],
    })
    expect((await urlOf({ oxd_id: withAcr })).searchParams.get("acr_values")).toBe("basic")
    expect((await urlOf({ oxd_id: oxdId })).searchParams.has("acr_values")).toBe(false)
  })

  it("passes custom_parameters that only ask the OP something, beside the server's own values", async () => {
    const claims = JSON.stringify({ id_token: { acr: { essential: true } } })
    const q = (
      await urlOf({
        oxd_id: oxdId,
        custom_parameters: { login_hint: "alice", ui_locales: "fr", max_age: "60", claims },
      })
    ).searchParams
    expect(q.get("login_hint")).toBe("alice")
    expect(q.get("ui_locales")).toBe("fr")
    expect(q.get("max_age")).toBe("60")
    expect(q.get("claims")).toBe(claims)
    // and together, as the reference sends them (GetAuthorizationUrlOperation.java:70-72, oxAuth Util.mapAsString)
    expect(JSON.parse(q.get("custom_response_headers")!)).toEqual([
      { login_hint: "alice" },
      { ui_locales: "fr" },
      { max_age: "60" },
      { claims },
    ])
    expect(q.getAll("state")).toHaveLength(1)
    expect(q.getAll("redirect_uri")).toEqual([REDIRECT_URI])
    expect(q.get("response_type")).toBe("code")
    expect(q.get("code_challenge_method")).toBe("S256")
  })

  const REFUSED = [
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
    "redirect_uri",
    "client_id",
    "response_type",
    "scope",
    "request",
    "request_uri",
    "response_mode",
    "registration",
  ]

  it.each(REFUSED)(
    "refuses custom_parameters.%s with bad_request naming it (never dropped, never passed on)",
    async (key) => {
      const r = await oxd.dispatch(
        "get_authorization_url",
        { oxd_id: oxdId, custom_parameters: { login_hint: "alice", [key]: "https://evil.example.org/x" } },
        { transport: "internal" },
      )
      const e = await failure(r)
      expect(e).toMatchObject({ error: "bad_request", http: 400 })
      expect(e.error_description).toMatch(
        new RegExp(`^Invalid params: "custom_parameters\\.${key}" is not allowed: it .+`),
      )
    },
  )

  // audit item 8: one custom_response_headers parameter, a JSON array of one-member objects (GetAuthorizationUrlOperation.java:70-72)
  it("sends custom_parameters as the reference's custom_response_headers JSON array, and none without them", async () => {
    const q = (await urlOf({ oxd_id: oxdId, custom_parameters: { param1: "value1", "x-tenant": "a b&c" } }))
      .searchParams
    expect(q.get("custom_response_headers")).toBe('[{"param1":"value1"},{"x-tenant":"a b&c"}]')
    expect(q.get("param1")).toBe("value1")
    expect((await urlOf({ oxd_id: oxdId })).searchParams.has("custom_response_headers")).toBe(false)
    expect((await urlOf({ oxd_id: oxdId, custom_parameters: {} })).searchParams.has("custom_response_headers")).toBe(
      false,
    )
  })

  // GA3: Jackson reads a number or boolean for a Map<String,String> value as its text; org.json drops a null value
  it("GA3: sends custom_parameters numbers and booleans as text, and leaves null ones out", async () => {
    const q = (await urlOf({ oxd_id: oxdId, custom_parameters: { max_age: 60, trusted: true, gone: null } }))
      .searchParams
    expect(q.get("max_age")).toBe("60")
    expect(q.get("trusted")).toBe("true")
    expect(q.has("gone")).toBe(false)
    expect(JSON.parse(q.get("custom_response_headers")!)).toEqual([{ max_age: "60" }, { trusted: "true" }])
    // a refused name with a null value is no parameter: nothing to refuse
    expect(
      (await urlOf({ oxd_id: oxdId, custom_parameters: { state: null } })).searchParams.getAll("state"),
    ).toHaveLength(1)
  })

  // hd: Google's hosted domain, sent as &hd= (GetAuthorizationUrlParams.java:25-26, GetAuthorizationUrlOperation.java:66-68)
  it("passes hd", async () => {
    expect((await urlOf({ oxd_id: oxdId, hd: "example.org" })).searchParams.get("hd")).toBe("example.org")
    expect((await urlOf({ oxd_id: oxdId })).searchParams.has("hd")).toBe(false)
  })

  // the reference keeps a site's locales but never sends them (RegisterSiteOperation.java:223-231, GetAuthorizationUrlOperation.java:51-72)
  it("does not send the site's registered ui_locales or claims_locales (custom_parameters can)", async () => {
    const withLocales = await registerSite(oxd, op, { ui_locales: ["fr"], claims_locales: ["de"] })
    const q = (await urlOf({ oxd_id: withLocales })).searchParams
    expect(q.has("ui_locales")).toBe(false)
    expect(q.has("claims_locales")).toBe(false)
  })

  it("answers custom_parameters that are objects with internal_error (X3)", async () => {
    const e = await failure(
      call(oxd, "get_authorization_url", { oxd_id: oxdId, custom_parameters: { max_age: { a: 5 } } }),
    )
    expect(e.error).toBe("internal_error")
    expect(e.error_description).toContain("custom_parameters")
  })

  it("gives a URL the OP accepts: login completes and returns the same state", async () => {
    const url = await urlOf({ oxd_id: oxdId })
    const { code, state } = await headlessLogin(url.href, { ca: op.caPem })
    expect(code).toEqual(expect.any(String))
    expect(state).toBe(url.searchParams.get("state"))
  })

  it("remembers the PKCE verifier: the code exchange succeeds (the OP checks the challenge)", async () => {
    const url = await urlOf({ oxd_id: oxdId })
    const { code, state } = await headlessLogin(url.href, { ca: op.caPem })
    const tokens = await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
    expect(tokens["access_token"]).toEqual(expect.any(String))
  })

  it("rejects an unknown oxd_id with invalid_oxd_id", async () => {
    expect((await failure(call(oxd, "get_authorization_url", { oxd_id: "unknown" }))).error).toBe("invalid_oxd_id")
  })
})

// Answered on the synchronous road (fromWarmState.ts): once the site and the OP's discovery are cached and the state key is loaded,
// the URL is built synchronously, the same URL the handler builds, and a login through it completes.
const REFUSED_ON_BOTH_ROADS = ["request_uri", "response_mode", "state", "redirect_uri"]
const callNow = (params: Record<string, unknown>) =>
  oxd.call("get_authorization_url", params, { transport: "internal" })
const urlIn = (reply: Reply) => new URL((reply.envelope.data as { authorization_url: string }).authorization_url)
/** The URL's parameters without the random ones. */
const fixedParams = (url: URL) =>
  [...url.searchParams].filter(([k]) => !["state", "nonce", "code_challenge"].includes(k)).sort()

describe("get_authorization_url answered on the synchronous road", () => {
  // hd and custom_parameters (custom_response_headers) included: the same rules on both roads
  const params = {
    prompt: "login",
    acr_values: ["basic"],
    scope: ["openid", "profile"],
    hd: "example.org",
    custom_parameters: { ui_hint: "x", max_age: 60 },
  }

  it("builds, synchronously once warm, the URL the handler builds", async () => {
    // a site just registered: not cached yet (the suite's own stays cached through its logins)
    const p = { ...params, oxd_id: await registerSite(oxd, op) }
    const first = callNow(p)
    expect(first).toBeInstanceOf(Promise) // the handler: it reads the site (and, first of all, the state key and discovery)
    const ordinary = urlIn(await first)
    const now = callNow(p)
    expect(now).not.toBeInstanceOf(Promise)
    const fromWarmState = urlIn(now as Reply)
    expect(`${fromWarmState.origin}${fromWarmState.pathname}`).toBe(`${ordinary.origin}${ordinary.pathname}`)
    expect(fixedParams(fromWarmState)).toEqual(fixedParams(ordinary))
    expect(fromWarmState.searchParams.get("ui_hint")).toBe("x")
    expect(fromWarmState.searchParams.get("hd")).toBe("example.org")
    expect(fromWarmState.searchParams.get("custom_response_headers")).toBe('[{"ui_hint":"x"},{"max_age":"60"}]')
    expect(fromWarmState.searchParams.getAll("state")).toHaveLength(1)
    expect(fromWarmState.searchParams.get("state")).not.toBe(ordinary.searchParams.get("state"))
  })

  it("gives a URL whose login completes: state, nonce and PKCE verifier are those get_tokens_by_code derives", async () => {
    await ok(callNow({ oxd_id: oxdId }))
    const reply = callNow({ oxd_id: oxdId })
    expect(reply).not.toBeInstanceOf(Promise)
    const { code, state } = await headlessLogin(urlIn(reply as Reply).href, { ca: op.caPem })
    const tokens = await ok(oxd.call("get_tokens_by_code", { oxd_id: oxdId, code, state }, { transport: "internal" }))
    expect(tokens["access_token"]).toEqual(expect.any(String))
  })

  it.each(REFUSED_ON_BOTH_ROADS)(
    "refuses custom_parameters.%s once warm too: the same rule, answered by the handler",
    async (key) => {
      const p = { ...params, oxd_id: oxdId }
      await ok(callNow(p))
      expect(callNow(p)).not.toBeInstanceOf(Promise) // warm: this call shape is answered on the synchronous road
      const reply = callNow({ ...p, custom_parameters: { ui_hint: "x", [key]: "fragment" } })
      expect(reply).toBeInstanceOf(Promise)
      const e = await failure(reply)
      expect(e).toMatchObject({ error: "bad_request", http: 400 })
      expect(e.error_description).toContain(`"custom_parameters.${key}" is not allowed`)
    },
  )

  it("leaves an unknown site to the handler, which refuses it", async () => {
    const reply = callNow({ oxd_id: "unknown" })
    expect(reply).toBeInstanceOf(Promise)
    expect((await failure(reply)).error).toBe("invalid_oxd_id")
  })
})
