import { randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { makeStateSealer, SEALED_STATE_LENGTH } from "./sealedState.js"

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
    for (const bad of ["", state.slice(1), `${state}A`, `${state.slice(0, -1)}=`, `${state.slice(0, -1)}+`, `${state.slice(0, -1)}\u0000`]) {
      expect(sealer.open("site", "authorization", bad)).toBe("unknown")
    }
  })
})
