import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, registerSite, signIn, startOpOxdAndSite } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

describe("get_access_token_by_refresh_token", () => {
  // reply · reference: GetClientTokenResponse {access_token, expires_in, refresh_token, scope} (GetAccessTokenByRefreshTokenOperation.java:47-53)
  it("gets a new access token that works at userinfo; the reply carries the OP's scope, as the reference's", async () => {
    const first = await signIn(oxd, op, oxdId)
    const before = op.counters()["token.refresh_token"] ?? 0
    const data = await ok(
      call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: first.refresh_token }),
    )
    expect(op.counters()["token.refresh_token"]).toBe(before + 1)
    expect(Object.keys(data).sort()).toEqual(["access_token", "expires_in", "refresh_token", "scope"])
    expect(data).toMatchObject({
      access_token: expect.any(String),
      expires_in: expect.any(Number),
      refresh_token: expect.any(String),
    })
    expect(String(data["scope"]).split(" ")).toEqual(expect.arrayContaining(["openid", "email", "profile"]))
    expect(data["access_token"]).not.toBe(first.access_token)
    const { claims } = await ok(call(oxd, "get_user_info", { oxd_id: oxdId, access_token: data["access_token"] }))
    expect(claims["sub"]).toEqual(["248289761001"])
  })

  it("can refresh again with the refresh token it answered", async () => {
    const first = await signIn(oxd, op, oxdId)
    const second = await ok(
      call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: first.refresh_token }),
    )
    const third = await ok(
      call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: second["refresh_token"] }),
    )
    expect(third["access_token"]).toEqual(expect.any(String))
  })

  // reference: the scope asked for is openid plus the caller's (GetAccessTokenByRefreshTokenOperation.java:69-77)
  it("narrows the scope when asked, openid added as the reference adds it", async () => {
    const first = await signIn(oxd, op, oxdId)
    const data = await ok(
      call(oxd, "get_access_token_by_refresh_token", {
        oxd_id: oxdId,
        refresh_token: first.refresh_token,
        scope: ["email"],
      }),
    )
    expect(String(data["scope"]).split(" ").sort()).toEqual(["email", "openid"])
    const { claims } = await ok(call(oxd, "get_user_info", { oxd_id: oxdId, access_token: data["access_token"] }))
    expect(claims["email"]).toEqual(["alice@example.org"])
    expect(claims["name"]).toBeUndefined()
  })

  // RT5 · reference: the refreshed ID token is not validated — hardening: it is, answered with the reference's
  // ID token code (invalid_id_token_unknown, Validator.java:157-160), the reason in the description
  it("RT5: validates a refreshed ID token: a bad signature is rejected with invalid_id_token_unknown", async () => {
    const first = await signIn(oxd, op, oxdId)
    op.misbehave({ kind: "bad_signature", once: true })
    const e = await failure(
      call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: first.refresh_token }),
    )
    expect(op.pendingMisbehaviours()).toEqual([])
    expect(e).toMatchObject({ error: "invalid_id_token_unknown", http: 500 })
    expect(e.error_description).toContain("signature")
    // the rejected ID token is not remembered for logout
    const { uri } = await ok<{ uri: string }>(call(oxd, "get_logout_uri", { oxd_id: oxdId }))
    expect(new URL(uri).searchParams.get("id_token_hint")).toBe(first.id_token)
  })

  it("RT5: validates a refreshed ID token: a wrong audience is rejected with invalid_id_token_unknown", async () => {
    const first = await signIn(oxd, op, oxdId)
    op.misbehave({ kind: "wrong_aud", once: true })
    const e = await failure(
      call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: first.refresh_token }),
    )
    expect(e).toMatchObject({ error: "invalid_id_token_unknown", http: 500 })
    expect(e.error_description).toContain("aud")
  })

  // RT3 · reference: any failure of the refresh is internal_error (GetAccessTokenByRefreshTokenOperation.java:54-66)
  it("RT3: a refresh token the OP does not know is the reference's internal_error, invalid_grant in the description", async () => {
    const e = await failure(
      call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: "not-a-refresh-token" }),
    )
    expect(e).toMatchObject({ error: "internal_error", http: 500 })
    expect(e.error_description).toContain("invalid_grant")
  })

  it("RT3: another site's refresh token is internal_error (the OP refuses it for this client)", async () => {
    const other = await registerSite(oxd, op)
    const { refresh_token } = await signIn(oxd, op, other)
    const e = await failure(call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token }))
    expect(e.error).toBe("internal_error")
    expect(e.error_description).toContain("invalid_grant")
  })

  // RT2 · reference: not checked, the OP refuses → internal_error (GetAccessTokenByRefreshTokenOperation.java:44,66)
  it("RT2: a missing or empty refresh_token is internal_error naming it, without asking the OP", async () => {
    const before = op.counters()["token.refresh_token"] ?? 0
    for (const params of [
      { oxd_id: oxdId },
      { oxd_id: oxdId, refresh_token: "" },
      { oxd_id: oxdId, refresh_token: null },
    ]) {
      const e = await failure(call(oxd, "get_access_token_by_refresh_token", params))
      expect(e).toMatchObject({ error: "internal_error", http: 500 })
      expect(e.error_description).toContain("refresh_token")
    }
    expect(op.counters()["token.refresh_token"] ?? 0).toBe(before)
  })

  // RT4 · reference: an OP answer without expires_in crashes it (int unboxing) — a crash is not kept: -1, as get_tokens_by_code says it
  it("RT4: an OP answer without expires_in is answered with expires_in -1", async () => {
    const first = await signIn(oxd, op, oxdId)
    op.misbehave({ kind: "no_expires_in", once: true })
    const data = await ok(
      call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: first.refresh_token }),
    )
    expect(op.pendingMisbehaviours()).toEqual([])
    expect(data["expires_in"]).toBe(-1)
  })

  it("rejects an unknown oxd_id with invalid_oxd_id", async () => {
    expect(
      (await failure(call(oxd, "get_access_token_by_refresh_token", { oxd_id: "nope", refresh_token: "x" }))).error,
    ).toBe("invalid_oxd_id")
  })
})
