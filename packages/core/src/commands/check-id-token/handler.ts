import { Effect } from "effect"
import { decodeJwt, decodeProtectedHeader } from "jose"
import { IdTokenHashMissing, IdTokenRejected, StateHashMismatch } from "../../errors.js"
import { hashClaim } from "../../id-token/hashClaim.js"
import { SiteStore } from "../../services/SiteStore.js"
import { toClaimLists } from "../_shared/claims.js"
import { present } from "../_shared/fields.js"
import { numericDate, verifiedIdTokenClaims } from "../_shared/idTokenCheck.js"
import type { Params, Result } from "./schema.js"

const inactive: typeof Result.Type = { active: false, expires_at: 0, issued_at: 0, claims: {} }

/** The site asks for tokens from the authorization endpoint (implicit, hybrid): at_hash is then mandatory (Validator.java:139). */
const issuesTokenAtLogin = (responseTypes: unknown): boolean =>
  Array.isArray(responseTypes) && responseTypes.some((t) => typeof t === "string" && t.split(" ").includes("token"))

/**
 * CheckIdTokenOperation.java:37-72 on master: the hash claims a given code and access token require (Validator.java:
 * 140-204, with the reference's defaults: c_hash required, at_hash required for response type token, s_hash checked
 * when present), then the ID token's validity (active), its iat, exp and claims.
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const unverified = yield* Effect.try({
    try: () => decodeJwt(p.id_token),
    catch: () => new IdTokenRejected({ reason: "malformed", detail: "the id_token is not a JWT" }),
  })
  if (present(p.code) && typeof unverified["c_hash"] !== "string")
    return yield* new IdTokenHashMissing({ claim: "c_hash" })
  if (
    present(p.access_token) &&
    issuesTokenAtLogin(site.metadata["response_types"]) &&
    typeof unverified["at_hash"] !== "string"
  )
    return yield* new IdTokenHashMissing({ claim: "at_hash" })
  const claims = yield* verifiedIdTokenClaims(site, p.id_token, {
    ...(present(p.nonce) ? { nonce: p.nonce } : {}),
    ...(present(p.access_token) ? { accessToken: p.access_token } : {}),
    ...(present(p.code) ? { code: p.code } : {}),
  })
  if (!claims) return inactive
  if (present(p.state) && typeof claims["s_hash"] === "string") {
    const alg = decodeProtectedHeader(p.id_token).alg ?? ""
    if (claims["s_hash"] !== hashClaim(p.state, alg)) return yield* new StateHashMismatch()
  }
  const reply: typeof Result.Type = {
    active: true,
    expires_at: numericDate(claims["exp"]) ?? 0,
    issued_at: numericDate(claims["iat"]) ?? 0,
    claims: toClaimLists(claims),
  }
  return reply
})
