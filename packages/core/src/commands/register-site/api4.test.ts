import { headlessLogin, type TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, protectionToken, REDIRECT_URI, startOpAndOxd } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

/** A call as the oxd 4.x REST API makes it: https, the header's token, api "4". */
const call4 = (command: string, params: Record<string, unknown>, token?: string) =>
  oxd.dispatch(command, params, { transport: "https", api: "4", protectionToken: token })

/** oxd 4.x's flow: register_site with no token, then get_client_token with the client it answers. */
const register4 = async () => {
  const site = await ok(
    call4("register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, scope: ["openid", "oxd"] }),
  )
  const { access_token } = await ok<{ access_token: string }>(
    call4("get_client_token", {
      op_host: op.issuer,
      client_id: site["client_id"],
      client_secret: site["client_secret"],
      scope: ["openid", "oxd"],
    }),
  )
  return { site, token: access_token }
}

describe("register_site on the oxd 4.x API (no setup_client: the site is its own protection client)", () => {
  it("needs no token and answers the client with the oxd_id (4.x RegisterSiteOperation.java:68-79)", async () => {
    const { site } = await register4()
    expect(site).toMatchObject({
      oxd_id: expect.any(String),
      op_host: op.issuer,
      client_id: expect.any(String),
      client_secret: expect.any(String),
      client_id_issued_at: expect.any(Number),
    })
    const atOp = await op.provider.Client.find(site["client_id"])
    // client_credentials added, as 4.x does (RegisterSiteOperation.java:133): the site gets its own tokens
    expect(atOp!.metadata()["grant_types"]).toContain("client_credentials")
  })

  it("opens the site with a token of its own client, over 4.x and 3.1 alike", async () => {
    const { site, token } = await register4()
    const params = { oxd_id: site["oxd_id"] }
    await ok(call4("get_authorization_url", params, token))
    await ok(oxd.dispatch("get_authorization_url", params, { transport: "https", protectionToken: token }))
  })

  it("refuses another site's token, and a 3.1 setup client's (tenant isolation, ValidationService.java:145)", async () => {
    const a = await register4()
    const b = await register4()
    const setup = await protectionToken(oxd, op)
    for (const token of [b.token, setup.token]) {
      expect((await failure(call4("get_authorization_url", { oxd_id: a.site["oxd_id"] }, token))).error).toBe(
        "invalid_protection_access_token",
      )
    }
  })

  it("still needs a token without the 4.x API, and answers the 3.1 reply there", async () => {
    const params = { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }
    expect((await failure(oxd.dispatch("register_site", params, { transport: "https" }))).error).toBe(
      "blank_protection_access_token",
    )
    const { token } = await protectionToken(oxd, op)
    const reply = await ok(oxd.dispatch("register_site", params, { transport: "https", protectionToken: token }))
    expect(Object.keys(reply).sort()).toEqual(["op_host", "oxd_id"])
  })

  it("a 4.x site's own client is no setup client: its token registers no 3.1 site", async () => {
    const { token } = await register4()
    const params = { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }
    expect((await failure(call(oxd, "register_site", params, { protectionToken: token }))).error).toBe(
      "invalid_protection_access_token",
    )
  })
})

describe("get_user_info on the oxd 4.x API", () => {
  it("answers the OP's userinfo JSON as it came (4.x GetUserInfoOperation.java:55); 3.1's claim lists elsewhere", async () => {
    const { site, token } = await register4()
    const oxdId = site["oxd_id"]
    const { authorization_url } = await ok<{ authorization_url: string }>(
      call4("get_authorization_url", { oxd_id: oxdId }, token),
    )
    const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem })
    const tokens = await ok(call4("get_tokens_by_code", { oxd_id: oxdId, code, state }, token))
    const params = { oxd_id: oxdId, access_token: tokens["access_token"] }
    expect(await ok(call4("get_user_info", params, token))).toMatchObject({ sub: "248289761001" })
    const reply31 = await ok(oxd.dispatch("get_user_info", params, { transport: "https", protectionToken: token }))
    expect(reply31["claims"]["sub"]).toEqual(["248289761001"])
  })
})
