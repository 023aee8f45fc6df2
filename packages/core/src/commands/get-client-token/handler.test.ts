import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, oxdFor, REDIRECT_URI, startOp } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let client: { client_id: string; client_secret: string }
beforeAll(async () => {
  op = await startOp()
  oxd = oxdFor(op)
  const setup = await ok(call(oxd, "setup_client", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }))
  client = { client_id: setup["client_id"], client_secret: setup["client_secret"] }
})
afterAll(async () => {
  await oxd?.dispose()
  await op?.close()
})

describe("get_client_token", () => {
  it("gets an access token by client credentials, with the protection scope by default", async () => {
    const before = op.counters()["token.client_credentials"] ?? 0
    const data = await ok(call(oxd, "get_client_token", { op_host: op.issuer, ...client }))
    expect(op.counters()["token.client_credentials"]).toBe(before + 1)
    expect(data).toMatchObject({ access_token: expect.any(String), expires_in: expect.any(Number), scope: "uma_protection" })
    expect(data["refresh_token"]).toBeNull()
  })

  it("gives a token the OP reports active and issued to the client", async () => {
    const { access_token } = await ok<{ access_token: string }>(call(oxd, "get_client_token", { op_host: op.issuer, ...client }))
    const setup = await ok(call(oxd, "setup_client", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }))
    const r = await ok(call(oxd, "introspect_access_token", { oxd_id: setup["oxd_id"], access_token }))
    expect(r).toMatchObject({ active: true, client_id: client.client_id, scopes: ["uma_protection"] })
  })

  it("requests the scopes given", async () => {
    const data = await ok(call(oxd, "get_client_token", { op_host: op.issuer, ...client, scope: ["openid"] }))
    expect(data["scope"]).toBe("openid")
  })

  // GC5 / X9: the OP's refusal is the reference's internal_error (GetClientTokenOperation.java:75-97)
  it("GC5: answers a wrong client_secret with internal_error carrying the OP's error code", async () => {
    const e = await failure(call(oxd, "get_client_token", { op_host: op.issuer, client_id: client.client_id, client_secret: "wrong" }))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toContain("invalid_client")
  })

  it("GC5: answers an unknown client_id with internal_error", async () => {
    const e = await failure(call(oxd, "get_client_token", { op_host: op.issuer, client_id: "nobody", client_secret: "x" }))
    expect(e.error).toBe("internal_error")
    expect(e.error_description).toContain("invalid_client")
  })

  it("rejects a missing client_secret with bad_request naming it", async () => {
    for (const secret of [undefined, null, ""]) {
      const e = await failure(call(oxd, "get_client_token", { op_host: op.issuer, client_id: client.client_id, client_secret: secret }))
      expect(e).toMatchObject({ error: "bad_request", http: 400 })
      expect(e.error_description).toContain('"client_secret"')
    }
  })

  it("rejects a missing client_id with bad_request naming it", async () => {
    const e = await failure(call(oxd, "get_client_token", { op_host: op.issuer, client_secret: "x" }))
    expect(e.error).toBe("bad_request")
    expect(e.error_description).toContain('"client_id"')
  })

  it("rejects a missing op_host (no default) with invalid_op_host", async () => {
    expect((await failure(call(oxd, "get_client_token", client))).error).toBe("invalid_op_host")
  })

  it("uses default_op_host when op_host is absent", async () => {
    const withDefault = oxdFor(op, { default_op_host: op.issuer })
    try {
      await ok(withDefault.dispatch("get_client_token", client, { transport: "internal" }))
    } finally {
      await withDefault.dispose()
    }
  })

  it("rejects private_key_jwt without a key store with bad_request naming key_id", async () => {
    const e = await failure(call(oxd, "get_client_token", { op_host: op.issuer, client_id: client.client_id, authentication_method: "private_key_jwt", algorithm: "RS256", key_id: "k1" }))
    expect(e.error).toBe("bad_request")
    expect(e.error_description).toContain('"key_id"')
  })

  it("rejects private_key_jwt with algorithm XX999 with invalid_algorithm", async () => {
    const e = await failure(call(oxd, "get_client_token", { op_host: op.issuer, client_id: client.client_id, authentication_method: "private_key_jwt", algorithm: "XX999", key_id: "k1" }))
    expect(e.error).toBe("invalid_algorithm")
  })
})
