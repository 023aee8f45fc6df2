import { SignJWT } from "jose"
import type { KeyRing, SigningAlg } from "./keys.js"

export interface SignJwtOptions {
  /** Default RS256. */
  readonly alg?: SigningAlg
  /**
   * op: the OP's published signing key (a token the OP could have issued); unknown: a key the OP never published
   * (its own kid); impostor: that unpublished key under the OP's published kid (the signature does not verify).
   */
  readonly key?: "op" | "unknown" | "impostor"
  /** Header fields over the defaults (alg, kid). */
  readonly header?: Record<string, unknown>
}

/**
 * A JWT of any claims signed as this OP signs (or as an impostor does), for tests that hand a relying party tokens
 * the OP would not issue on its own: logout tokens without events, with a nonce, of another issuer, expired, …
 */
export const signJwt = async (keys: KeyRing, payload: Record<string, unknown>, opts: SignJwtOptions = {}) => {
  const alg = opts.alg ?? "RS256"
  const which = opts.key ?? "op"
  const opKid = keys.activeKid(alg)
  const signer = which === "op" ? await keys.privateKeyFor(opKid) : await keys.rogueKey(alg)
  if (!signer) throw new Error(`no ${alg} key`)
  const kid = which === "unknown" ? signer.jwk.kid : opKid
  return new SignJWT(payload).setProtectedHeader({ alg, kid, ...opts.header }).sign(signer.key)
}
