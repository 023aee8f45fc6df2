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

describe("get_user_info", () => {
  it("returns the user's claims, each as a list of strings", async () => {
    const { access_token } = await signIn(oxd, op, oxdId)
    const { claims } = await ok<{ claims: Record<string, unknown> }>(call(oxd, "get_user_info", { oxd_id: oxdId, access_token }))
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
    const { claims } = await ok<{ claims: Record<string, unknown> }>(call(oxd, "get_user_info", { oxd_id: narrow, access_token }))
    expect(claims["email"]).toEqual(["alice@example.org"])
    expect(claims["name"]).toBeUndefined()
  })

  // X9: an OP refusal is the reference's code for a failed OP call, internal_error (see UI3 in docs/compatibility.md)
  it("answers an access token the OP does not know with internal_error carrying the OP's error", async () => {
    const e = await failure(call(oxd, "get_user_info", { oxd_id: oxdId, access_token: "not-a-token" }))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toContain("invalid_token")
  })

  it("rejects a missing access_token with bad_request naming it", async () => {
    const e = await failure(call(oxd, "get_user_info", { oxd_id: oxdId }))
    expect(e.error).toBe("bad_request")
    expect(e.error_description).toContain('"access_token"')
  })

  it("rejects an unknown oxd_id with invalid_oxd_id", async () => {
    expect((await failure(call(oxd, "get_user_info", { oxd_id: "nope", access_token: "x" }))).error).toBe("invalid_oxd_id")
  })
})
