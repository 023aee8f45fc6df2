import { headlessLogin, type TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, oxdFor, REDIRECT_URI, registerAtOp, registerSite, startOp } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
beforeAll(async () => {
  op = await startOp()
  oxd = oxdFor(op)
  oxdId = await registerSite(oxd, op)
})
afterAll(async () => {
  await oxd?.dispose()
  await op?.close()
})

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
    expect(q.get("nonce")).toMatch(/^[A-Za-z0-9_-]{22}$/) // 128 bits, derived with the state (sealedState.ts)
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
    expect((await urlOf({ oxd_id: oxdId, scope: ["openid", "profile"] })).searchParams.get("scope")).toBe("openid profile")
    expect((await urlOf({ oxd_id: oxdId, scope: "openid" })).searchParams.get("scope")).toBe("openid")
  })

  it("rejects a scope that is not a list of strings with invalid_scope", async () => {
    const e = await failure(call(oxd, "get_authorization_url", { oxd_id: oxdId, scope: [1, 2] }))
    expect(e).toMatchObject({ error: "invalid_scope", http: 400 })
    expect(e.error_description).toContain('"scope')
  })

  it("passes prompt and acr_values through", async () => {
    const q = (await urlOf({ oxd_id: oxdId, prompt: "login", acr_values: ["basic", "otp"] })).searchParams
    expect(q.get("prompt")).toBe("login")
    expect(q.get("acr_values")).toBe("basic otp")
  })

  it("uses the acr_values registered with the site when none are given", async () => {
    // the test OP accepts no default_acr_values at registration, so the site uses a client registered beforehand
    const client = await registerAtOp(op)
    const withAcr = await registerSite(oxd, op, { acr_values: ["basic"], client_id: client["client_id"], client_secret: client["client_secret"] })
    expect((await urlOf({ oxd_id: withAcr })).searchParams.get("acr_values")).toBe("basic")
    expect((await urlOf({ oxd_id: oxdId })).searchParams.has("acr_values")).toBe(false)
  })

  it("passes custom_parameters but never lets them replace state, nonce, PKCE, redirect_uri, client_id or response_type", async () => {
    const q = (await urlOf({
      oxd_id: oxdId,
      custom_parameters: {
        login_hint: "alice", ui_locales: "fr",
        state: "attacker-state", nonce: "attacker-nonce", redirect_uri: "https://evil.example.org/cb", client_id: "someone-else",
        response_type: "token", code_challenge: "x", code_challenge_method: "plain",
      },
    })).searchParams
    expect(q.get("login_hint")).toBe("alice")
    expect(q.get("ui_locales")).toBe("fr")
    expect(q.getAll("state")).toHaveLength(1)
    expect(q.get("state")).not.toBe("attacker-state")
    expect(q.get("nonce")).not.toBe("attacker-nonce")
    expect(q.getAll("redirect_uri")).toEqual([REDIRECT_URI])
    expect(q.get("client_id")).not.toBe("someone-else")
    expect(q.get("response_type")).toBe("code")
    expect(q.get("code_challenge_method")).toBe("S256")
    expect(q.get("code_challenge")).not.toBe("x")
  })

  it("rejects custom_parameters that are not strings with bad_request", async () => {
    const e = await failure(call(oxd, "get_authorization_url", { oxd_id: oxdId, custom_parameters: { max_age: 5 } }))
    expect(e.error).toBe("bad_request")
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
