import { createHash, type webcrypto } from "node:crypto"
import { Effect } from "effect"
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose"
import { beforeAll, describe, expect, it } from "vitest"
import { hashClaim } from "./hashClaim.js"
import { validateIdToken, type IdTokenExpectations } from "./validateIdToken.js"

const ISSUER = "https://op.example.org"
const CLIENT_ID = "client-123"
const NONCE = "n-0S6_WzA2Mj"

type Alg = "RS256" | "ES256"
const keys = {} as Record<Alg, { privateKey: webcrypto.CryptoKey; kid: string }>
let rogue: webcrypto.CryptoKey
let expectations: IdTokenExpectations

beforeAll(async () => {
  const published = []
  for (const alg of ["RS256", "ES256"] as const) {
    const { privateKey, publicKey } = await generateKeyPair(alg)
    const kid = `${alg.toLowerCase()}-key`
    keys[alg] = { privateKey, kid }
    published.push({ ...(await exportJWK(publicKey)), kid, alg, use: "sig" })
  }
  rogue = (await generateKeyPair("RS256")).privateKey
  expectations = {
    issuer: ISSUER,
    clientId: CLIENT_ID,
    nonce: NONCE,
    clockToleranceSeconds: 60,
    keys: createLocalJWKSet({ keys: published }),
  }
})

const now = () => Math.floor(Date.now() / 1000)

const claims = (over: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER,
  aud: CLIENT_ID,
  sub: "248289761001",
  iat: now(),
  exp: now() + 300,
  nonce: NONCE,
  ...over,
})

const sign = (payload: JWTPayload, opts: { alg?: Alg; key?: webcrypto.CryptoKey; kid?: string } = {}) => {
  const alg = opts.alg ?? "RS256"
  return new SignJWT(payload)
    .setProtectedHeader({ alg, kid: opts.kid ?? keys[alg].kid })
    .sign(opts.key ?? keys[alg].privateKey)
}

const validate = (token: string, over: Partial<IdTokenExpectations> = {}) =>
  Effect.runPromise(validateIdToken(token, { ...expectations, ...over }))

/** The failure of a validation (fails the test when it passes). */
const rejection = (token: string, over: Partial<IdTokenExpectations> = {}) =>
  Effect.runPromise(Effect.flip(validateIdToken(token, { ...expectations, ...over }))) as Promise<{
    _tag: string
    reason?: string
    message: string
  }>

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url")

