import { randomBytes, randomUUID } from "node:crypto"
import { Context, Layer } from "effect"

/**
 * Random bytes come from a buffer refilled 4 KB at a time from the CSPRNG (as node's randomUUID does): a
 * randomBytes call per value was a tenth of get_authorization_url. Every byte is handed out once.
 */
const randomPool = (() => {
  let pool = randomBytes(4096)
  let at = 0
  return (n: number, encoding: "hex" | "base64url"): string => {
    if (at + n > pool.length) {
      pool = randomBytes(4096)
      at = 0
    }
    at += n
    return pool.toString(encoding, at - n, at)
  }
})()

/** Unguessable identifiers: oxd_id is a random UUID v4 (122 random bits); state, nonce and PKCE verifier 256 bits. */
export class Ids extends Context.Service<Ids, {
  oxdId(): string
  state(): string
  nonce(): string
  /** RFC 7636 code_verifier: 32 random bytes, base64url (43 characters), as openid-client makes it */
  codeVerifier(): string
  requestId(): string
}>()("@oxd/core/Ids") {
  static readonly layer = Layer.succeed(
    Ids,
    Ids.of({
      oxdId: () => randomUUID(),
      state: () => randomPool(32, "base64url"),
      nonce: () => randomPool(32, "base64url"),
      codeVerifier: () => randomPool(32, "base64url"),
      requestId: () => randomPool(8, "hex"),
    }),
  )
}
