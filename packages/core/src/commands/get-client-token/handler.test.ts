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
  it("gets an access token by client credentials, with openid and the protection scopes when none are given", async () => {
    const before = op.counters()["token.client_credentials"] ?? 0
    const data = await ok(call(oxd, "get_client_token", { op_host: op.issuer, ...client }))
    expect(op.counters()["token.client_credentials"]).toBe(before + 1)
    expect(data).toMatchObject({ access_token: expect.any(String), expires_in: expect.any(Number) })
    expect(String(data["scope"]).split(" ").sort()).toEqual(["openid", "oxd", "uma_protection"])
    expect(data["refresh_token"]).toBeNull()
  })

  // oxd 4.x GetClientTokenOperation.java:100-108 (master): openid, and the caller's scopes; none given: openid alone
  it("asks for openid alone when none are given over the oxd 4.x API (as 4.x), and for the protection scopes over 3.1", async () => {
    const v4 = await ok(
      oxd.dispatch("get_client_token", { op_host: op.issuer, ...client }, { transport: "https", api: "4" }),
    )
    expect(v4["scope"]).toEqual(["openid"])
    const v31 = await ok(oxd.dispatch("get_client_token", { op_host: op.issuer, ...client }, { transport: "https" }))
    expect(String(v31["scope"]).split(" ").sort()).toEqual(["openid", "oxd", "uma_protection"])
  })

  // oxd 4.x: op_configuration_endpoint instead of op_host, and over it (DiscoveryService.java:67-70 on master)
  it("finds the OP by op_configuration_endpoint (oxd 4.x), which wins over op_host", async () => {
    const before = op.counters()["token.client_credentials"] ?? 0
    const data = await ok(
      call(oxd, "get_client_token", {
        op_configuration_endpoint: `${op.issuer}/.well-known/openid-configuration`,
        op_host: "https://ignored.invalid",
        ...client,
      }),
    )
    expect(data["access_token"]).toEqual(expect.any(String))
    expect(op.counters()["token.client_credentials"]).toBe(before + 1)
    expect((await failure(call(oxd, "get_client_token", { op_configuration_endpoint: "nope", ...client }))).error).toBe(
      "invalid_op_configuration_endpoint",
    )
  })

  it("gives a token the OP reports active and issued to the client", async () => {
    const { access_token } = await ok<{ access_token: string }>(
      call(oxd, "get_client_token", { op_host: op.issuer, ...client, scope: ["oxd"] }),
    )
    const setup = await ok(call(oxd, "setup_client", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }))
    const r = await ok(call(oxd, "introspect_access_token", { oxd_id: setup["oxd_id"], access_token }))
    expect(r).toMatchObject({ active: true, client_id: client.client_id })
    expect([...r["scopes"]].sort()).toEqual(["openid", "oxd"])
  })

  // RFC 6749 §2.3.1: a client registered for client_secret_post sends its secret in the body. The test OP accepts
  // either method; that Basic is then not used is shown against LemonLDAP::NG, whose Basic parsing fails on these
  // credentials (packages/conformance/test/lemonldap.test.ts)
  it("authenticates with client_secret_post when asked, as the client was registered", async () => {
    const setup = await ok(
      call(oxd, "setup_client", {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        client_token_endpoint_auth_method: "client_secret_post",
      }),
    )
    const post = {
      op_host: op.issuer,
      client_id: setup["client_id"],
      client_secret: setup["client_secret"],
      authentication_method: "client_secret_post",
    }
    expect(await ok(call(oxd, "get_client_token", post))).toMatchObject({ access_token: expect.any(String) })
    expect(
      (await failure(call(oxd, "get_client_token", { ...post, client_secret: "wrong" }))).error_description,
    ).toContain("invalid_client")
  })

  // the reference always asks for openid besides the scopes given (GetClientTokenOperation.java:100-108)
  it("requests the scopes given, with openid", async () => {
    expect(
      String((await ok(call(oxd, "get_client_token", { op_host: op.issuer, ...client, scope: ["openid"] })))["scope"]),
    ).toBe("openid")
    expect(
      String((await ok(call(oxd, "get_client_token", { op_host: op.issuer, ...client, scope: ["oxd"] })))["scope"])
        .split(" ")
        .sort(),
    ).toEqual(["openid", "oxd"])
  })

  // GC10: a token response without access_token is the reference's internal_error (GetClientTokenOperation.java:84-87,97)
  it("GC10: answers a token response without access_token with internal_error", async () => {
    op.fault({ mode: "empty", paths: ["/token"], times: 1 })
    try {
      const e = await failure(call(oxd, "get_client_token", { op_host: op.issuer, ...client }))
      expect(e.error).toBe("internal_error")
      expect(e.error_description).toContain("no access_token")
    } finally {
      op.fault(null)
    }
  })

  // GC5 / X9: the OP's refusal is the reference's internal_error (GetClientTokenOperation.java:75-97)
  it("GC5: answers a wrong client_secret with internal_error carrying the OP's error code", async () => {
    const e = await failure(
      call(oxd, "get_client_token", { op_host: op.issuer, client_id: client.client_id, client_secret: "wrong" }),
    )
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toContain("invalid_client")
  })

  it("GC5: answers an unknown client_id with internal_error", async () => {
    const e = await failure(
      call(oxd, "get_client_token", { op_host: op.issuer, client_id: "nobody", client_secret: "x" }),
    )
    expect(e.error).toBe("internal_error")
    expect(e.error_description).toContain("invalid_client")
  })

  // GC4: the reference sends the request without a secret; the OP refuses: internal_error (GetClientTokenOperation.java:72,97)
  it("GC4: answers a missing client_secret with internal_error naming it", async () => {
    for (const secret of [undefined, null, ""]) {
      const e = await failure(
        call(oxd, "get_client_token", { op_host: op.issuer, client_id: client.client_id, client_secret: secret }),
      )
      expect(e).toMatchObject({ error: "internal_error", http: 400 })
      expect(e.error_description).toContain('"client_secret"')
    }
  })

  // GC3: client_id is not checked by the reference; the OP refuses: internal_error (GetClientTokenOperation.java:97)
  it("GC3: answers a missing client_id with internal_error naming it", async () => {
    const e = await failure(call(oxd, "get_client_token", { op_host: op.issuer, client_secret: "x" }))
    expect(e.error).toBe("internal_error")
    expect(e.error_description).toContain('"client_id"')
  })

  // GC2: the reference prepends https:// to an op_host without a scheme (DiscoveryService.java:133-141)
  it("GC2: gets a token from an op_host given without a scheme", async () => {
    const data = await ok(call(oxd, "get_client_token", { op_host: new URL(op.issuer).host, ...client }))
    expect(data["access_token"]).toEqual(expect.any(String))
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

  // GC9: the reference's crypto provider fails without the key: internal_error (BaseOperation.java:107-110)
  it("GC9: answers private_key_jwt without a key store with internal_error naming key_id", async () => {
    const e = await failure(
      call(oxd, "get_client_token", {
        op_host: op.issuer,
        client_id: client.client_id,
        authentication_method: "private_key_jwt",
        algorithm: "RS256",
        key_id: "k1",
      }),
    )
    expect(e.error).toBe("internal_error")
    expect(e.error_description).toContain('"key_id"')
  })

  // GC6: no algorithm is SignatureAlgorithm.fromString(null), null: invalid_algorithm (GetClientTokenOperation.java:55-58);
  // GC8: no key_id: the reference signs without a kid and fails, internal_error (:66)
  it("GC6/GC8: answers private_key_jwt without algorithm with invalid_algorithm, without key_id with internal_error", async () => {
    const pkj = { op_host: op.issuer, client_id: client.client_id, authentication_method: "private_key_jwt" }
    const noAlg = await failure(call(oxd, "get_client_token", { ...pkj, key_id: "k1" }))
    expect(noAlg.error).toBe("invalid_algorithm")
    expect(noAlg.error_description).toContain("An algorithm is required")
    const noKid = await failure(call(oxd, "get_client_token", { ...pkj, algorithm: "RS256" }))
    expect(noKid.error).toBe("internal_error")
    expect(noKid.error_description).toContain('"key_id"')
  })

  it("rejects private_key_jwt with algorithm XX999 with invalid_algorithm", async () => {
    const e = await failure(
      call(oxd, "get_client_token", {
        op_host: op.issuer,
        client_id: client.client_id,
        authentication_method: "private_key_jwt",
        algorithm: "XX999",
        key_id: "k1",
      }),
    )
    expect(e.error).toBe("invalid_algorithm")
  })
})
