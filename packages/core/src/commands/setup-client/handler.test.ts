import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import {
  call,
  failure,
  ok,
  opJson,
  oxdFor,
  REDIRECT_URI,
  registerAtOp,
  signIn,
  startOpAndOxd,
  UUID_V4,
} from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

const setup = (params: Record<string, unknown> = {}) =>
  call(oxd, "setup_client", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, ...params })

/** A client as the OP holds it. */
const atOp = async (clientId: string) => {
  const client = await op.provider.Client.find(clientId)
  if (!client) throw new Error(`the OP has no client ${clientId}`)
  return client.metadata() as Record<string, any>
}
const scopesAtOp = async (clientId: string) => String((await atOp(clientId))["scope"]).split(" ")

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
      // the reference's long: 0 when the OP gives none (Utils.java:71-73); the test OP's secrets do not expire
      client_secret_expires_at: 0,
      op_host: op.issuer,
      client_id_of_oxd_id: expect.any(String),
    })
    expect(data["oxd_id"]).not.toBe(data["setup_client_oxd_id"])
    expect(data["client_id_of_oxd_id"]).not.toBe(data["client_id"])
  })

  // oxd 3.1.4 SetupClientOperation.java:87-103: client_credentials, uma_protection and oxd are added to the caller's
  // grant types and scope; the setup client is named setup_client_name (:46-47)
  it("registers the setup client for client_credentials with the caller's scope plus oxd and uma_protection, named setup_client_name", async () => {
    const data = await ok(
      setup({ scope: ["openid", "email"], setup_client_name: "My setup client", client_name: "My RP" }),
    )
    const setupClient = await atOp(data["client_id"])
    expect(setupClient["grant_types"]).toEqual(expect.arrayContaining(["authorization_code", "client_credentials"]))
    expect(String(setupClient["scope"]).split(" ").sort()).toEqual(["email", "openid", "oxd", "uma_protection"])
    expect(setupClient["client_name"]).toBe("My setup client")
    // client_name names the ordinary site only
    expect((await atOp(data["client_id_of_oxd_id"]))["client_name"]).toBe("My RP")
    const viaRegistration = await opJson(op, data["client_registration_client_uri"], {
      headers: { authorization: `Bearer ${data["client_registration_access_token"]}` },
    })
    expect(viaRegistration.body["grant_types"]).toContain("client_credentials")
  })

  it("names clients as the reference does when no name is given: oxd client for rp: <oxd_id>", async () => {
    const data = await ok(setup())
    expect((await atOp(data["client_id"]))["client_name"]).toBe(`oxd client for rp: ${data["setup_client_oxd_id"]}`)
    expect((await atOp(data["client_id_of_oxd_id"]))["client_name"]).toBe(`oxd client for rp: ${data["oxd_id"]}`)
  })

  // the reference adds to the caller's lists in place (SetupClientOperation.java:43-53), so the ordinary site gets the
  // protection scopes, and client_credentials when the caller gave grant_types
  it("registers the ordinary site with the same scope, and client_credentials only when grant_types were given", async () => {
    const plain = await ok(setup())
    expect((await scopesAtOp(plain["client_id_of_oxd_id"])).sort()).toEqual([
      "email",
      "openid",
      "oxd",
      "profile",
      "uma_protection",
    ])
    expect((await atOp(plain["client_id_of_oxd_id"]))["grant_types"]).not.toContain("client_credentials")
    const given = await ok(setup({ grant_types: ["authorization_code"] }))
    expect((await atOp(given["client_id_of_oxd_id"]))["grant_types"]).toEqual([
      "authorization_code",
      "client_credentials",
    ])
    expect((await atOp(given["client_id"]))["grant_types"]).toEqual(["authorization_code", "client_credentials"])
  })

  // X17: a 3.1 setup asks get_client_token for oxd (ERC:29's advice: "get_client_token has 'oxd' scope in request")
  it("gives a setup client whose credentials get a token with oxd, or with uma_protection", async () => {
    const data = await ok(setup())
    const creds = { op_host: op.issuer, client_id: data["client_id"], client_secret: data["client_secret"] }
    expect(
      String((await ok(call(oxd, "get_client_token", { ...creds, scope: ["openid", "oxd"] })))["scope"]).split(" "),
    ).toContain("oxd")
    expect(
      String((await ok(call(oxd, "get_client_token", { ...creds, scope: ["uma_protection"] })))["scope"]).split(" "),
    ).toContain("uma_protection")
  })

  it("gives an ordinary site (oxd_id) that signs users in", async () => {
    const data = await ok(setup())
    expect((await signIn(oxd, op, data["oxd_id"])).id_token_claims["sub"]).toEqual(["248289761001"])
  })

  it("uses an existing client without registering anything when client_id and client_secret are given", async () => {
    const client = await registerAtOp(op, {
      grant_types: ["authorization_code", "client_credentials"],
      scope: "openid uma_protection",
    })
    const before = op.counters()["registration"] ?? 0
    const data = await ok(setup({ client_id: client["client_id"], client_secret: client["client_secret"] }))
    expect(op.counters()["registration"] ?? 0).toBe(before)
    expect(data).toMatchObject({
      client_id: client["client_id"],
      client_secret: client["client_secret"],
      client_id_of_oxd_id: client["client_id"],
    })
  })

  // SC7: client_id without client_secret is ignored and clients are registered (RegisterSiteOperation.java:239,256-258)
  it("SC7: registers new clients when client_id comes without client_secret", async () => {
    const before = op.counters()["registration"] ?? 0
    const data = await ok(setup({ client_id: "some-client" }))
    expect(op.counters()["registration"]).toBe(before + 2)
    expect(data["client_id"]).not.toBe("some-client")
    expect(data["client_id_of_oxd_id"]).not.toBe("some-client")
  })

  // SC2: the reference prepends https:// to an op_host without a scheme (DiscoveryService.java:133-141); its reply's
  // op_host is the one given (SetupClientOperation.java:68)
  it("SC2: registers at an op_host given without a scheme, answering it as given", async () => {
    const bare = new URL(op.issuer).host
    const data = await ok(setup({ op_host: bare }))
    expect(data["op_host"]).toBe(bare)
    expect((await signIn(oxd, op, data["oxd_id"])).id_token_claims["iss"]).toEqual([op.issuer])
  })

  it("rejects a missing op_host (no default) with invalid_op_host", async () => {
    expect((await failure(call(oxd, "setup_client", { authorization_redirect_uri: REDIRECT_URI }))).error).toBe(
      "invalid_op_host",
    )
  })

  it("rejects a missing authorization_redirect_uri with invalid_authorization_redirect_uri", async () => {
    expect((await failure(call(oxd, "setup_client", { op_host: op.issuer }))).error).toBe(
      "invalid_authorization_redirect_uri",
    )
  })

  it("is not protected: it runs without a token when protection is on", async () => {
    const guarded = oxdFor(op, { protect_commands_with_access_token: true })
    try {
      await ok(
        guarded.dispatch(
          "setup_client",
          { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI },
          { transport: "internal" },
        ),
      )
    } finally {
      await guarded.dispose()
    }
  })
})
