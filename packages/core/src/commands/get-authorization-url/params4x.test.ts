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

  it("refuses a caller's state or nonce: the server's state is sealed and single use", async () => {
    const oxdId = await registerSite(oxd, op)
    for (const field of ["state", "nonce"]) {
      const e = await failure(call(oxd, "get_authorization_url", { oxd_id: oxdId, [field]: "chosen-by-caller" }))
      expect(e.error, field).toBe("bad_request")
      expect(e.error_description).toContain(field)
    }
    // blank, as 4.x's isNotBlank: the server's own
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
