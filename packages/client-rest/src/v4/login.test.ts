import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import { startRestServer, type RestServer } from "@oxd/rest-server"
import { headlessLogin, type TestOp } from "@oxd/test-op"
import { opOrigin, startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createOxd4Client, Oxd4Error } from "./index.js"

// The generated 4.x client against oxd-ts's 4.x listener and the real test OP (HTTPS, its own CA). The oxd listener
// is plain HTTP on loopback: Node's fetch has no per-call CA option, and the test is about the API, not its TLS.
const REDIRECT_URI = "https://rp.example.org/callback"
let op: TestOp
let oxd: Oxd
let rest4: RestServer

beforeAll(async () => {
  op = await startOp()
  oxd = makeOxd(
    makeConfig({
      database_url: ":memory:",
      log_level: "error",
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [opOrigin(op)],
    }),
  )
  await oxd.ready()
  rest4 = await startRestServer(oxd, { api: "4", host: "127.0.0.1", port: 0, plainHttp: true })
})
afterAll(async () => {
  await rest4?.close()
  await oxd?.dispose()
  await op?.close()
})

describe("@oxd/client-rest/v4 (generated from openapi-4.json)", () => {
  it("signs a user in: register_site → get_client_token → get_authorization_url → login → get_tokens_by_code → get_user_info", async () => {
    const anonymous = createOxd4Client({ baseUrl: rest4.url })
    // oxd 4.x: no setup_client; register_site needs no token and answers the site's client
    const site = await anonymous.call("/register-site", {
      op_host: op.issuer,
      authorization_redirect_uri: REDIRECT_URI,
      scope: ["openid", "profile", "oxd"],
    })
    expect(site.client_id).toEqual(expect.any(String))
    const { access_token: token } = await anonymous.call("/get-client-token", {
      op_host: op.issuer,
      client_id: site.client_id,
      client_secret: site.client_secret!,
      scope: ["openid", "oxd"],
    })
    const client = createOxd4Client({ baseUrl: rest4.url, token })
    const { authorization_url } = await client.call("/get-authorization-url", { oxd_id: site.oxd_id })
    const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem })
    const tokens = await client.call("/get-tokens-by-code", { oxd_id: site.oxd_id, code, state: state! })
    // the ID token's claims as it carries them (4.x GetTokensByCodeOperation.java:137)
    expect(tokens.id_token_claims["sub"]).toBe("248289761001")
    // 4.x answers the OP's userinfo JSON as it came (GetUserInfoOperation.java:55), not 3.1's claim lists
    const info = await client.call("/get-user-info", { oxd_id: site.oxd_id, access_token: tokens.access_token })
    expect(info["sub"]).toBe("248289761001")
  })

  it("rejects with Oxd4Error carrying 4.x's status and code (a protected call without a token: 403 blank_access_token)", async () => {
    const anonymous = createOxd4Client({ baseUrl: rest4.url })
    const e = await anonymous.call("/get-authorization-url", { oxd_id: "no-such-site" }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(Oxd4Error)
    expect(e).toMatchObject({ status: 403, error: "blank_access_token" })
  })

  it("reads GET /health-check as typed JSON", async () => {
    const { data } = await createOxd4Client({ baseUrl: rest4.url }).GET("/health-check")
    expect(data).toEqual({ application: "oxd", version: expect.any(String), status: "running" })
  })
})
