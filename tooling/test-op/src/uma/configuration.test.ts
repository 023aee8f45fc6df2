import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { TestOp } from "../server.js"
import { getJson, register, startOp } from "../test-support/helpers.js"
import { CLAIMS_REDIRECT_URI, registerRequester, umaConfiguration } from "../test-support/uma.js"
import { UMA_TICKET_GRANT } from "./paths.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())

describe("UMA 2.0 discovery", () => {
  it("serves /.well-known/uma2-configuration with the UMA and OP endpoints", async () => {
    const { status, body } = await getJson(`${op.issuer}/.well-known/uma2-configuration`)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      issuer: op.issuer,
      token_endpoint: `${op.issuer}/token`,
      jwks_uri: `${op.issuer}/jwks`,
      authorization_endpoint: `${op.issuer}/auth`,
      registration_endpoint: `${op.issuer}/reg`,
      resource_registration_endpoint: `${op.issuer}/uma/resource_set`,
      permission_endpoint: `${op.issuer}/uma/permission`,
      introspection_endpoint: `${op.issuer}/uma/introspection`,
      claims_interaction_endpoint: `${op.issuer}/uma/claims_gathering`,
      uma_profiles_supported: [],
    })
    expect(body.grant_types_supported).toEqual(
      expect.arrayContaining([UMA_TICKET_GRANT, "client_credentials", "authorization_code"]),
    )
    expect(body.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_basic", "client_secret_post", "private_key_jwt"]),
    )
    expect(body.scopes_supported).toContain("uma_protection")
    expect(op.uma.endpoints.permission).toBe(body.permission_endpoint)
  })

  it("agrees with the OP's own discovery, which now lists the UMA grant", async () => {
    const oidc = (await getJson(`${op.issuer}/.well-known/openid-configuration`)).body
    const uma = await umaConfiguration(op)
    for (const key of ["issuer", "token_endpoint", "jwks_uri", "authorization_endpoint", "registration_endpoint"])
      expect(uma[key]).toBe(oidc[key])
    expect([...uma.grant_types_supported].sort()).toEqual([...oidc.grant_types_supported].sort())
    expect(oidc.grant_types_supported).toContain(UMA_TICKET_GRANT)
    expect(uma.token_endpoint_auth_methods_supported).toEqual(oidc.token_endpoint_auth_methods_supported)
    expect(uma.response_types_supported).toEqual(oidc.response_types_supported)
  })
})

describe("claims_redirect_uri client metadata", () => {
  it("is registered and returned", async () => {
    const config = await registerRequester(op)
    expect(config.clientMetadata().claims_redirect_uri).toEqual([CLAIMS_REDIRECT_URI])
    expect(config.clientMetadata().grant_types).toContain(UMA_TICKET_GRANT)
  })

  it.each([["not-an-array"], [["not a url"]], [["https://client.example.org/cb#frag"]], [[42]]])(
    "rejects %j",
    async (value) => {
      await expect(register(op, { claims_redirect_uri: value as never })).rejects.toMatchObject({
        error: "invalid_client_metadata",
      })
    },
  )
})
