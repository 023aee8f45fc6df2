import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, opJson, startOpAndOxd } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

describe("get_discovery (oxd 4.x)", () => {
  // reference: GetDiscoveryOperation.java:35-46 copies OpenIdConfigurationResponse into GetDiscoveryResponse
  it("answers the OP's document under the reference's field names, from the discovery cache", async () => {
    const doc = (await opJson(op, `${op.issuer}/.well-known/openid-configuration`)).body
    const before = op.counters()["discovery"] ?? 0
    const data = await ok(call(oxd, "get_discovery", { op_host: op.issuer }))
    expect(data["issuer"]).toBe(op.issuer)
    expect(data["authorization_endpoint"]).toBe(doc.authorization_endpoint)
    expect(data["user_info_endpoint"]).toBe(doc.userinfo_endpoint)
    expect(data["userinfo_endpoint"]).toBeUndefined()
    expect(data["jwks_uri"]).toBe(doc.jwks_uri)
    expect(data["scopes_supported"]).toEqual(doc.scopes_supported)
    // names not in GetDiscoveryResponse never leave (a 4.x Java client fails on unknown fields)
    expect(data["code_challenge_methods_supported"]).toBeUndefined()
    // the second call is the cache's
    const again = await ok(
      call(oxd, "get_discovery", { op_configuration_endpoint: `${op.issuer}/.well-known/openid-configuration` }),
    )
    expect(again).toEqual(data)
    expect((op.counters()["discovery"] ?? 0) - before).toBeLessThanOrEqual(1)
  })

  // reference: DiscoveryService.java:67-70, op_configuration_endpoint wins over op_host
  it("prefers op_configuration_endpoint over op_host", async () => {
    const data = await ok(
      call(oxd, "get_discovery", {
        op_host: "https://nowhere.invalid",
        op_configuration_endpoint: `${op.issuer}/.well-known/openid-configuration`,
      }),
    )
    expect(data["issuer"]).toBe(op.issuer)
  })

  // reference: ErrorResponseCode.java:64 (INVALID_OP_HOST_AND_CONFIGURATION_ENDPOINT), :63
  it("refuses no OP location, and a configuration endpoint that is no URL", async () => {
    const none = await failure(call(oxd, "get_discovery", {}))
    expect(none.error).toBe("invalid_op_host_and_configuration_endpoint")
    expect(none.http).toBe(400)
    const bad = await failure(call(oxd, "get_discovery", { op_configuration_endpoint: "not a url" }))
    expect(bad.error).toBe("invalid_op_configuration_endpoint")
  })

  it("refuses an OP outside allowed_op_hosts without calling it", async () => {
    const e = await failure(call(oxd, "get_discovery", { op_host: "https://127.0.0.2:9" }))
    expect(e.error).toBe("invalid_op_host")
  })
})