describe("validateIdToken", () => {
  it("accepts a well-formed token and returns its claims", async () => {
    const payload = await validate(await sign(claims({ email: "alice@example.org" })))
    expect(payload).toMatchObject({
      iss: ISSUER,
      aud: CLIENT_ID,
      sub: "248289761001",
      nonce: NONCE,
      email: "alice@example.org",
    })
  })

  it("accepts an ES256 token", async () => {
    expect((await validate(await sign(claims(), { alg: "ES256" }))).sub).toBe("248289761001")
  })

  it("rejects a tampered signature with reason bad_signature", async () => {
    const token = await sign(claims())
    const [h, p, s] = token.split(".") as [string, string, string]
    const sig = Buffer.from(s, "base64url")
    sig[0] = sig[0]! ^ 0xff
    const e = await rejection(`${h}.${p}.${sig.toString("base64url")}`)
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_signature" })
    expect(e.message).toContain("signature does not verify")
  })

  it("rejects changed claims under the original signature with reason bad_signature", async () => {
    const [h, , s] = (await sign(claims())).split(".") as [string, string, string]
    const e = await rejection(`${h}.${b64(claims({ sub: "someone-else" }))}.${s}`)
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_signature" })
  })

  it("rejects a token signed by a key the OP does not publish with reason bad_signature", async () => {
    expect(await rejection(await sign(claims(), { key: rogue, kid: "rogue" }))).toMatchObject({
      reason: "bad_signature",
    })
    // the OP's kid, but another key behind it
    expect(await rejection(await sign(claims(), { key: rogue }))).toMatchObject({ reason: "bad_signature" })
  })

  it("rejects alg none with reason bad_signature", async () => {
    const token = `${b64({ alg: "none" })}.${b64(claims())}.`
    const e = await rejection(token)
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_signature" })
    expect(e.message).toContain("alg none")
  })

  it("rejects HS256 with reason bad_signature", async () => {
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode("a-client-secret-of-32-bytes-len!"))
    expect(await rejection(token)).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_signature" })
  })

  it("rejects a token that is no JWT with reason malformed (TC20: internal_error, as the reference's parser fails)", async () => {
    expect(await rejection("not-a-jwt")).toMatchObject({ _tag: "IdTokenRejected", reason: "malformed" })
  })

  it("rejects a wrong iss with reason bad_issuer", async () => {
    const e = await rejection(await sign(claims({ iss: "https://evil.example.org" })))
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_issuer" })
    expect(e.message).toContain("iss")
  })

  it("rejects an iss that differs only by a trailing slash with reason bad_issuer", async () => {
    expect(await rejection(await sign(claims({ iss: `${ISSUER}/` })))).toMatchObject({ reason: "bad_issuer" })
  })

  it("rejects a wrong aud with reason bad_audience", async () => {
    const e = await rejection(await sign(claims({ aud: "someone-else" })))
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_audience" })
    expect(e.message).toContain("aud")
  })

  it("rejects an azp that is not the client with reason bad_audience", async () => {
    const e = await rejection(await sign(claims({ aud: [CLIENT_ID, "other"], azp: "other" })))
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_audience" })
    expect(e.message).toContain("azp")
  })

  it("rejects several audiences without azp with reason bad_audience", async () => {
    const e = await rejection(await sign(claims({ aud: [CLIENT_ID, "other"] })))
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_audience" })
    expect(e.message).toContain("azp")
  })

  it("accepts several audiences when azp is the client", async () => {
    expect((await validate(await sign(claims({ aud: [CLIENT_ID, "other"], azp: CLIENT_ID })))).azp).toBe(CLIENT_ID)
  })

  it("rejects a token expired beyond the clock tolerance with reason expired", async () => {
    const e = await rejection(await sign(claims({ iat: now() - 600, exp: now() - 61 })))
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "expired" })
    expect(e.message).toContain("exp")
  })

  it("accepts a token expired within the clock tolerance", async () => {
    expect((await validate(await sign(claims({ iat: now() - 600, exp: now() - 30 })))).sub).toBe("248289761001")
  })

  it("rejects a token expired within the tolerance when the tolerance is zero", async () => {
    expect(
      await rejection(await sign(claims({ iat: now() - 600, exp: now() - 30 })), { clockToleranceSeconds: 0 }),
    ).toMatchObject({ reason: "expired" })
  })

  it("rejects an iat in the future beyond the tolerance", async () => {
    const e = await rejection(await sign(claims({ iat: now() + 600, exp: now() + 900 })))
    expect(e._tag).toBe("IdTokenRejected")
  })

  it("rejects a token without exp, iat or sub", async () => {
    for (const missing of ["exp", "iat", "sub"] as const) {
      const payload = claims()
      delete payload[missing]
      expect(await rejection(await sign(payload))).toMatchObject({ _tag: "IdTokenRejected" })
    }
  })

  it("rejects a wrong nonce with reason bad_nonce", async () => {
    const e = await rejection(await sign(claims({ nonce: "another" })))
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_nonce" })
    expect(e.message).toContain("nonce does not match")
  })

  it("rejects a missing nonce when one was sent with reason bad_nonce", async () => {
    const payload = claims()
    delete payload["nonce"]
    expect(await rejection(await sign(payload))).toMatchObject({ reason: "bad_nonce" })
  })

  it("does not check the nonce when none is expected (refresh)", async () => {
    const payload = claims()
    delete payload["nonce"]
    expect((await validate(await sign(payload), { nonce: undefined })).sub).toBe("248289761001")
  })

  it("rejects an at_hash that does not match the access token with AccessTokenHashMismatch", async () => {
    const token = await sign(claims({ at_hash: hashClaim("another-access-token", "RS256")! }))
    const e = await rejection(token, { accessToken: "the-access-token" })
    expect(e._tag).toBe("AccessTokenHashMismatch")
    expect(e.message).toContain("at_hash")
  })

  it("accepts a matching at_hash with RS256 and ES256", async () => {
    const accessToken = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"
    for (const alg of ["RS256", "ES256"] as const) {
      const token = await sign(claims({ at_hash: "77QmUPtjPfzWtF2AnpK9RQ" }), { alg })
      expect((await validate(token, { accessToken })).at_hash).toBe("77QmUPtjPfzWtF2AnpK9RQ")
    }
  })

  it("rejects a c_hash that does not match the code with AuthorizationCodeHashMismatch", async () => {
    const token = await sign(claims({ c_hash: hashClaim("another-code", "RS256")! }))
    const e = await rejection(token, { code: "the-code" })
    expect(e._tag).toBe("AuthorizationCodeHashMismatch")
  })

  it("accepts a matching c_hash", async () => {
    const code = "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk"
    expect((await validate(await sign(claims({ c_hash: "LDktKdoQak3Pk0cnXxCltA" })), { code })).c_hash).toBe(
      "LDktKdoQak3Pk0cnXxCltA",
    )
  })
})

describe("hashClaim", () => {
  it("matches the OIDC Core examples (at_hash A.4, c_hash A.3)", () => {
    expect(hashClaim("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "RS256")).toBe("77QmUPtjPfzWtF2AnpK9RQ")
    expect(hashClaim("Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk", "RS256")).toBe(
      "LDktKdoQak3Pk0cnXxCltA",
    )
    expect(hashClaim("Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk", "ES256")).toBe(
      "LDktKdoQak3Pk0cnXxCltA",
    )
  })

  it("uses the left half of SHA-384 / SHA-512 for the 384 / 512 algorithms and EdDSA", () => {
    const leftHalf = (digest: string, v: string) => {
      const full = createHash(digest).update(v).digest()
      return full.subarray(0, full.length / 2).toString("base64url")
    }
    expect(hashClaim("token", "RS384")).toBe(leftHalf("sha384", "token"))
    expect(hashClaim("token", "ES512")).toBe(leftHalf("sha512", "token"))
    expect(hashClaim("token", "PS256")).toBe(leftHalf("sha256", "token"))
    expect(hashClaim("token", "EdDSA")).toBe(leftHalf("sha512", "token"))
    expect(hashClaim("token", "RS384")).toHaveLength(32)
    expect(hashClaim("token", "RS512")).toHaveLength(43)
  })

  it("gives undefined for an algorithm it cannot hash for", () => {
    expect(hashClaim("token", "none")).toBeUndefined()
  })
})
