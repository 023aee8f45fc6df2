import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, oxdFor, REDIRECT_URI, registerAtOp, registerSite, signIn, startOpAndOxd, UUID_V4 } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

describe("register_site", () => {
  it("registers a client at the OP and answers a fresh UUID v4 oxd_id each time", async () => {
    const before = op.counters()["registration"] ?? 0
    const a = await registerSite(oxd, op)
    const b = await registerSite(oxd, op)
    expect(a).toMatch(UUID_V4)
    expect(b).toMatch(UUID_V4)
    expect(a).not.toBe(b)
    expect(op.counters()["registration"]).toBe(before + 2)
  })

  it("gives a site that signs users in", async () => {
    const oxdId = await registerSite(oxd, op)
    expect((await signIn(oxd, op, oxdId)).id_token_claims["sub"]).toEqual(["248289761001"])
  })

  it("registers the grant_types asked for at the OP (authorization_code only: no refresh token)", async () => {
    const oxdId = await registerSite(oxd, op, { client_name: "My RP", contacts: ["ops@example.org"], grant_types: ["authorization_code"] })
    const tokens = await signIn(oxd, op, oxdId)
    expect(tokens.access_token).toEqual(expect.any(String))
    expect(tokens.refresh_token).toBeNull()
    const usual = await signIn(oxd, op, await registerSite(oxd, op))
    expect(usual.refresh_token).toEqual(expect.any(String))
  })

  it("uses default_op_host and default_authorization_redirect_uri from the configuration", async () => {
    const withDefaults = oxdFor(op, { default_op_host: op.issuer, default_authorization_redirect_uri: REDIRECT_URI })
    try {
      const r = await ok<{ oxd_id: string }>(withDefaults.dispatch("register_site", {}, { transport: "internal" }))
      expect(r.oxd_id).toMatch(UUID_V4)
    } finally {
      await withDefaults.dispose()
    }
  })

  it("accepts the standard op_discovery_path, written out or empty", async () => {
    expect(await registerSite(oxd, op, { op_discovery_path: "/.well-known/openid-configuration" })).toMatch(UUID_V4)
    const oxdId = await registerSite(oxd, op, { op_discovery_path: "" })
    expect((await signIn(oxd, op, oxdId)).id_token_claims["sub"]).toEqual(["248289761001"])
  })

  it("reports an op_discovery_path where the OP has no document with no_connect_discovery_response", async () => {
    const e = await failure(call(oxd, "register_site", { op_host: op.issuer, op_discovery_path: "oxauth", authorization_redirect_uri: REDIRECT_URI }))
    expect(e).toMatchObject({ error: "no_connect_discovery_response", http: 500 })
    expect(e.error_description).toContain("HTTP 404")
  })

  it("rejects client_id without client_secret with bad_request", async () => {
    const e = await failure(call(oxd, "register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, client_id: "existing" }))
    expect(e).toMatchObject({ error: "bad_request", http: 400 })
    expect(e.error_description).toContain('"client_secret" is required together with client_id')
  })

  it("uses an existing client with client_id and client_secret: no registration at the OP", async () => {
    const client = await registerAtOp(op)
    const before = op.counters()["registration"] ?? 0
    const oxdId = await registerSite(oxd, op, { client_id: client["client_id"], client_secret: client["client_secret"] })
    expect(oxdId).toMatch(UUID_V4)
    expect(op.counters()["registration"] ?? 0).toBe(before)
    const tokens = await signIn(oxd, op, oxdId)
    expect(tokens.id_token_claims["aud"]).toEqual([client["client_id"]])
  })

  it("rejects an op_host that is not a URL with invalid_op_host", async () => {
    const e = await failure(call(oxd, "register_site", { op_host: "op.example.org", authorization_redirect_uri: REDIRECT_URI }))
    expect(e).toMatchObject({ error: "invalid_op_host", http: 400 })
    expect(e.error_description).toContain('"op_host"')
  })

  // R11 / X9: the OP refusing the registration is the reference's internal_error (RegisterSiteOperation.java:286, :104-109)
  it("R11: answers metadata the OP refuses with internal_error carrying the OP's error", async () => {
    const e = await failure(call(oxd, "register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, response_types: ["no_such_type"] }))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toContain("invalid_client_metadata")
  })

  it("accepts a lone string where a list is expected", async () => {
    const oxdId = await registerSite(oxd, op, { scope: "openid", response_types: "code" })
    const { authorization_url } = await ok<{ authorization_url: string }>(call(oxd, "get_authorization_url", { oxd_id: oxdId }))
    expect(new URL(authorization_url).searchParams.get("scope")).toBe("openid")
  })
})
