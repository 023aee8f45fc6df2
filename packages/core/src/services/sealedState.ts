import { hash } from "node:crypto"
import { pooledRandomBytes } from "./Ids.js"
import type { Purpose } from "./StateStore.js"

/**
 * A state that carries its own request: 16 random bytes, the expiry (ms, 6 bytes), a flags byte (purpose, PKCE)
 * and the format's version, in base64url (32 characters), then a MAC of 21 characters: 53 in all. One HMAC-SHA512
 * under the server's state key, of those 24 bytes and the oxd_id, in base64url (86 characters, 6 bits each), gives
 * the MAC (characters 0–20, 126 bits), the nonce (21–42, 132 bits) and the PKCE verifier (43–85, 254 bits): parts
 * of one PRF output, so the MAC and nonce, which travel, tell nothing of the verifier. Nothing is written when a
 * login starts: a state is checked by its MAC and expiry, and only its use is recorded (single use). One HMAC per
 * state, in characters from the start: no byte handling after it.
 */
const VERSION = 2
const RANDOM_BYTES = 16
const EXPIRY_BYTES = 6
const BODY_BYTES = RANDOM_BYTES + EXPIRY_BYTES + 2
const BODY_CHARS = (BODY_BYTES / 3) * 4
const MAC_CHARS = 21
const NONCE_END = MAC_CHARS + 22
export const SEALED_STATE_LENGTH = BODY_CHARS + MAC_CHARS
const LABEL = `oxd-state/v${VERSION}\0`

const PKCE = 0b01
const CLAIMS_GATHERING = 0b10
/** The flags byte's upper 6 bits: which registered redirect URI the request named (0: the site's own; oxd 4.x). */
const REDIRECT_SHIFT = 2
export const MAX_REDIRECT_INDEX = 0xff >> REDIRECT_SHIFT

export interface SealedRequest {
  readonly state: string
  readonly nonce: string
  readonly codeVerifier: string | null
  readonly expiresAt: number
  /**
   * The redirect URI the authorization request named, which the code exchange must name too (RFC 6749 §4.1.3):
   * 0 the site's authorization_redirect_uri, n its n-th redirect_uris (oxd 4.x's get_authorization_url redirect_uri).
   * Under the MAC, so a state cannot be altered to name another.
   */
  readonly redirect: number
}

export type Opened = SealedRequest | "unknown"

export interface StateSealer {
  seal(oxdId: string, purpose: Purpose, pkce: boolean, expiresAt: number, redirect?: number): SealedRequest
  /** The request a state stands for, or "unknown" (not ours, altered, another site's or purpose's); expiry not checked. */
  open(oxdId: string, purpose: Purpose, state: string): Opened
}

/**
 * HMAC-SHA512 (RFC 2104) under `key`, of `label`‖`body`‖`oxdId`, in base64url. Built from node:crypto's one-shot
 * hash over the key's padded blocks, computed once: cheaper than an Hmac object per state (bench/README.md),
 * which also left a native handle for the garbage collector to release (a test holds the result equal to createHmac's).
 */
export const makePrf = (key: Buffer, label: string) => {
  const BLOCK = 128
  if (key.length > BLOCK) throw new Error("the state key is longer than SHA-512's block")
  const prefix = Buffer.from(label, "utf8")
  let inner = Buffer.alloc(BLOCK + prefix.length + BODY_BYTES + 64)
  const outer = Buffer.alloc(BLOCK + 64)
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36
    outer[i] = (key[i] ?? 0) ^ 0x5c
  }
  prefix.copy(inner, BLOCK)
  const bodyAt = BLOCK + prefix.length
  const idAt = bodyAt + BODY_BYTES
  return (body: Buffer, oxdId: string): string => {
    const idBytes = Buffer.byteLength(oxdId, "utf8")
    if (idAt + idBytes > inner.length) {
      const grown = Buffer.alloc(idAt + idBytes)
      inner.copy(grown, 0, 0, idAt)
      inner = grown
    }
    body.copy(inner, bodyAt)
    inner.write(oxdId, idAt, "utf8")
    // "binary": one character per byte (latin1)
    outer.write(hash("sha512", inner.subarray(0, idAt + idBytes), "binary"), BLOCK, "binary")
    return hash("sha512", outer, "base64url")
  }
}

/** `key`: 32 secret bytes shared by every instance on the store (StateStore reads it with serverSecret). */
export const makeStateSealer = (key: Buffer): StateSealer => {
  const prf = makePrf(key, LABEL)
  // written whole by each seal and encoded before it returns
  const body = Buffer.alloc(BODY_BYTES)
  // the verifier: 43 characters, the least RFC 7636 allows
  const derived = (d: string, pkce: boolean) => ({
    nonce: d.slice(MAC_CHARS, NONCE_END),
    codeVerifier: pkce ? d.slice(NONCE_END) : null,
  })
  return {
    seal(oxdId, purpose, pkce, expiresAt, redirect = 0) {
      if (!Number.isInteger(redirect) || redirect < 0 || redirect > MAX_REDIRECT_INDEX)
        throw new Error(`redirect index out of range: ${redirect}`)
      pooledRandomBytes(RANDOM_BYTES).copy(body, 0)
      body.writeUIntBE(expiresAt, RANDOM_BYTES, EXPIRY_BYTES)
      body[BODY_BYTES - 2] =
        (pkce ? PKCE : 0) | (purpose === "claims_gathering" ? CLAIMS_GATHERING : 0) | (redirect << REDIRECT_SHIFT)
      body[BODY_BYTES - 1] = VERSION
      const d = prf(body, oxdId)
      return { state: body.toString("base64url") + d.slice(0, MAC_CHARS), expiresAt, redirect, ...derived(d, pkce) }
    },
    open(oxdId, purpose, state) {
      if (state.length !== SEALED_STATE_LENGTH || !/^[A-Za-z0-9_-]+$/.test(state)) return "unknown"
      // 32 characters are exactly 24 bytes: one encoding per body, no loose bits
      const body = Buffer.from(state.slice(0, BODY_CHARS), "base64url")
      if (body[BODY_BYTES - 1] !== VERSION) return "unknown"
      const d = prf(body, oxdId)
      // compared in time independent of where they differ
      let diff = 0
      for (let i = 0; i < MAC_CHARS; i++) diff |= state.charCodeAt(BODY_CHARS + i) ^ d.charCodeAt(i)
      if (diff !== 0) return "unknown"
      const flags = body[BODY_BYTES - 2]!
      if (((flags & CLAIMS_GATHERING) !== 0) !== (purpose === "claims_gathering")) return "unknown"
      return {
        state,
        expiresAt: body.readUIntBE(RANDOM_BYTES, EXPIRY_BYTES),
        redirect: flags >> REDIRECT_SHIFT,
        ...derived(d, (flags & PKCE) !== 0),
      }
    },
  }
}
