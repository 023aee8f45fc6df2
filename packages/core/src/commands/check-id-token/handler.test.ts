import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, jwtClaims, ok, registerSite, signIn, startOpOxdAndSite } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

const clientIdOf = async (id: string) =>
  (await ok<{ node: { client_id: string } }>(call(oxd, "get_rp", { oxd_id: id }))).node.client_id
/** The same token with its signature bytes changed: only signature verification can tell. */
const forged = (jwt: string) => {
  const [h, p, s] = jwt.split(".") as [string, string, string]
  const sig = Buffer.from(s, "base64url")
  sig[0] = (sig[0] ?? 0) ^ 0xff
  return `${h}.${p}.${sig.toString("base64url")}`
}
const INACTIVE = { active: false, expires_at: 0, issued_at: 0, claims: {} }

describe("check_id_token (oxd 4.x; 3.1 id_token_status)", () => {
  // reference: CheckIdTokenOperation.java:60-65, {active, expires_at, issued_at, claims}
  it("answers a valid ID token active, with its iat, exp (seconds) and claims as lists", async () => {
    const { id_token } = await signIn(oxd, op, oxdId)
    const c = jwtClaims(id_token)
    const data = await ok(call(oxd, "check_id_token", { oxd_id: oxdId, id_token, nonce: c["nonce"] }))
    expect(Object.keys(data).sort()).toEqual(["active", "claims", "expires_at", "issued_at"])
    expect(data).toMatchObject({ active: true, expires_at: c["exp"], issued_at: c["iat"] })
    expect(data["claims"]["sub"]).toEqual(["248289761001"])
    expect(data["claims"]["iss"]).toEqual([op.issuer])
  })

  it("is answered under the reference's wire name id_token_status too (C/CommandType.java:34)", async () => {
    const { id_token } = await signIn(oxd, op, oxdId)
    expect((await ok(call(oxd, "id_token_status", { oxd_id: oxdId, id_token })))["active"]).toBe(true)
  })

  // reference: isIdTokenValid is false for any refusal (Validator.java:256-263); DELIBERATE: no claims of a token
  // that is not valid leave (docs/compatibility.md, oxd 4.x)
  it("answers inactive, without claims: a forged signature, another site's token, another nonce", async () => {
    const { id_token } = await signIn(oxd, op, oxdId)
    expect(await ok(call(oxd, "check_id_token", { oxd_id: oxdId, id_token: forged(id_token) }))).toEqual(INACTIVE)
    const other = await registerSite(oxd, op)
    expect(await ok(call(oxd, "check_id_token", { oxd_id: other, id_token }))).toEqual(INACTIVE)
    expect(await ok(call(oxd, "check_id_token", { oxd_id: oxdId, id_token, nonce: "another-nonce" }))).toEqual(INACTIVE)
  })

  // reference: Validator.validateAccessToken (Validator.java:140-164) before validity, INVALID_ACCESS_TOKEN_BAD_HASH
  it("refuses an access token that is not the one the ID token's at_hash names", async () => {
    op.misbehave({ kind: "with_at_hash", clientId: await clientIdOf(oxdId) })
    const bound = await signIn(oxd, op, oxdId)
    expect(jwtClaims(bound.id_token)["at_hash"]).toEqual(expect.any(String))
    const right = await ok(
      call(oxd, "check_id_token", { oxd_id: oxdId, id_token: bound.id_token, access_token: bound.access_token }),
    )
    expect(right["active"]).toBe(true)
    const { access_token: another } = await signIn(oxd, op, oxdId)
    const e = await failure(
      call(oxd, "check_id_token", { oxd_id: oxdId, id_token: bound.id_token, access_token: another }),
    )
    expect(e.error).toBe("invalid_access_token_bad_hash")
  })

  // reference: Validator.validateAuthorizationCode, c_hash required by default (Validator.java:187-204,
  // OxdServerConfiguration.java:57); C_HASH_NOT_FOUND (ErrorResponseCode.java:117)
  it("refuses a code to check when the ID token has no c_hash", async () => {
    const { id_token } = await signIn(oxd, op, oxdId)
    const e = await failure(call(oxd, "check_id_token", { oxd_id: oxdId, id_token, code: "some-code" }))
    expect(e.error).toBe("c_hash_not_found")
  })

  // reference: Jwt.parse throws → internal_error (CheckIdTokenOperation.java:43,68-71); no id_token: NO_ID_TOKEN_PARAM
  it("answers internal_error for a token that is no JWT, no_id_token without one, invalid_oxd_id for an unknown site", async () => {
    expect((await failure(call(oxd, "check_id_token", { oxd_id: oxdId, id_token: "not-a-jwt" }))).error).toBe(
      "internal_error",
    )
    const none = await failure(call(oxd, "check_id_token", { oxd_id: oxdId }))
    expect([none.error, none.http]).toEqual(["no_id_token", 400])
    expect((await failure(call(oxd, "check_id_token", { oxd_id: "nope", id_token: "x.y.z" }))).error).toBe(
      "invalid_oxd_id",
    )
  })
})
