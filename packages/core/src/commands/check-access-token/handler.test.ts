import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, jwtClaims, ok, signIn, startOpOxdAndSite } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

const clientIdOf = async () =>
  (await ok<{ node: { client_id: string } }>(call(oxd, "get_rp", { oxd_id: oxdId }))).node.client_id
const INACTIVE = { active: false, expires_at: null, issued_at: null }

describe("check_access_token (oxd 4.x; 3.1 access_token_status)", () => {
  // reference: CheckAccessTokenOperation.java:45-52, {active, expires_at, issued_at} (Dates: epoch milliseconds)
  it("answers active for the access token the ID token's at_hash binds, with the ID token's times in ms", async () => {
    op.misbehave({ kind: "with_at_hash", clientId: await clientIdOf() })
    const { id_token, access_token } = await signIn(oxd, op, oxdId)
    const c = jwtClaims(id_token)
    const data = await ok(call(oxd, "check_access_token", { oxd_id: oxdId, id_token, access_token }))
    expect(data).toEqual({
      active: true,
      expires_at: (c["exp"] as number) * 1000,
      issued_at: (c["iat"] as number) * 1000,
    })
    expect((await ok(call(oxd, "access_token_status", { oxd_id: oxdId, id_token, access_token })))["active"]).toBe(true)
    // another access token is not the one it binds (CheckAccessTokenOperation.java:55-71: false)
    const other = await signIn(oxd, op, oxdId)
    expect(
      await ok(call(oxd, "check_access_token", { oxd_id: oxdId, id_token, access_token: other.access_token })),
    ).toEqual(INACTIVE)
    // DELIBERATE: a forged ID token carrying the right at_hash binds nothing (the reference checks the hash alone)
    const [h, p, s] = id_token.split(".") as [string, string, string]
    const sig = Buffer.from(s, "base64url")
    sig[3] = (sig[3] ?? 0) ^ 0xff
    const forged = `${h}.${p}.${sig.toString("base64url")}`
    expect(await ok(call(oxd, "check_access_token", { oxd_id: oxdId, id_token: forged, access_token }))).toEqual(
      INACTIVE,
    )
  })

  it("answers inactive when the ID token has no at_hash (it binds no access token)", async () => {
    const { id_token, access_token } = await signIn(oxd, op, oxdId)
    expect(jwtClaims(id_token)["at_hash"]).toBeUndefined()
    expect(await ok(call(oxd, "check_access_token", { oxd_id: oxdId, id_token, access_token }))).toEqual(INACTIVE)
  })

  // reference: Jwt.parse throws outside any catch → internal_error (CheckAccessTokenOperation.java:43)
  it("answers internal_error for an ID token that is no JWT", async () => {
    const e = await failure(
      call(oxd, "check_access_token", { oxd_id: oxdId, id_token: "not-a-jwt", access_token: "x" }),
    )
    expect(e.error).toBe("internal_error")
  })
})
