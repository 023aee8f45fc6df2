import { Clock, Data, Effect } from "effect"
import { decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose"
import type { OpHostNotAllowed } from "../errors.js"
import { classify } from "./validateIdToken.js"

export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"

export interface LogoutTokenExpectations {
  readonly issuer: string
  readonly clientId: string
  readonly clockToleranceSeconds: number
  /** The oldest iat accepted, in seconds before now (plus the tolerance). */
  readonly maxAgeSeconds: number
  readonly keys: JWTVerifyGetKey
}

/** Why a logout token is refused: its error_description in the 400 answer (never the token). */
export class LogoutTokenRefused extends Data.TaggedError("LogoutTokenRefused")<{ readonly description: string }> {}

export interface LogoutClaims {
  readonly iss: string
  readonly jti: string
  readonly iat: number
  readonly exp: number | undefined
  readonly sid: string | undefined
  readonly sub: string | undefined
}

const refuse = (description: string) => new LogoutTokenRefused({ description })
const SANE = /^[\x21-\x7e]{1,255}$/

/**
 * A logout token, validated as Back-Channel Logout 1.0 §2.6 says: a JWS (alg neither none nor HS*) verified with the
 * OP's keys (the ID token's JWKS cache: an unknown kid refetches once, rate-limited for tokens from anyone), iss, aud
 * = the client_id, iat within max age and skew, exp when present, the back-channel logout event in events, sid
 * and/or sub, and no nonce. The jti is returned for the replay check, which is the caller's (a shared store).
 */
export const validateLogoutToken = Effect.fnUntraced(function* (token: string, x: LogoutTokenExpectations) {
  const header = yield* Effect.try({
    try: () => decodeProtectedHeader(token),
    catch: () => refuse("the logout token is not a JWS"),
  })
  const alg = header.alg ?? "none"
  if (alg === "none" || alg.startsWith("HS"))
    return yield* refuse(`the logout token is signed with alg ${alg}; an asymmetric algorithm is required`)
  const atMs = yield* Clock.currentTimeMillis
  const now = Math.floor(atMs / 1000)
  const { payload } = yield* Effect.tryPromise({
    try: () =>
      jwtVerify(token, x.keys, {
        issuer: x.issuer,
        audience: x.clientId,
        clockTolerance: x.clockToleranceSeconds,
        requiredClaims: ["iat", "jti", "events"],
        currentDate: new Date(atMs),
      }),
    catch: (e): LogoutTokenRefused | OpHostNotAllowed => {
      const c = classify(e)
      if (c._tag === "OpHostNotAllowed") return c
      return refuse(c.detail.replace(/ID token/g, "logout token"))
    },
  })
  return yield* checkClaims(payload, x, now)
})

const checkClaims = (p: JWTPayload, x: LogoutTokenExpectations, now: number) =>
  Effect.suspend(() => {
    const iat = p.iat
    if (typeof iat !== "number" || iat > now + x.clockToleranceSeconds)
      return Effect.fail(refuse("iat is missing or in the future"))
    if (iat < now - x.maxAgeSeconds - x.clockToleranceSeconds)
      return Effect.fail(refuse(`iat is more than ${x.maxAgeSeconds} s in the past`))
    const aud = Array.isArray(p.aud) ? p.aud : [p.aud]
    if (aud.length > 1 && p["azp"] !== undefined && p["azp"] !== x.clientId)
      return Effect.fail(refuse("azp is not this site's client_id"))
    const events = p["events"]
    if (
      typeof events !== "object" ||
      events === null ||
      Array.isArray(events) ||
      typeof (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] !== "object" ||
      (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] === null
    )
      return Effect.fail(refuse(`events does not hold the ${BACKCHANNEL_LOGOUT_EVENT} event`))
    // §2.4: a logout token must not be mistakable for an ID token
    if (p["nonce"] !== undefined) return Effect.fail(refuse("a logout token must not contain a nonce"))
    const sid = p["sid"]
    const sub = p.sub
    if (sid === undefined && sub === undefined) return Effect.fail(refuse("the logout token has neither sid nor sub"))
    if (sid !== undefined && (typeof sid !== "string" || !SANE.test(sid)))
      return Effect.fail(refuse("sid is not a usable string"))
    if (
      sub !== undefined &&
      (typeof sub !== "string" || sub.length === 0 || sub.length > 255 || sub.includes("\u0000"))
    )
      return Effect.fail(refuse("sub is not a usable string"))
    if (typeof p.jti !== "string" || !SANE.test(p.jti)) return Effect.fail(refuse("jti is not a usable string"))
    const claims: LogoutClaims = {
      iss: x.issuer,
      jti: p.jti,
      iat,
      exp: typeof p.exp === "number" ? p.exp : undefined,
      sid: sid as string | undefined,
      sub,
    }
    return Effect.succeed(claims)
  })
