import type { MisbehaviourKind, TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { authorize, call, failure, jwtClaims, ok, oxdFor, registerSite, signIn, startOp } from "../../../test/support.js"

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

describe("get_tokens_by_code", () => {
  it("exchanges the code for validated tokens, claims as lists of strings", async () => {
    const tokens = await signIn(oxd, op, oxdId)
    expect(tokens.access_token).toEqual(expect.any(String))
    expect(tokens.refresh_token).toEqual(expect.any(String))
    expect(tokens.expires_in).toBeGreaterThan(0)
    const claims = tokens.id_token_claims
    expect(claims["sub"]).toEqual(["248289761001"])
    expect(claims["iss"]).toEqual([op.issuer])
    // the OP puts scope claims in userinfo, so the ID token carries the protocol claims: numbers become strings
    expect(claims["aud"]).toHaveLength(1)
    expect(claims["iat"]?.[0]).toMatch(/^\d+$/)
    expect(claims["nonce"]).toHaveLength(1)
    for (const [name, values] of Object.entries(claims)) {
      expect(Array.isArray(values), name).toBe(true)
      for (const v of values) expect(typeof v, name).toBe("string")
    }
    expect(claims["exp"]).toEqual([String(jwtClaims(tokens.id_token)["exp"])])
  })

  it("remembers the last ID token: get_logout_uri sends it as id_token_hint", async () => {
    const first = await signIn(oxd, op, oxdId)
    const second = await signIn(oxd, op, oxdId)
    expect(second.id_token).not.toBe(first.id_token)
    const { uri } = await ok<{ uri: string }>(call(oxd, "get_logout_uri", { oxd_id: oxdId }))
    expect(new URL(uri).searchParams.get("id_token_hint")).toBe(second.id_token)
  })

  it("rejects a state used once already with invalid_state", async () => {
    const { code, state } = await authorize(oxd, op, oxdId)
    await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
    expect(e).toMatchObject({ error: "invalid_state", http: 400 })
    expect(e.error_description).toContain("already used")
  })

  it("rejects a state this server never issued with invalid_state", async () => {
    const { code } = await authorize(oxd, op, oxdId)
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state: "forged-state" }))
    expect(e).toMatchObject({ error: "invalid_state", http: 400 })
    expect(e.error_description).toContain("not issued by this server")
  })

  it("rejects another site's state with invalid_state, and the state still works for its own site", async () => {
    const other = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, oxdId)
    expect((await failure(call(oxd, "get_tokens_by_code", { oxd_id: other, code, state }))).error).toBe("invalid_state")
    await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
  })

  it("rejects a missing code or state with bad_request naming it", async () => {
    const noCode = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, state: "s" }))
    expect(noCode.error).toBe("bad_request")
    expect(noCode.error_description).toContain('"code"')
    const emptyState = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code: "c", state: "" }))
    expect(emptyState.error).toBe("bad_request")
    expect(emptyState.error_description).toContain('"state"')
  })

  // TC9 / X9: the OP refusing the code is the reference's internal_error (GetTokensByCodeOperation.java:98-101, Processor.java:97)
  it("TC9: answers a code the OP does not know with internal_error carrying the OP's error", async () => {
    const { state } = await authorize(oxd, op, oxdId)
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code: "not-a-code", state }))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toContain("invalid_grant")
  })

  const misbehaviours: ReadonlyArray<[MisbehaviourKind, string, string]> = [
    ["bad_signature", "invalid_id_token_bad_signature", "signature"],
    ["unknown_kid", "invalid_id_token_bad_signature", "key"],
    ["wrong_nonce", "invalid_id_token_bad_nonce", "nonce"],
    ["wrong_aud", "invalid_id_token_bad_audience", "aud"],
    ["expired", "invalid_id_token_expired", "exp"],
    ["wrong_issuer", "invalid_id_token_bad_issuer", "iss"],
    ["bad_at_hash", "invalid_access_token_bad_hash", "at_hash"],
  ]
  for (const [kind, code, fragment] of misbehaviours) {
    it(`rejects an ID token with ${kind} with ${code}`, async () => {
      const hint = async () => new URL((await ok<{ uri: string }>(call(oxd, "get_logout_uri", { oxd_id: oxdId }))).uri).searchParams.get("id_token_hint")
      const before = await hint()
      const { code: authCode, state } = await authorize(oxd, op, oxdId)
      op.misbehave({ kind, once: true })
      const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code: authCode, state }))
      expect(op.pendingMisbehaviours()).toEqual([])
      expect(e).toMatchObject({ error: code, http: 500 })
      expect(e.error_description).toContain(fragment)
      // the rejected token is not remembered as the site's last ID token
      expect(await hint()).toBe(before)
    })
  }

  it("still signs in after the OP rotates its keys (the new kid is fetched)", async () => {
    await signIn(oxd, op, oxdId) // JWKS cached with the old keys
    const { kid } = await op.rotateKeys()
    const before = op.counters()["jwks"] ?? 0
    const tokens = await signIn(oxd, op, oxdId)
    expect(JSON.parse(Buffer.from(tokens.id_token.split(".")[0]!, "base64url").toString())).toMatchObject({ kid })
    expect(op.counters()["jwks"]).toBe(before + 1)
    await signIn(oxd, op, oxdId)
    expect(op.counters()["jwks"]).toBe(before + 1)
  })

  it("still signs in after a rotation that drops the old keys", async () => {
    await op.rotateKeys({ keepOld: false })
    expect((await signIn(oxd, op, oxdId)).id_token_claims["sub"]).toEqual(["248289761001"])
  })
})
