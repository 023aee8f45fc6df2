import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, opJson, oxdFor, REDIRECT_URI, registerAtOp, signIn, startOpAndOxd, UUID_V4 } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

const setup = (params: Record<string, unknown> = {}) =>
  call(oxd, "setup_client", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, ...params })

describe("setup_client", () => {
  it("registers a setup client and an ordinary site at the OP, answering both", async () => {
    const before = op.counters()["registration"] ?? 0
    const data = await ok(setup())
    expect(op.counters()["registration"]).toBe(before + 2)
    expect(data).toMatchObject({
      setup_client_oxd_id: expect.stringMatching(UUID_V4),
      oxd_id: expect.stringMatching(UUID_V4),
      client_id: expect.any(String),
      client_secret: expect.any(String),
      client_registration_access_token: expect.any(String),
      client_registration_client_uri: expect.stringContaining(op.issuer),
      client_id_issued_at: expect.any(Number),
      op_host: op.issuer,
      client_id_of_oxd_id: expect.any(String),
    })
    expect(data["oxd_id"]).not.toBe(data["setup_client_oxd_id"])
    expect(data["client_id_of_oxd_id"]).not.toBe(data["client_id"])
  })

  it("registers the setup client for client_credentials with the protection scope", async () => {
    const data = await ok(setup())
    const atOp = await opJson(op, data["client_registration_client_uri"], { headers: { authorization: `Bearer ${data["client_registration_access_token"]}` } })
    expect(atOp.body["grant_types"]).toContain("client_credentials")
    expect(String(atOp.body["scope"]).split(" ")).toContain("uma_protection")
  })

  it("gives a setup client whose credentials get a protection token with uma_protection", async () => {
    const data = await ok(setup())
    const token = await ok(call(oxd, "get_client_token", { op_host: op.issuer, client_id: data["client_id"], client_secret: data["client_secret"] }))
    expect(String(token["scope"]).split(" ")).toContain("uma_protection")
  })

  it("gives an ordinary site (oxd_id) that signs users in", async () => {
    const data = await ok(setup())
    expect((await signIn(oxd, op, data["oxd_id"])).id_token_claims["sub"]).toEqual(["248289761001"])
  })

  it("uses an existing client without registering anything when client_id and client_secret are given", async () => {
    const client = await registerAtOp(op, { grant_types: ["authorization_code", "client_credentials"], scope: "openid uma_protection" })
    const before = op.counters()["registration"] ?? 0
    const data = await ok(setup({ client_id: client["client_id"], client_secret: client["client_secret"] }))
    expect(op.counters()["registration"] ?? 0).toBe(before)
    expect(data).toMatchObject({ client_id: client["client_id"], client_secret: client["client_secret"], client_id_of_oxd_id: client["client_id"] })
  })

  it("rejects client_id without client_secret with bad_request", async () => {
    const e = await failure(setup({ client_id: "some-client" }))
    expect(e).toMatchObject({ error: "bad_request", http: 400 })
    expect(e.error_description).toContain('"client_secret"')
  })

  it("rejects a missing op_host (no default) with invalid_op_host", async () => {
    expect((await failure(call(oxd, "setup_client", { authorization_redirect_uri: REDIRECT_URI }))).error).toBe("invalid_op_host")
  })

  it("rejects a missing authorization_redirect_uri with invalid_authorization_redirect_uri", async () => {
    expect((await failure(call(oxd, "setup_client", { op_host: op.issuer }))).error).toBe("invalid_authorization_redirect_uri")
  })

  it("is not protected: it runs without a token when protection is on", async () => {
    const guarded = oxdFor(op, { protect_commands_with_access_token: true })
    try {
      await ok(guarded.dispatch("setup_client", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }, { transport: "internal" }))
    } finally {
      await guarded.dispose()
    }
  })
})
