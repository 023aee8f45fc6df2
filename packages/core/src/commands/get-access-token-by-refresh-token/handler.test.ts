import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, oxdFor, registerSite, signIn, startOp } from "../../../test/support.js"

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

describe("get_access_token_by_refresh_token", () => {
  it("gets a new access token that works at userinfo", async () => {
    const first = await signIn(oxd, op, oxdId)
    const before = op.counters()["token.refresh_token"] ?? 0
    const data = await ok(call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: first.refresh_token }))
    expect(op.counters()["token.refresh_token"]).toBe(before + 1)
    expect(data).toMatchObject({ access_token: expect.any(String), expires_in: expect.any(Number), refresh_token: expect.any(String) })
    expect(data["access_token"]).not.toBe(first.access_token)
    const { claims } = await ok(call(oxd, "get_user_info", { oxd_id: oxdId, access_token: data["access_token"] }))
    expect(claims["sub"]).toEqual(["248289761001"])
  })

  it("can refresh again with the refresh token it answered", async () => {
    const first = await signIn(oxd, op, oxdId)
    const second = await ok(call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: first.refresh_token }))
    const third = await ok(call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: second["refresh_token"] }))
    expect(third["access_token"]).toEqual(expect.any(String))
  })

  it("narrows the scope when asked", async () => {
    const first = await signIn(oxd, op, oxdId)
    const data = await ok(call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: first.refresh_token, scope: ["openid", "email"] }))
    const { claims } = await ok(call(oxd, "get_user_info", { oxd_id: oxdId, access_token: data["access_token"] }))
    expect(claims["email"]).toEqual(["alice@example.org"])
    expect(claims["name"]).toBeUndefined()
  })

  it("validates a refreshed ID token: a bad signature is rejected with invalid_id_token_bad_signature", async () => {
    const first = await signIn(oxd, op, oxdId)
    op.misbehave({ kind: "bad_signature", once: true })
    const e = await failure(call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: first.refresh_token }))
    expect(op.pendingMisbehaviours()).toEqual([])
    expect(e).toMatchObject({ error: "invalid_id_token_bad_signature", http: 500 })
    // the rejected ID token is not remembered for logout
    const { uri } = await ok<{ uri: string }>(call(oxd, "get_logout_uri", { oxd_id: oxdId }))
    expect(new URL(uri).searchParams.get("id_token_hint")).toBe(first.id_token)
  })

  it("validates a refreshed ID token: a wrong audience is rejected with invalid_id_token_bad_audience", async () => {
    const first = await signIn(oxd, op, oxdId)
    op.misbehave({ kind: "wrong_aud", once: true })
    const e = await failure(call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: first.refresh_token }))
    expect(e).toMatchObject({ error: "invalid_id_token_bad_audience", http: 500 })
  })

  // RT3 / X9: the OP's refusal is the reference's internal_error (GetAccessTokenByRefreshTokenOperation.java:54-57,66)
  it("RT3: answers a refresh token the OP does not know with internal_error carrying invalid_grant", async () => {
    const e = await failure(call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: "not-a-refresh-token" }))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toContain("invalid_grant")
  })

  it("RT3: answers another site's refresh token with internal_error (the OP refuses it)", async () => {
    const other = await registerSite(oxd, op)
    const { refresh_token } = await signIn(oxd, op, other)
    const e = await failure(call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token }))
    expect(e.error).toBe("internal_error")
    expect(e.error_description).toContain("invalid_grant")
  })

  it("rejects a missing refresh_token with bad_request naming it", async () => {
    const e = await failure(call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId }))
    expect(e.error).toBe("bad_request")
    expect(e.error_description).toContain('"refresh_token"')
  })

  it("rejects an unknown oxd_id with invalid_oxd_id", async () => {
    expect((await failure(call(oxd, "get_access_token_by_refresh_token", { oxd_id: "nope", refresh_token: "x" }))).error).toBe("invalid_oxd_id")
  })
})
