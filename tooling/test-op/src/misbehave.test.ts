import { createHash } from "node:crypto"
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose"
import { headlessLogin } from "./headlessLogin.js"
import * as client from "openid-client"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import type { MisbehaviourKind } from "./misbehave.js"
import type { TestOp } from "./server.js"
import { REDIRECT_URI, codeFlow, getJson, register, startOp } from "./test-support/helpers.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())
beforeEach(() => op.reset())

/** A client that also verifies ID token signatures against jwks_uri (off by default in openid-client v6). */
async function strictClient(): Promise<client.Configuration> {
  const config = await register(op)
  client.enableNonRepudiationChecks(config)
  return config
}

const clientIdOf = (config: client.Configuration) => config.clientMetadata().client_id

/** openid-client wraps oauth4webapi's precise error in `cause`; flatten message, code and cause into one line. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (err) {
    const parts: string[] = []
    for (let e: any = err; e; e = e.cause) parts.push([e.message, e.code, e.claim].filter(Boolean).join(" "))
    return parts.join(" <- ")
  }
  throw new Error("expected a rejection")
}

describe("ID token misbehaviours are rejected by openid-client", () => {
  const cases: Array<[MisbehaviourKind, RegExp]> = [
    ["bad_signature", /signature verification failed/i],
    ["unknown_kid", /no applicable keys found/i],
    ["wrong_nonce", /"nonce" claim value.*OAUTH_JWT_CLAIM_COMPARISON_FAILED/],
    ["wrong_aud", /"aud" \(audience\) claim value.*OAUTH_JWT_CLAIM_COMPARISON_FAILED/],
    ["expired", /"exp" \(expiration time\) claim value.*OAUTH_JWT_TIMESTAMP_CHECK_FAILED/],
    ["wrong_issuer", /"iss" \(issuer\) claim value.*OAUTH_JWT_CLAIM_COMPARISON_FAILED/],
  ]

  for (const [kind, message] of cases) {
    it(kind, async () => {
      const config = await strictClient()
      op.misbehave({ kind, clientId: clientIdOf(config) })
      expect(await rejection(codeFlow(op, config))).toMatch(message)
      // once (default): the next flow is clean again
      const { tokens } = await codeFlow(op, config)
      expect(tokens.claims()?.sub).toBe("248289761001")
    })
  }

  it("bad_at_hash: at_hash present but not matching the access token", async () => {
    // openid-client (oauth4webapi) does not check at_hash on token endpoint responses (OIDC Core
    // 3.1.3.8 makes it optional in the code flow), so we check the value ourselves.
    const config = await strictClient()
    const clean = await codeFlow(op, config)
    expect(clean.tokens.claims()).not.toHaveProperty("at_hash")

    op.misbehave({ kind: "bad_at_hash", clientId: clientIdOf(config) })
    const { tokens } = await codeFlow(op, config)
    const atHash = createHash("sha256").update(tokens.access_token).digest().subarray(0, 16).toString("base64url")
    const claims = decodeJwt(tokens.id_token!)
    expect(claims.at_hash).toEqual(expect.any(String))
    expect(claims.at_hash).not.toBe(atHash)
  })
})

describe("misbehaviour targeting", () => {
  it("only affects the named client", async () => {
    const victim = await strictClient()
    const bystander = await strictClient()
    op.misbehave({ kind: "wrong_aud", clientId: clientIdOf(victim) })
    await expect(codeFlow(op, bystander)).resolves.toBeDefined()
    expect(await rejection(codeFlow(op, victim))).toMatch(/audience/)
  })

  it("applies to any client when clientId is omitted, and persists with once:false until reset()", async () => {
    const config = await strictClient()
    op.misbehave({ kind: "wrong_issuer", once: false })
    expect(await rejection(codeFlow(op, config))).toMatch(/issuer/)
    expect(await rejection(codeFlow(op, await strictClient()))).toMatch(/issuer/)
    op.reset()
    await expect(codeFlow(op, config)).resolves.toBeDefined()
  })

  it("applies to ID tokens from the refresh_token grant too", async () => {
    const config = await strictClient()
    const { tokens } = await codeFlow(op, config)
    op.misbehave({ kind: "expired", clientId: clientIdOf(config) })
    expect(await rejection(client.refreshTokenGrant(config, tokens.refresh_token!))).toMatch(/expiration/)
  })

  it("combines several kinds on one token", async () => {
    const config = await register(op)
    op.misbehave({ kind: "wrong_nonce" })
    op.misbehave({ kind: "unknown_kid" })
    const idToken = await rawIdToken(config, "n-1")
    expect(decodeJwt(idToken).nonce).not.toBe("n-1")
    const { keys } = (await (await fetch(`${op.issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> }
    expect(keys.map((k) => k.kid)).not.toContain(decodeProtectedHeader(idToken).kid)
    expect(op.pendingMisbehaviours()).toEqual([])
  })

  it("keeps the real kid and key for claim-only misbehaviours", async () => {
    const config = await register(op)
    const clean = await rawIdToken(config, "n-0")
    op.misbehave({ kind: "wrong_nonce" })
    const tampered = await rawIdToken(config, "n-1")
    expect(decodeJwt(tampered).nonce).not.toBe("n-1")
    expect(decodeProtectedHeader(tampered).kid).toBe(decodeProtectedHeader(clean).kid)
    const { keys } = (await (await fetch(`${op.issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> }
    const jwks = createLocalJWKSet({ keys: keys as never[] })
    await expect(jwtVerify(tampered, jwks)).resolves.toBeDefined() // real signature
  })

  it("wrong_sub: another user's sub, with the real kid and signature", async () => {
    const config = await register(op)
    op.misbehave({ kind: "wrong_sub", clientId: clientIdOf(config) })
    const tampered = await rawIdToken(config, "n-1")
    expect(decodeJwt(tampered)).toMatchObject({ sub: "248289761002", nonce: "n-1" })
    const { keys } = (await (await fetch(`${op.issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> }
    await expect(jwtVerify(tampered, createLocalJWKSet({ keys: keys as never[] }))).resolves.toBeDefined()
    expect(decodeJwt(await rawIdToken(config, "n-2")).sub).toBe("248289761001")
  })

  it("no_id_token: the token answer carries no ID token, the rest as usual", async () => {
    const config = await register(op)
    op.misbehave({ kind: "no_id_token", clientId: clientIdOf(config) })
    const answer = await rawTokenResponse(config, "n-1")
    expect(answer).not.toHaveProperty("id_token")
    expect(answer).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) })
    expect(await rawTokenResponse(config, "n-2")).toHaveProperty("id_token")
  })

  it("not_a_jwt: the token answer's id_token is no JWT; no_expires_in: the answer has no expires_in", async () => {
    const config = await register(op)
    op.misbehave({ kind: "not_a_jwt", clientId: clientIdOf(config) })
    expect(await rawTokenResponse(config, "n-1")).toMatchObject({
      id_token: "this-is-not-a-jwt",
      access_token: expect.any(String),
    })
    op.misbehave({ kind: "no_expires_in", clientId: clientIdOf(config) })
    const answer = await rawTokenResponse(config, "n-2")
    expect(answer).not.toHaveProperty("expires_in")
    expect(decodeJwt(String(answer["id_token"]))).toMatchObject({ nonce: "n-2" })
    expect(await rawTokenResponse(config, "n-3")).toHaveProperty("expires_in")
  })

  it("rejects unknown kinds", () => {
    expect(() => op.misbehave({ kind: "nope" as MisbehaviourKind })).toThrow(/unknown misbehaviour/)
  })
})

describe("userinfo misbehaviours", () => {
  const userinfo = (config: client.Configuration, accessToken: string) =>
    client.fetchUserInfo(config, accessToken, client.skipSubjectCheck) as Promise<Record<string, unknown>>

  it("userinfo_other_subject: the next userinfo answer of that client is another user's, then alice's again", async () => {
    const config = await register(op)
    const { tokens } = await codeFlow(op, config)
    expect(await userinfo(config, tokens.access_token)).toMatchObject({
      sub: "248289761001",
      email: "alice@example.org",
    })
    op.misbehave({ kind: "userinfo_other_subject", clientId: clientIdOf(config) })
    const mixedUp = await userinfo(config, tokens.access_token)
    expect(mixedUp).toMatchObject({ sub: "248289761002", name: "Bob Builder", email: "bob@example.org" })
    expect(JSON.stringify(mixedUp)).not.toContain("alice")
    expect(await userinfo(config, tokens.access_token)).toMatchObject({ sub: "248289761001" })
  })

  it("userinfo_no_subject: the answer has no sub", async () => {
    const config = await register(op)
    const { tokens } = await codeFlow(op, config)
    op.misbehave({ kind: "userinfo_no_subject", clientId: clientIdOf(config) })
    // read raw: openid-client itself refuses a userinfo answer without sub
    const { status, body } = await getJson(config.serverMetadata().userinfo_endpoint!, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    expect(status).toBe(200)
    expect(body).not.toHaveProperty("sub")
    expect(body).toMatchObject({ email: "alice@example.org" })
  })

  it("only affects userinfo answers of the named client, and ID token kinds never touch userinfo", async () => {
    const victim = await register(op)
    const bystander = await register(op)
    const bystanderFlow = await codeFlow(op, bystander)
    op.misbehave({ kind: "userinfo_other_subject", clientId: clientIdOf(victim) })
    // a code flow (ID token from /token) of the victim does not spend the userinfo rule
    const victimFlow = await codeFlow(op, victim)
    expect(await userinfo(bystander, bystanderFlow.tokens.access_token)).toMatchObject({ sub: "248289761001" })
    expect(await userinfo(victim, victimFlow.tokens.access_token)).toMatchObject({ sub: "248289761002" })
    op.misbehave({ kind: "wrong_nonce", clientId: clientIdOf(victim) })
    expect(await userinfo(victim, victimFlow.tokens.access_token)).toMatchObject({ sub: "248289761001" })
    expect(op.pendingMisbehaviours()).toEqual([{ kind: "wrong_nonce", clientId: clientIdOf(victim), once: true }])
  })
})

/** Code flow with a plain token request, returning the ID token without any client-side validation. */
async function rawIdToken(config: client.Configuration, nonce: string): Promise<string> {
  return ((await rawTokenResponse(config, nonce)) as { id_token: string }).id_token
}

/** Code flow with a plain token request, returning the token endpoint's JSON as it came. */
async function rawTokenResponse(config: client.Configuration, nonce: string): Promise<Record<string, unknown>> {
  const verifier = client.randomPKCECodeVerifier()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: "openid",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    nonce,
  })
  const { code } = await headlessLogin(url.href, { ca: op.caPem })
  const meta = config.clientMetadata()
  const res = await fetch(`${op.issuer}/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(meta.client_id)}:${encodeURIComponent(String(meta.client_secret))}`).toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, unknown>
}
