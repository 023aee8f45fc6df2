import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, registerSite, signIn, startOpOxdAndSite } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

describe("get_user_info", () => {
  it("returns the user's claims, each as a list of strings", async () => {
    const { access_token } = await signIn(oxd, op, oxdId)
    const { claims } = await ok<{ claims: Record<string, unknown> }>(
      call(oxd, "get_user_info", { oxd_id: oxdId, access_token }),
    )
    expect(claims).toMatchObject({
      sub: ["248289761001"],
      name: ["Alice Example"],
      email: ["alice@example.org"],
      email_verified: ["true"],
      updated_at: ["1700000000"],
    })
    for (const [name, values] of Object.entries(claims)) {
      expect(Array.isArray(values), name).toBe(true)
      for (const v of values as unknown[]) expect(typeof v, name).toBe("string")
    }
  })

  it("returns only the claims of the granted scopes", async () => {
    const narrow = await registerSite(oxd, op, { scope: ["openid", "email"] })
    const { access_token } = await signIn(oxd, op, narrow)
    const { claims } = await ok<{ claims: Record<string, unknown> }>(
      call(oxd, "get_user_info", { oxd_id: narrow, access_token }),
    )
    expect(claims["email"]).toEqual(["alice@example.org"])
    expect(claims["name"]).toBeUndefined()
  })

  // reply · reference: GetUserInfoResponse {claims, refresh_token: null, access_token: null} (GetUserInfoResponse.java:16-21)
  it("answers the reference's reply shape: claims, and refresh_token and access_token null", async () => {
    const { access_token } = await signIn(oxd, op, oxdId)
    const data = await ok(call(oxd, "get_user_info", { oxd_id: oxdId, access_token }))
    expect(Object.keys(data).sort()).toEqual(["access_token", "claims", "refresh_token"])
    expect(data).toMatchObject({ access_token: null, refresh_token: null })
  })

  // UI3 · reference: ok with claims {} — oxAuth's UserInfoClient.exec drops the OP's error fields and parses nothing else
  // (GetUserInfoOperation.java:37, UserInfoClient.java:143-176)
  it("UI3: an access token the OP refuses is answered ok with no claims, as the reference", async () => {
    const before = op.counters()["userinfo"] ?? 0
    const data = await ok(call(oxd, "get_user_info", { oxd_id: oxdId, access_token: "not-a-token" }))
    expect(data).toEqual({ claims: {}, refresh_token: null, access_token: null })
    expect(op.counters()["userinfo"]).toBe(before + 1)
  })

  // UI2 · reference: ok with claims {} — the request goes without a token and the OP's refusal is swallowed (UserInfoClient.java:85)
  it("UI2: a missing or empty access_token is answered ok with no claims, without asking the OP", async () => {
    const before = op.counters()["userinfo"] ?? 0
    for (const params of [
      { oxd_id: oxdId },
      { oxd_id: oxdId, access_token: "" },
      { oxd_id: oxdId, access_token: null },
    ]) {
      expect(await ok(call(oxd, "get_user_info", params))).toEqual({
        claims: {},
        refresh_token: null,
        access_token: null,
      })
    }
    expect(op.counters()["userinfo"] ?? 0).toBe(before)
  })

  // UI1 · reference: invalid_oxd_id (GetUserInfoOperation.java:33), before anything else: also without an access_token
  it("UI1: rejects an unknown oxd_id with invalid_oxd_id", async () => {
    expect((await failure(call(oxd, "get_user_info", { oxd_id: "nope", access_token: "x" }))).error).toBe(
      "invalid_oxd_id",
    )
    expect((await failure(call(oxd, "get_user_info", { oxd_id: "nope" }))).error).toBe("invalid_oxd_id")
  })
})
