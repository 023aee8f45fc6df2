import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, opJson, startOpAndOxd } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

describe("get_jwks (oxd 4.x)", () => {
  // reference: GetJwksOperation.java:45-58, {keys} of the OP's jwks_uri
  it("answers the OP's published keys, fetched once through the JWKS cache", async () => {
    const doc = (await opJson(op, `${op.issuer}/.well-known/openid-configuration`)).body
    const published = (await opJson(op, doc.jwks_uri)).body
    const before = op.counters()["jwks"] ?? 0
    const data = await ok<{ keys: Array<Record<string, unknown>> }>(call(oxd, "get_jwks", { op_host: op.issuer }))
    expect(Object.keys(data)).toEqual(["keys"])
    expect(data.keys).toEqual(published.keys)
    for (const k of data.keys) expect(k["d"]).toBeUndefined()
    await ok(call(oxd, "get_jwks", { op_configuration_endpoint: `${op.issuer}/.well-known/openid-configuration` }))
    expect((op.counters()["jwks"] ?? 0) - before).toBe(1)
  })

  it("shows rotated keys once the cache has refetched them", async () => {
    const { kid } = await op.rotateKeys()
    const data = await ok<{ keys: Array<Record<string, unknown>> }>(call(oxd, "get_jwks", { op_host: op.issuer }))
    // still the cached set: rotation is seen when an ID token names the new kid, or after the hour
    expect(data.keys.some((k) => k["kid"] === kid)).toBe(false)
  })

  // reference: GetJwksOperation.java:37-39
  it("refuses a call without op_host and op_configuration_endpoint", async () => {
    expect((await failure(call(oxd, "get_jwks", {}))).error).toBe("invalid_op_host_and_configuration_endpoint")
  })
})
