import { Effect } from "effect"
import { SiteStore } from "../../services/SiteStore.js"
import { present } from "../_shared/fields.js"
import { numericDate, verifiedIdTokenClaims } from "../_shared/idTokenCheck.js"
import type { Params, Result } from "./schema.js"

const millis = (seconds: number | undefined) => (seconds === undefined ? null : seconds * 1000)

/**
 * CheckAccessTokenOperation.java:38-71 on master: active when the ID token's at_hash is the access token's hash. The
 * reference checks the hash alone, with the signature unchecked; here the ID token is validated on the one path
 * first (a forged ID token can carry the at_hash of any token), and an ID token without at_hash binds nothing.
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const inactive: typeof Result.Type = { active: false, expires_at: null, issued_at: null }
  if (!present(p.access_token)) return inactive
  const claims = yield* verifiedIdTokenClaims(site, p.id_token, { accessToken: p.access_token }).pipe(
    Effect.catchTag("AccessTokenHashMismatch", () => Effect.succeed(undefined)),
  )
  if (!claims || typeof claims["at_hash"] !== "string") return inactive
  const reply: typeof Result.Type = {
    active: true,
    expires_at: millis(numericDate(claims["exp"])),
    issued_at: millis(numericDate(claims["iat"])),
  }
  return reply
})
