import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, signIn, startOpOxdAndSite } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

/** An unsigned JWT about `sub` (the check reads the id_token as the reference does: unverified, it can only refuse). */
const aboutSub = (sub: string) =>
  `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ sub })).toString("base64url")}.`

describe("get_user_info: oxd 4.x's id_token (GetUserInfoOperation.java:58-81 on master)", () => {
  it("answers the claims when the userinfo sub is the id_token's", async () => {
    const { access_token, id_token } = await signIn(oxd, op, oxdId)
    const { claims } = await ok<{ claims: Record<string, unknown> }>(
      call(oxd, "get_user_info", { oxd_id: oxdId, access_token, id_token }),
    )
    expect(claims["sub"]).toEqual(["248289761001"])
  })

  // reference: INVALID_SUBJECT_IDENTIFIER (ErrorResponseCode.java:114), FAILED_TO_VERIFY_SUBJECT_IDENTIFIER (:115)
  it("refuses an answer about another sub than the id_token's, and an id_token that is no JWT", async () => {
    const { access_token } = await signIn(oxd, op, oxdId)
    const e = await failure(
      call(oxd, "get_user_info", { oxd_id: oxdId, access_token, id_token: aboutSub("someone-else") }),
    )
    expect(e.error).toBe("invalid_subject_identifier")
    expect(e.error_description).not.toContain("Alice")
    const bad = await failure(call(oxd, "get_user_info", { oxd_id: oxdId, access_token, id_token: "not-a-jwt" }))
    expect(bad.error).toBe("failed_to_verify_subject_identifier")
  })
})
