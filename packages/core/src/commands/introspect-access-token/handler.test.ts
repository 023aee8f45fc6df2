import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, registerAtOp, registerSite, signIn, startOpOxdAndSite } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

describe("introspect_access_token", () => {
  // the reply is oxAuth's IntrospectionResponse (oxAuth 3.1.4 IntrospectionResponse.java:22-64): exactly its 13
  // fields, null when unknown, scope and scopes both lists (the OP's RFC 7662 scope string is split)
  it("reports a user's access token active, in the reference's shape: scope and scopes lists, every field present", async () => {
    const { access_token, id_token_claims } = await signIn(oxd, op, oxdId)
    const before = op.counters()["introspection"] ?? 0
    const r = await ok(call(oxd, "introspect_access_token", { oxd_id: oxdId, access_token }))
    expect(op.counters()["introspection"]).toBe(before + 1)
    expect(Object.keys(r).sort()).toEqual([
      "acr_values",
      "active",
      "aud",
      "client_id",
      "exp",
      "iat",
      "iss",
      "jti",
      "scope",
      "scopes",
      "sub",
      "token_type",
      "username",
    ])
    expect(r).toMatchObject({
      active: true,
      client_id: id_token_claims["aud"]![0],
      sub: "248289761001",
      iss: op.issuer,
      token_type: "Bearer",
      exp: expect.any(Number),
      iat: expect.any(Number),
      username: null,
      acr_values: null,
    })
    expect([...r["scope"]].sort()).toEqual(["email", "openid", "profile"])
    expect(r["scopes"]).toEqual(r["scope"])
  })

  it("reports a token the OP does not know as inactive, every other field null", async () => {
    const r = await ok(call(oxd, "introspect_access_token", { oxd_id: oxdId, access_token: "not-a-token" }))
    expect(r).toEqual({
      active: false,
      scopes: null,
      scope: null,
      client_id: null,
      username: null,
      token_type: null,
      exp: null,
      iat: null,
      sub: null,
      aud: null,
      iss: null,
      jti: null,
      acr_values: null,
    })
  })

  // IA3 / X9: the reference lets the introspection endpoint's HTTP error through as http_status_<status>
  // (IntrospectionService.java:46-55, Processor.java:87-92)
  it("IA3: answers the OP refusing the introspection with http_status_<status>", async () => {
    const client = await registerAtOp(op)
    const broken = await registerSite(oxd, op, { client_id: client["client_id"], client_secret: "not-its-secret" })
    const e = await failure(call(oxd, "introspect_access_token", { oxd_id: broken, access_token: "x" }))
    expect(e.error).toBe("http_status_401")
    expect(e.error_description).toContain("invalid_client")
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
    expect((await failure(call(oxd, "introspect_access_token", { oxd_id: "nope", access_token: "x" }))).error).toBe(
      "invalid_oxd_id",
    )
  })
})
