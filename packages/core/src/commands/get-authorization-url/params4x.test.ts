import { randomBytes } from "node:crypto"
import { headlessLogin, type TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, REDIRECT_URI, registerSite, startOpAndOxd } from "../../../test/support.js"

// Reference: oxd 4.x GetAuthorizationUrlParams.java:17-38, GetAuthorizationUrlOperation.java:44-105 (master)
let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

const OTHER = "https://rp.example.org/other-callback"
const urlOf = async (params: Record<string, unknown>) =>
  new URL((await ok<{ authorization_url: string }>(call(oxd, "get_authorization_url", params))).authorization_url)

describe("get_authorization_url: oxd 4.x params", () => {
  it("names a registered redirect_uri, and get_tokens_by_code exchanges the code with that same one", async () => {
    const oxdId = await registerSite(oxd, op, { redirect_uris: [OTHER] })
    const url = await urlOf({ oxd_id: oxdId, redirect_uri: OTHER })
    expect(url.searchParams.get("redirect_uri")).toBe(OTHER)
    const { code, state } = await headlessLogin(url.href, { ca: op.caPem })
    // the OP refuses an exchange naming another redirect URI than the request did (RFC 6749 §4.1.3)
    const tokens = await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
    expect(tokens["access_token"]).toEqual(expect.any(String))
    // the default still names authorization_redirect_uri
    expect((await urlOf({ oxd_id: oxdId })).searchParams.get("redirect_uri")).toBe(REDIRECT_URI)
  })

  it("refuses a redirect_uri the site did not register (redirect_uri_is_not_registered, ERC4:97) or that is no URL (invalid_redirect_uri, ERC4:71)", async () => {
    const oxdId = await registerSite(oxd, op)
    const foreign = await failure(call(oxd, "get_authorization_url", { oxd_id: oxdId, redirect_uri: OTHER }))
    expect(foreign).toMatchObject({ error: "redirect_uri_is_not_registered", http: 400 })
    const notUrl = await failure(call(oxd, "get_authorization_url", { oxd_id: oxdId, redirect_uri: "not a url" }))
    expect(notUrl.error).toBe("invalid_redirect_uri")
  })

  it("sends params each on its own (no custom_response_headers), and refuses those that would change the protocol", async () => {
    const oxdId = await registerSite(oxd, op)
    const q = (await urlOf({ oxd_id: oxdId, params: { login_hint: "alice", max_age: "60" } })).searchParams
    expect([q.get("login_hint"), q.get("max_age"), q.get("custom_response_headers")]).toEqual(["alice", "60", null])
    for (const key of ["state", "nonce", "redirect_uri", "request_uri", "response_mode", "code_challenge"]) {
      const e = await failure(call(oxd, "get_authorization_url", { oxd_id: oxdId, params: { [key]: "x" } }))
      expect(e.error, key).toBe("bad_request")
      expect(e.error_description).toContain(`params.${key}`)
    }
  })

  it("sends the caller's state and nonce; get_tokens_by_code takes that state once and checks the ID token's nonce", async () => {
    const oxdId = await registerSite(oxd, op)
    const state = randomBytes(24).toString("base64url")
    const url = await urlOf({ oxd_id: oxdId, state, nonce: "caller-nonce-1" })
    expect([url.searchParams.get("state"), url.searchParams.get("nonce")]).toEqual([state, "caller-nonce-1"])
    expect(url.searchParams.get("code_challenge_method")).toBe("S256")
    const login = await headlessLogin(url.href, { ca: op.caPem })
    expect(login.state).toBe(state)
    const tokens = await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code: login.code, state }))
    expect(tokens["id_token_claims"]["nonce"]).toEqual(["caller-nonce-1"])
    // single use
    const again = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code: login.code, state }))
    expect(again.error).toBe("bad_request")
    expect(again.error_description).toContain("already used")
    // another site cannot take it either
    const other = await registerSite(oxd, op)
    const state2 = randomBytes(24).toString("base64url")
    const login2 = await headlessLogin((await urlOf({ oxd_id: oxdId, state: state2 })).href, { ca: op.caPem })
    const foreign = await failure(call(oxd, "get_tokens_by_code", { oxd_id: other, code: login2.code, state: state2 }))
    expect(foreign.error_description).toContain("not issued by this server for this oxd_id")
    await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code: login2.code, state: state2 }))
  })

  it("with the caller's nonce alone, makes and stores a state of its own", async () => {
    const oxdId = await registerSite(oxd, op)
    const url = await urlOf({ oxd_id: oxdId, nonce: "n-only" })
    expect(url.searchParams.get("nonce")).toBe("n-only")
    const login = await headlessLogin(url.href, { ca: op.caPem })
    expect(login.state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const tokens = await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code: login.code, state: login.state }))
    expect(tokens["id_token_claims"]["nonce"]).toEqual(["n-only"])
  })

  it("refuses a short or unprintable state, one in use, and a caller's state with another redirect_uri", async () => {
    const oxdId = await registerSite(oxd, op, { redirect_uris: [OTHER] })
    const refusal = async (params: Record<string, unknown>) =>
      failure(call(oxd, "get_authorization_url", { oxd_id: oxdId, ...params }))
    expect((await refusal({ state: "short" })).error_description).toContain("at least 16")
    expect((await refusal({ state: "has spaces in the middle" })).error).toBe("bad_request")
    expect((await refusal({ nonce: "x".repeat(513) })).error).toBe("bad_request")
    const state = randomBytes(24).toString("base64url")
    await urlOf({ oxd_id: oxdId, state })
    expect((await refusal({ state })).error_description).toContain("in use")
    // the server's own state cannot be chosen either
    const sealed = (await urlOf({ oxd_id: oxdId })).searchParams.get("state")
    expect((await refusal({ state: sealed })).error_description).toContain("in use")
    const mixed = await refusal({ state: randomBytes(24).toString("base64url"), redirect_uri: OTHER })
    expect(mixed.error_description).toContain("redirect_uri")
    // blank, as 4.x's isNotBlank: the server's own (sealed) state
    expect((await urlOf({ oxd_id: oxdId, state: " " })).searchParams.get("state")).toHaveLength(53)
  })

  it("asks for the response_types given when the site registered them all, else the site's", async () => {
    const oxdId = await registerSite(oxd, op, { response_types: ["code", "id_token"] })
    expect((await urlOf({ oxd_id: oxdId, response_types: ["code"] })).searchParams.get("response_type")).toBe("code")
    expect((await urlOf({ oxd_id: oxdId, response_types: ["token"] })).searchParams.get("response_type")).toBe(
      "code id_token",
    )
  })
})
