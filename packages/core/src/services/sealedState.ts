import { createHmac, timingSafeEqual } from "node:crypto"
import { pooledRandomBytes } from "./Ids.js"
import type { Purpose } from "./StateStore.js"

/**
 * A state that carries its own request: 16 random bytes, the expiry (ms, 6 bytes), a flags byte (purpose, PKCE),
 * then a 16-byte HMAC-SHA256 of those and the oxd_id under the server's state key; base64url, 52 characters. The
 * nonce and the PKCE verifier are derived from the state under the same key, so nothing is written when a login
 * starts: a state is checked by its MAC and expiry, and only its use is recorded (single use).
 */
const RANDOM_BYTES = 16
const EXPIRY_BYTES = 6
const MAC_BYTES = 16
const BODY_BYTES = RANDOM_BYTES + EXPIRY_BYTES + 1
export const SEALED_STATE_LENGTH = Math.ceil(((BODY_BYTES + MAC_BYTES) * 4) / 3)

const PKCE = 0b01
const CLAIMS_GATHERING = 0b10

export interface SealedRequest {
  readonly state: string
  readonly nonce: string
  readonly codeVerifier: string | null
  readonly expiresAt: number
}

export type Opened = SealedRequest | "unknown"

export interface StateSealer {
  seal(oxdId: string, purpose: Purpose, pkce: boolean, expiresAt: number): SealedRequest
  /** The request a state stands for, or "unknown" (not ours, altered, another site's or purpose's); expiry not checked. */
  open(oxdId: string, purpose: Purpose, state: string): Opened
}

/** `key`: 32 secret bytes shared by every instance on the store (stateKey.ts). */
export const makeStateSealer = (key: Buffer): StateSealer => {
  // labels keep the MAC and the two derived values apart under one key
  const mac = (body: Buffer, oxdId: string) =>
    createHmac("sha256", key).update("oxd-state/v1\0").update(body).update(oxdId).digest().subarray(0, MAC_BYTES)
  const derived = (state: string, pkce: boolean) => {
    const d = createHmac("sha512", key).update("oxd-state-secrets/v1\0").update(state).digest()
    // 32 bytes each, base64url: 43 characters, as RFC 7636 asks of a verifier (and as long as a random nonce)
    return { nonce: d.toString("base64url", 0, 32), codeVerifier: pkce ? d.toString("base64url", 32, 64) : null }
  }
  return {
    seal(oxdId, purpose, pkce, expiresAt) {
      const body = Buffer.allocUnsafe(BODY_BYTES)
      pooledRandomBytes(RANDOM_BYTES).copy(body, 0)
      body.writeUIntBE(expiresAt, RANDOM_BYTES, EXPIRY_BYTES)
      body[BODY_BYTES - 1] = (pkce ? PKCE : 0) | (purpose === "claims_gathering" ? CLAIMS_GATHERING : 0)
      const state = Buffer.concat([body, mac(body, oxdId)]).toString("base64url")
      return { state, expiresAt, ...derived(state, pkce) }
    },
    open(oxdId, purpose, state) {
      if (state.length !== SEALED_STATE_LENGTH || !/^[A-Za-z0-9_-]+$/.test(state)) return "unknown"
      const bytes = Buffer.from(state, "base64url")
      const body = bytes.subarray(0, BODY_BYTES)
      if (!timingSafeEqual(bytes.subarray(BODY_BYTES), mac(body, oxdId))) return "unknown"
      const flags = body[BODY_BYTES - 1]!
      if (((flags & CLAIMS_GATHERING) !== 0) !== (purpose === "claims_gathering")) return "unknown"
      return { state, expiresAt: body.readUIntBE(RANDOM_BYTES, EXPIRY_BYTES), ...derived(state, (flags & PKCE) !== 0) }
    },
  }
}
