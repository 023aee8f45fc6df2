import { Clock, Effect } from "effect"
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose"
import {
  AccessTokenHashMismatch,
  AuthorizationCodeHashMismatch,
  IdTokenRejected,
  type OpHostNotAllowed,
} from "../errors.js"
import { notAllowed } from "../services/opErrors.js"
import { hashClaim } from "./hashClaim.js"

export interface IdTokenExpectations {
  readonly issuer: string
  readonly clientId: string
  /** undefined: not checked (a refreshed ID token need not repeat it, OIDC Core 12.2). */
  readonly nonce?: string | undefined
  readonly accessToken?: string | undefined
  readonly code?: string | undefined
  readonly clockToleranceSeconds: number
  readonly keys: JWTVerifyGetKey
}

const reject = (reason: IdTokenRejected["reason"], detail: string) => new IdTokenRejected({ reason, detail })

/** jose's failures, named as oxd names them; a jwks_uri allowed_op_hosts refuses is that refusal. */
export const classify = (e: unknown): IdTokenRejected | OpHostNotAllowed => {
  const refused = notAllowed("jwks", e)
  if (refused) return refused
  if (e instanceof joseErrors.JWTExpired) return reject("expired", "exp is in the past")
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === "iss") return reject("bad_issuer", "iss is not the OP's issuer")
    if (e.claim === "aud") return reject("bad_audience", "aud does not contain this site's client_id")
    return reject("unknown", `claim ${e.claim} failed validation: ${e.reason}`)
  }
  if (e instanceof joseErrors.JWSSignatureVerificationFailed)
    return reject("bad_signature", "signature does not verify with the OP's key")
  if (e instanceof joseErrors.JWKSNoMatchingKey)
    return reject("bad_signature", "signed with a key the OP does not publish")
  if (e instanceof joseErrors.JOSEAlgNotAllowed || e instanceof joseErrors.JOSENotSupported)
    return reject("bad_signature", "unsupported or disallowed signing algorithm")
  // no JWS at all (the reference's parser fails on it) vs. a JWS whose claims are of the wrong shape
  if (e instanceof joseErrors.JWSInvalid) return reject("malformed", "malformed ID token")
  if (e instanceof joseErrors.JWTInvalid) return reject("unknown", `malformed ID token claims: ${e.message}`)
  return reject("unknown", e instanceof Error ? e.message : String(e))
}

/**
 * Full ID token validation (OIDC Core 3.1.3.7): signature against the OP's JWKS, iss, aud, azp, exp, iat,
 * nonce, and at_hash / c_hash when present. alg "none" is never accepted for a code-flow ID token.
 */
export const validateIdToken = Effect.fnUntraced(function* (idToken: string, x: IdTokenExpectations) {
  const header = yield* Effect.try({
    try: () => decodeProtectedHeader(idToken),
    catch: () => reject("malformed", "malformed ID token header"),
  })
  const alg = header.alg ?? "none"
  if (alg === "none" || alg.startsWith("HS")) {
    // HS* would need the client secret as key; oxd sites use asymmetric OP keys
    return yield* reject("bad_signature", `ID token signed with alg ${alg}, an asymmetric algorithm is required`)
  }
  // exp and iat are judged on the Clock (jose's currentDate), as every other time in core
  const atMs = yield* Clock.currentTimeMillis
  const { payload } = yield* Effect.tryPromise({
    try: () =>
      jwtVerify(idToken, x.keys, {
        issuer: x.issuer,
        audience: x.clientId,
        clockTolerance: x.clockToleranceSeconds,
        requiredClaims: ["iat", "exp", "sub"],
        currentDate: new Date(atMs),
      }),
    catch: classify,
  })
  yield* checkClaims(payload, x, alg, Math.floor(atMs / 1000))
  return payload
})

const checkClaims = Effect.fnUntraced(function* (p: JWTPayload, x: IdTokenExpectations, alg: string, now: number) {
  const aud = Array.isArray(p.aud) ? p.aud : [p.aud]
  if (aud.length > 1 && p["azp"] === undefined) return yield* reject("bad_audience", "several audiences and no azp")
  if (p["azp"] !== undefined && p["azp"] !== x.clientId)
    return yield* reject("bad_audience", "azp is not this site's client_id")
  if (typeof p.iat !== "number" || p.iat > now + x.clockToleranceSeconds)
    return yield* reject("unknown", "iat is missing or in the future")
  if (x.nonce !== undefined && p["nonce"] !== x.nonce) {
    return yield* reject("bad_nonce", "nonce does not match the one sent in the authorization request")
  }
  if (
    x.accessToken !== undefined &&
    typeof p["at_hash"] === "string" &&
    p["at_hash"] !== hashClaim(x.accessToken, alg)
  ) {
    return yield* new AccessTokenHashMismatch()
  }
  if (x.code !== undefined && typeof p["c_hash"] === "string" && p["c_hash"] !== hashClaim(x.code, alg)) {
    return yield* new AuthorizationCodeHashMismatch()
  }
})
