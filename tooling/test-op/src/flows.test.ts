import { exportJWK, generateKeyPair } from "jose"
import * as client from "openid-client"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AuthorizationResponseError, headlessLogin } from "./headlessLogin.js"
import type { TestOp } from "./server.js"
import { REDIRECT_URI, codeFlow, register, startOp } from "./test-support/helpers.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp({ extraScopes: ["custom:read", "custom:write"] })
})
afterAll(() => op?.close())

describe("authorization code flow", () => {
  it("logs in headlessly with PKCE and returns an ID token openid-client validates", async () => {
    const config = await register(op)
    const { tokens, nonce } = await codeFlow(op, config)
    expect(tokens.claims()).toMatchObject({
      iss: op.issuer,
      aud: config.clientMetadata().client_id,
      sub: "248289761001",
      nonce,
    })
    expect(tokens.token_type.toLowerCase()).toBe("bearer")
    expect(tokens.expires_in).toBeGreaterThan(3500)
    // refresh_token grant registered → refresh token, even without offline_access
    expect(tokens.refresh_token).toEqual(expect.any(String))
  })

  it("logs in as bob and verifies the ID token signature against the JWKS", async () => {
    const config = await register(op)
    client.enableNonRepudiationChecks(config)
    const { tokens } = await codeFlow(op, config, { login: { username: "bob", password: "bob-password" } })
    expect(tokens.claims()?.sub).toBe("248289761002")
  })

  it("works without PKCE for a confidential client", async () => {
    const config = await register(op)
    const state = client.randomState()
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: "openid", state })
    const { redirectUrl, code, state: returned } = await headlessLogin(url.href, { ca: op.caPem })
    expect(code).toEqual(expect.any(String))
    expect(returned).toBe(state)
    const tokens = await client.authorizationCodeGrant(config, new URL(redirectUrl), { expectedState: state })
    expect(tokens.claims()?.sub).toBe("248289761001")
  })

  it("requires PKCE for public clients", async () => {
    const config = await register(op, { token_endpoint_auth_method: "none", grant_types: ["authorization_code"] })
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: "openid" })
    await expect(headlessLogin(url.href, { ca: op.caPem })).rejects.toMatchObject({
      error: "invalid_request",
      errorDescription: expect.stringMatching(/PKCE/i),
    })
    const { tokens } = await codeFlow(op, config) // with PKCE it works
    expect(tokens.claims()?.sub).toBe("248289761001")
  })

  it("signs ID tokens with ES256 when the client registers it", async () => {
    const config = await register(op, { id_token_signed_response_alg: "ES256" })
    client.enableNonRepudiationChecks(config)
    const { tokens } = await codeFlow(op, config)
    const [header] = tokens.id_token!.split(".")
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toMatchObject({ alg: "ES256" })
  })

  it("authenticates with client_secret_basic explicitly", async () => {
    const registered = await register(op, { token_endpoint_auth_method: "client_secret_basic" })
    const meta = registered.clientMetadata()
    const config = new client.Configuration(
      registered.serverMetadata(),
      config_id(meta),
      meta,
      client.ClientSecretBasic(String(meta.client_secret)),
    )
    const { tokens } = await codeFlow(op, config)
    expect(tokens.access_token).toEqual(expect.any(String))
  })

  it("authenticates with private_key_jwt", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256")
    const jwk = { ...(await exportJWK(publicKey)), kid: "client-key-1", alg: "ES256", use: "sig" }
    const registered = await register(op, { token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [jwk] } })
    const meta = registered.clientMetadata()
    const config = new client.Configuration(
      registered.serverMetadata(),
      config_id(meta),
      meta,
      client.PrivateKeyJwt({ key: privateKey, kid: "client-key-1" }),
    )
    const { tokens } = await codeFlow(op, config)
    expect(tokens.claims()?.sub).toBe("248289761001")
  })

  it("reports a rejected password as an error", async () => {
    const config = await register(op)
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: "openid" })
    await expect(headlessLogin(url.href, { ca: op.caPem, username: "alice", password: "nope" })).rejects.toThrow(
      /rejected the credentials/,
    )
  })

  it("throws the error returned at the redirect_uri", async () => {
    const config = await register(op)
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: "openid",
      prompt: "none",
      state: "s1",
    })
    const err: unknown = await headlessLogin(url.href, { ca: op.caPem }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AuthorizationResponseError)
    expect(err).toMatchObject({ error: "login_required", message: expect.stringContaining("login_required") })
    expect((err as AuthorizationResponseError).params.get("state")).toBe("s1")
  })

  it("throws on an unregistered redirect_uri (OP error page, no redirect)", async () => {
    const config = await register(op)
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: "https://attacker.example.com/cb",
      scope: "openid",
    })
    await expect(headlessLogin(url.href, { ca: op.caPem })).rejects.toMatchObject({ error: "invalid_redirect_uri" })
  })

  it("supports response_mode=form_post", async () => {
    const config = await register(op)
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: "openid",
      response_mode: "form_post",
      state: "fp",
    })
    const result = await headlessLogin(url.href, { ca: op.caPem })
    expect(result).toMatchObject({ state: "fp", code: expect.any(String) })
  })
})

