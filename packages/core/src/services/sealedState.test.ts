import { createHmac, randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { makePrf, makeStateSealer, MAX_REDIRECT_INDEX, SEALED_STATE_LENGTH } from "./sealedState.js"

describe("sealed states", () => {
  const key = randomBytes(32)
  const sealer = makeStateSealer(key)

  it("open to what was sealed: expiry, nonce, verifier", () => {
    const expiresAt = Date.UTC(2200, 0, 1) // far beyond 32 bits of seconds: six bytes of milliseconds hold it
    const sealed = sealer.seal("site", "authorization", true, expiresAt)
    expect(sealed.state).toHaveLength(SEALED_STATE_LENGTH)
    expect(sealer.open("site", "authorization", sealed.state)).toEqual(sealed)
    // the same key in another instance opens it too
    expect(makeStateSealer(Buffer.from(key)).open("site", "authorization", sealed.state)).toEqual(sealed)
  })

  it("carry the redirect URI's index under the MAC (oxd 4.x's redirect_uri): altered, the state is unknown", () => {
    const sealed = sealer.seal("site", "authorization", true, 1_000, MAX_REDIRECT_INDEX)
    expect(sealer.open("site", "authorization", sealed.state)).toMatchObject({ redirect: MAX_REDIRECT_INDEX })
    expect(sealer.seal("site", "authorization", false, 1_000).redirect).toBe(0)
    const body = Buffer.from(sealed.state.slice(0, 32), "base64url")
    body[22] = body[22]! ^ 0b100 // the flags byte: index 63 becomes 62
    const altered = body.toString("base64url") + sealed.state.slice(32)
    expect(sealer.open("site", "authorization", altered)).toBe("unknown")
    expect(() => sealer.seal("site", "authorization", true, 1_000, MAX_REDIRECT_INDEX + 1)).toThrow()
  })

  it("do not open under another key, and derive nothing another key would", () => {
    const sealed = sealer.seal("site", "authorization", true, 1_000)
    const other = makeStateSealer(randomBytes(32))
    expect(other.open("site", "authorization", sealed.state)).toBe("unknown")
    const theirs = other.seal("site", "authorization", true, 1_000)
    expect(theirs.nonce).not.toBe(sealed.nonce)
    expect(sealer.open("site", "authorization", theirs.state)).toBe("unknown")
  })

  it("refuse what is not a state of this shape: wrong length, characters outside base64url", () => {
    const { state } = sealer.seal("site", "authorization", false, 1_000)
    for (const bad of [
      "",
      state.slice(1),
      `${state}A`,
      `${state.slice(0, -1)}=`,
      `${state.slice(0, -1)}+`,
      `${state.slice(0, -1)}\u0000`,
    ]) {
      expect(sealer.open("site", "authorization", bad)).toBe("unknown")
    }
  })

  it("derive a nonce and an RFC 7636 verifier, and refuse any change to any character of the state", () => {
    const sealed = sealer.seal("site", "authorization", true, Date.now() + 60_000)
    expect(sealed.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(sealed.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(sealed.state.includes(sealed.nonce) || sealed.state.includes(sealed.codeVerifier!)).toBe(false)
    // every character: the body (random bytes, expiry, flags, version) and the MAC
    for (let at = 0; at < SEALED_STATE_LENGTH; at++) {
      const c = sealed.state[at] === "A" ? "B" : "A"
      const altered = sealed.state.slice(0, at) + c + sealed.state.slice(at + 1)
      expect(sealer.open("site", "authorization", altered), `character ${at}`).toBe("unknown")
    }
    // another site's or another purpose's
    expect(sealer.open("other", "authorization", sealed.state)).toBe("unknown")
    expect(sealer.open("site", "claims_gathering", sealed.state)).toBe("unknown")
  })

  it("are MACed with HMAC-SHA512 exactly (RFC 2104), whatever the oxd_id's length or characters", () => {
    for (const k of [randomBytes(32), randomBytes(1), randomBytes(128)]) {
      const prf = makePrf(k, "oxd-state/v2\0")
      for (const oxdId of [
        "",
        "site",
        "c0ffee00-1234-4abc-8def-0123456789ab",
        "é".repeat(50),
        "x".repeat(5_000),
        "site",
      ]) {
        const body = randomBytes(24)
        expect(prf(body, oxdId)).toBe(
          createHmac("sha512", k).update("oxd-state/v2\0").update(body).update(oxdId).digest("base64url"),
        )
      }
    }
  })
})
