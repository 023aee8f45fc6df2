import { headlessLogin, type TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, REDIRECT_URI, registerSite, startOpAndOxd } from "../../../test/support.js"

// Reference: oxd 4.x S/op/InitiateThirdPartyLoginOperation.java:27-55, C/params/ThirdPartyLoginParams.java (master)
let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

const initiate = (params: Record<string, unknown>) => call(oxd, "initiate_third_party_login", params)

describe("initiate_third_party_login", () => {
  it("answers the site's authorization URL, with login_hint, which the OP accepts and get_tokens_by_code completes", async () => {
    const oxdId = await registerSite(oxd, op)
    const { authorization_url } = await ok<{ authorization_url: string }>(
      initiate({ oxd_id: oxdId, iss: op.issuer, login_hint: "alice", target_link_uri: "https://rp.example.org/home" }),
    )
    const url = new URL(authorization_url)
    expect(url.origin).toBe(op.issuer)
    expect(url.searchParams.get("redirect_uri")).toBe(REDIRECT_URI)
    expect(url.searchParams.get("login_hint")).toBe("alice")
    expect(url.searchParams.get("code_challenge_method")).toBe("S256")
    const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem })
    const tokens = await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
    expect(tokens["access_token"]).toEqual(expect.any(String))
  })

  it("refuses a missing iss (bad_request_no_issuer, ERC4:28) and another OP's (bad_request)", async () => {
    const oxdId = await registerSite(oxd, op)
    for (const iss of [undefined, "", "  "]) {
      expect((await failure(initiate({ oxd_id: oxdId, ...(iss === undefined ? {} : { iss }) }))).error).toBe(
        "bad_request_no_issuer",
      )
    }
    const other = await failure(initiate({ oxd_id: oxdId, iss: "https://evil.example.org" }))
    expect(other).toMatchObject({ error: "bad_request", http: 400 })
    expect(other.error_description).toContain("iss")
    // a trailing slash is another issuer (OpenID Connect Discovery §4.3: compared exactly)
    expect((await failure(initiate({ oxd_id: oxdId, iss: `${op.issuer}/` }))).error).toBe("bad_request")
  })

  it("refuses a target_link_uri on another host than the site's redirect URIs (bad_request_invalid_target_uri, ERC4:29)", async () => {
    const oxdId = await registerSite(oxd, op, { redirect_uris: ["https://app.example.net/cb"] })
    for (const target of ["https://evil.example.org/rp.example.org", "not a url"]) {
      const e = await failure(initiate({ oxd_id: oxdId, iss: op.issuer, target_link_uri: target }))
      expect(e.error, target).toBe("bad_request_invalid_target_uri")
    }
    // any registered redirect URI's host
    await ok(initiate({ oxd_id: oxdId, iss: op.issuer, target_link_uri: "https://app.example.net/deep/link" }))
  })

  it("refuses an unknown oxd_id with invalid_oxd_id", async () => {
    expect((await failure(initiate({ oxd_id: "unknown", iss: op.issuer }))).error).toBe("invalid_oxd_id")
  })
})
