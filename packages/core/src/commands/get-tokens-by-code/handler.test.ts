import type { MisbehaviourKind, TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import {
  authorize,
  call,
  failure,
  jwtClaims,
  ok,
  registerSite,
  type SignedIn,
  signIn,
  startOpOxdAndSite,
} from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

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

  // TC4 · reference: bad_request "'state' is not registered." (ErrorResponseCode.java:25, GetTokensByCodeOperation.java:111-113; invalidated at :85)
  it("TC4: rejects a state used once already with the reference's bad_request, the reason (used) in the description", async () => {
    const { code, state } = await authorize(oxd, op, oxdId)
    await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
    expect(e).toMatchObject({ error: "bad_request", http: 400 })
    expect(e.error_description).toMatch(/^'state' is not registered\. /)
    expect(e.error_description).toContain("already used")
  })

  // TC3 · reference: bad_request "'state' is not registered." (ErrorResponseCode.java:25, GetTokensByCodeOperation.java:111-113)
  it("TC3: rejects a state this server never issued with the reference's bad_request", async () => {
    const { code } = await authorize(oxd, op, oxdId)
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state: "forged-state" }))
    expect(e).toMatchObject({ error: "bad_request", http: 400 })
    expect(e.error_description).toMatch(/^'state' is not registered\. /)
    expect(e.error_description).toContain("not issued by this server")
  })

  // TC6 · reference: accepted (states are global, StateService.java:54-56) — hardening: bound to the site, answered with the reference's code
  it("TC6: rejects another site's state with bad_request, and the state still works for its own site", async () => {
    const other = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, oxdId)
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: other, code, state }))
    expect(e).toMatchObject({ error: "bad_request", http: 400 })
    expect(e.error_description).toMatch(/^'state' is not registered\. /)
    await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
  })

  // TC7 · reference: the state is checked before the oxd_id (GetTokensByCodeOperation.java:43-45, validate then getRp)
  it("TC7: an unknown oxd_id with an unknown state is the state's bad_request; with the state of a removed site, invalid_oxd_id", async () => {
    const ghost = "6f9619ff-8b86-4011-b42d-00cf4fc964ff"
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: ghost, code: "c", state: "s" }))
    expect(e).toMatchObject({ error: "bad_request", http: 400 })
    expect(e.error_description).toMatch(/^'state' is not registered\. /)
    const doomed = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, doomed)
    await ok(call(oxd, "remove_site", { oxd_id: doomed }))
    expect(await failure(call(oxd, "get_tokens_by_code", { oxd_id: doomed, code, state }))).toMatchObject({
      error: "invalid_oxd_id",
    })
  })

  it("rejects a missing code or state with bad_request naming it", async () => {
    const noCode = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, state: "s" }))
    expect(noCode.error).toBe("bad_request")
    expect(noCode.error_description).toContain('"code"')
    const emptyState = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code: "c", state: "" }))
    expect(emptyState.error).toBe("bad_request")
    expect(emptyState.error_description).toContain('"state"')
  })

  // TC9 · reference: the operation returns null (GetTokensByCodeOperation.java:98-101) → internal_error (Processor.java:97)
  it("TC9: a code the OP refuses is the reference's internal_error, the OP's error in the description; the state stays spent", async () => {
    const { state } = await authorize(oxd, op, oxdId)
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code: "not-a-code", state }))
    expect(e).toMatchObject({ error: "internal_error", http: 500 })
    expect(e.error_description).toContain("invalid_grant")
    // hardening (TC8): the reference lets the state be retried after a failed exchange; here it is used once
    expect(
      (await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code: "not-a-code", state }))).error_description,
    ).toContain("already used")
  })

  // reference: every ID token fault but the nonce is invalid_id_token_unknown (Validator.java:157-160 wraps them);
  // a nonce it did not issue is invalid_nonce (Validator.java:78-83, ErrorResponseCode.java:30); the precise reason stays in error_description
  const misbehaviours: ReadonlyArray<[MisbehaviourKind, string, string, string]> = [
    ["bad_signature", "TC17", "invalid_id_token_unknown", "signature"],
    ["unknown_kid", "TC18", "invalid_id_token_unknown", "key"],
    ["wrong_nonce", "TC12", "invalid_nonce", "nonce"],
    ["wrong_aud", "TC14", "invalid_id_token_unknown", "aud"],
    ["expired", "TC15", "invalid_id_token_unknown", "exp"],
    ["wrong_issuer", "TC16", "invalid_id_token_unknown", "iss"],
    // SAME: ErrorResponseCode.java:39, Validator.java:46-58
    ["bad_at_hash", "TC21", "invalid_access_token_bad_hash", "at_hash"],
    // reference: Jwt.parse throws outside the wrapping try (GetTokensByCodeOperation.java:74) → internal_error
    ["not_a_jwt", "TC20", "internal_error", "not a JWT"],
  ]
  for (const [kind, row, code, fragment] of misbehaviours) {
    it(`${row}: rejects an ID token with ${kind} with ${code}, the reason in the description`, async () => {
      const hint = async () =>
        new URL((await ok<{ uri: string }>(call(oxd, "get_logout_uri", { oxd_id: oxdId }))).uri).searchParams.get(
          "id_token_hint",
        )
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

  // reply · reference: expires_in -1 when the OP sends none (GetTokensByCodeOperation.java:95)
  it("answers expires_in -1 when the OP's token answer has none, as the reference", async () => {
    const { code, state } = await authorize(oxd, op, oxdId)
    op.misbehave({ kind: "no_expires_in", once: true })
    const tokens = await ok<SignedIn>(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
    expect(op.pendingMisbehaviours()).toEqual([])
    expect(tokens.expires_in).toBe(-1)
    expect(tokens.id_token_claims["sub"]).toEqual(["248289761001"])
  })

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