describe("tokens", () => {
  it("refreshes, and the refreshed ID token validates", async () => {
    const config = await register(op)
    const { tokens } = await codeFlow(op, config, { scope: "openid profile offline_access" })
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!)
    expect(refreshed.access_token).not.toBe(tokens.access_token)
    expect(refreshed.claims()?.sub).toBe("248289761001")
  })

  it("serves userinfo filtered by scope", async () => {
    const config = await register(op)
    const { tokens } = await codeFlow(op, config, { scope: "openid profile email" })
    const info = await client.fetchUserInfo(config, tokens.access_token, "248289761001")
    expect(info).toMatchObject({
      sub: "248289761001",
      name: "Alice Example",
      given_name: "Alice",
      family_name: "Example",
      preferred_username: "alice",
      email: "alice@example.org",
      email_verified: true,
      picture: expect.stringMatching(/^https:/),
    })
    expect(info).not.toHaveProperty("phone_number")

    const narrow = await codeFlow(op, config, { scope: "openid" })
    expect(await client.fetchUserInfo(config, narrow.tokens.access_token, "248289761001")).toEqual({
      sub: "248289761001",
    })
  })

  it("keeps uma_protection and extraScopes on the access token, drops unknown scopes", async () => {
    const config = await register(op)
    const { tokens } = await codeFlow(op, config, { scope: "openid email uma_protection custom:read unknown:scope" })
    const introspected = await client.tokenIntrospection(config, tokens.access_token)
    expect(introspected.scope?.split(" ").sort()).toEqual(["custom:read", "email", "openid", "uma_protection"])
    expect(config.serverMetadata().scopes_supported).toEqual(
      expect.arrayContaining(["openid", "profile", "email", "offline_access", "uma_protection", "custom:read"]),
    )
  })

  it("introspects opaque access and refresh tokens, and revocation deactivates them", async () => {
    const config = await register(op)
    const { tokens } = await codeFlow(op, config)
    const at = await client.tokenIntrospection(config, tokens.access_token)
    expect(at).toMatchObject({
      active: true,
      sub: "248289761001",
      client_id: config.clientMetadata().client_id,
      iss: op.issuer,
      token_type: "Bearer",
    })
    expect(at.exp).toBeGreaterThan(Date.now() / 1000)
    expect(await client.tokenIntrospection(config, tokens.refresh_token!)).toMatchObject({
      active: true,
      sub: "248289761001",
    })

    await client.tokenRevocation(config, tokens.access_token)
    expect(await client.tokenIntrospection(config, tokens.access_token)).toEqual({ active: false })
    await client.tokenRevocation(config, tokens.refresh_token!)
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    })
  })

  it("lets another confidential client (a resource server) introspect", async () => {
    const app = await register(op)
    const rs = await register(op, { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] })
    const { tokens } = await codeFlow(op, app)
    expect(await client.tokenIntrospection(rs, tokens.access_token)).toMatchObject({
      active: true,
      client_id: app.clientMetadata().client_id,
    })
  })

  it("issues client_credentials tokens with requested scopes", async () => {
    const config = await register(op, { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] })
    const tokens = await client.clientCredentialsGrant(config, { scope: "uma_protection custom:write" })
    expect(tokens).toMatchObject({ token_type: expect.stringMatching(/^bearer$/i), expires_in: expect.any(Number) })
    expect(tokens.expires_in).toBeLessThanOrEqual(600)
    expect(tokens.id_token).toBeUndefined()
    expect(tokens.refresh_token).toBeUndefined()
    expect(await client.tokenIntrospection(config, tokens.access_token)).toMatchObject({
      active: true,
      client_id: config.clientMetadata().client_id,
      scope: "uma_protection custom:write",
    })
  })

  it("builds an end_session URL that the OP accepts", async () => {
    const config = await register(op)
    const { tokens } = await codeFlow(op, config)
    expect(config.serverMetadata().end_session_endpoint).toBe(`${op.issuer}/session/end`)
    const url = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: "https://client.example.org/logged-out",
      state: "bye",
    })
    const res = await fetch(url)
    expect(res.status).toBe(200)
    // No OP session cookie here, so oidc-provider skips the confirmation and auto-submits.
    expect(await res.text()).toContain(`action="${op.issuer}/session/end/confirm"`)
  })
})

describe("ttl options", () => {
  it("are overridable", async () => {
    const short = await startOp({ ttl: { AccessToken: 120, IdToken: 300 } })
    try {
      const config = await register(short)
      const { tokens } = await codeFlow(short, config)
      expect(tokens.expires_in).toBeLessThanOrEqual(120)
      const claims = tokens.claims()!
      expect(claims.exp - claims.iat).toBe(300)
    } finally {
      await short.close()
    }
  })
})

function config_id(meta: client.ClientMetadata): string {
  return meta.client_id
}
