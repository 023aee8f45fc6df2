import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose"
import * as client from "openid-client"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { TestOp } from "./server.js"
import { codeFlow, getJson, register, startOp } from "./test-support/helpers.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())

const jwks = async (): Promise<JSONWebKeySet> => (await getJson(`${op.issuer}/jwks`)).body
const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid

/** A fresh openid-client Configuration (own JWKS cache) for an already registered client. */
async function rediscover(config: client.Configuration): Promise<client.Configuration> {
  const meta = config.clientMetadata()
  const fresh = await client.discovery(new URL(op.issuer), meta.client_id, meta)
  client.enableNonRepudiationChecks(fresh)
  return fresh
}

describe("key rotation", () => {
  it("publishes a new kid, signs with it, and keeps clients, sessions and tokens", async () => {
    const config = await register(op)
    client.enableNonRepudiationChecks(config)
    const before = await codeFlow(op, config)
    const oldKid = kidOf(before.tokens.id_token!)
    op.reset()

    const { kid, kids } = await op.rotateKeys()
    expect(kid).not.toBe(oldKid)
    expect(kids.RS256).toBe(kid)
    const published = (await jwks()).keys.map((k) => k.kid)
    expect(published).toEqual(expect.arrayContaining([kid, kids.ES256, oldKid]))

    // Same client (registered before rotation), fresh JWKS cache: new kid, signature verified.
    const fresh = await rediscover(config)
    const after = await codeFlow(op, fresh)
    expect(kidOf(after.tokens.id_token!)).toBe(kid)
    expect(op.counters().jwks).toBe(2) // our test fetch + openid-client re-fetching the JWKS

    // Tokens issued before the rotation still work.
    expect(await client.tokenIntrospection(fresh, before.tokens.access_token)).toMatchObject({ active: true })
    const refreshed = await client.refreshTokenGrant(fresh, before.tokens.refresh_token!)
    expect(kidOf(refreshed.id_token!)).toBe(kid)

    // The old ID token still verifies: its key is still published.
    await expect(jwtVerify(before.tokens.id_token!, createLocalJWKSet(await jwks()))).resolves.toBeDefined()
  })

  it("rotates ES256 too", async () => {
    const config = await register(op, { id_token_signed_response_alg: "ES256" })
    const { kids } = await op.rotateKeys()
    const { tokens } = await codeFlow(op, await rediscover(config))
    expect(decodeProtectedHeader(tokens.id_token!)).toMatchObject({ alg: "ES256", kid: kids.ES256 })
  })

  it("can drop the old keys (keepOld: false)", async () => {
    const config = await register(op)
    const before = await codeFlow(op, config)
    const { kids } = await op.rotateKeys({ keepOld: false })
    expect((await jwks()).keys.map((k) => k.kid).sort()).toEqual([kids.ES256, kids.RS256].sort())
    await expect(jwtVerify(before.tokens.id_token!, createLocalJWKSet(await jwks()))).rejects.toThrow(
      /no applicable key/i,
    )
    const { tokens } = await codeFlow(op, await rediscover(config))
    expect(kidOf(tokens.id_token!)).toBe(kids.RS256)
  })
})

describe("counters", () => {
  it("count requests per oidc-provider route, per grant type and interaction pages", async () => {
    const config = await register(op)
    op.reset()
    const { tokens } = await codeFlow(op, config)
    await client.refreshTokenGrant(config, tokens.refresh_token!)
    await client.tokenIntrospection(config, tokens.access_token)
    await client.fetchUserInfo(config, tokens.access_token, client.skipSubjectCheck)
    expect(op.counters()).toMatchObject({
      authorization: 1,
      resume: 2, // after login and after consent
      interaction: 3, // login page, login POST, (auto-)consent
      token: 2,
      "token.authorization_code": 1,
      "token.refresh_token": 1,
      introspection: 1,
      userinfo: 1,
    })
    op.reset()
    expect(op.counters()).toEqual({})
  })
})
