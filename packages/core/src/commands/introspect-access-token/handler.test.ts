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

describe("introspect_access_token", () => {
  it("reports a user's access token active, with its scopes as a list", async () => {
    const { access_token, id_token_claims } = await signIn(oxd, op, oxdId)
    const before = op.counters()["introspection"] ?? 0
    const r = await ok(call(oxd, "introspect_access_token", { oxd_id: oxdId, access_token }))
    expect(op.counters()["introspection"]).toBe(before + 1)
    expect(r).toMatchObject({
      active: true,
      client_id: id_token_claims["aud"]![0],
      sub: "248289761001",
      iss: op.issuer,
      token_type: "Bearer",
      exp: expect.any(Number),
      iat: expect.any(Number),
    })
    expect(r["scopes"]).toEqual(expect.arrayContaining(["openid", "profile", "email"]))
  })

  it("reports a token the OP does not know as inactive", async () => {
    const r = await ok(call(oxd, "introspect_access_token", { oxd_id: oxdId, access_token: "not-a-token" }))
    expect(r).toEqual({ active: false })
  })

  it("asks the OP every time (no caching of a user's token)", async () => {
    const { access_token } = await signIn(oxd, op, oxdId)
    const before = op.counters()["introspection"] ?? 0
    await ok(call(oxd, "introspect_access_token", { oxd_id: oxdId, access_token }))
    await ok(call(oxd, "introspect_access_token", { oxd_id: oxdId, access_token }))
    expect(op.counters()["introspection"]).toBe(before + 2)
  })

  it("rejects a missing access_token with bad_request naming it", async () => {
    const e = await failure(call(oxd, "introspect_access_token", { oxd_id: oxdId, access_token: "" }))
    expect(e.error).toBe("bad_request")
    expect(e.error_description).toContain('"access_token"')
  })

  it("rejects an unknown oxd_id with invalid_oxd_id", async () => {
    expect((await failure(call(oxd, "introspect_access_token", { oxd_id: "nope", access_token: "x" }))).error).toBe("invalid_oxd_id")
  })
})
