import { createLocalJWKSet, jwtVerify, type JWK } from "jose"
import { TEST_USERS } from "../accounts.js"
import { SIGNING_ALGS } from "../keys.js"
import type { UmaContext } from "./context.js"
import type { Claims } from "./store.js"

export const ID_TOKEN_FORMAT = "http://openid.net/specs/openid-connect-core-1_0.html#IDToken"
export const JWT_FORMAT = "urn:ietf:params:oauth:token-type:jwt"

/**
 * claim_token_format values accepted at the token endpoint. Both take a JWT signed by this OP (its ID
 * tokens, verified against its current JWKS, `iss` = issuer, not expired; `aud` is not checked). The
 * claims are the token's claims plus, when `sub` is a test user, that user's profile claims — ID tokens
 * from the code flow carry little more than `sub`, and a real AS would look the user up too.
 */
export const CLAIM_TOKEN_FORMATS = [ID_TOKEN_FORMAT, JWT_FORMAT] as const

/** JWT bookkeeping, not claims about the requesting party. */
const NOT_CLAIMS = new Set([
  "iss",
  "aud",
  "exp",
  "iat",
  "nbf",
  "jti",
  "nonce",
  "at_hash",
  "c_hash",
  "s_hash",
  "azp",
  "sid",
  "auth_time",
  "acr",
  "amr",
])

export class ClaimTokenError extends Error {
  constructor(
    readonly error: "invalid_request" | "invalid_grant",
    message: string,
  ) {
    super(message)
  }
}

export async function verifyClaimToken(uma: UmaContext, token: string, format: string | undefined): Promise<Claims> {
  if (!format) throw new ClaimTokenError("invalid_request", "claim_token_format is required with claim_token")
  if (!(CLAIM_TOKEN_FORMATS as readonly string[]).includes(format)) {
    throw new ClaimTokenError(
      "invalid_request",
      `unsupported claim_token_format; use one of ${CLAIM_TOKEN_FORMATS.join(", ")}`,
    )
  }
  const publicKeys = uma.keys
    .privateJwks()
    .keys.map(({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub }): JWK => pub)
  let payload: Record<string, unknown>
  try {
    ;({ payload } = await jwtVerify(token, createLocalJWKSet({ keys: publicKeys }), {
      issuer: uma.issuer,
      algorithms: [...SIGNING_ALGS],
    }))
  } catch (err) {
    throw new ClaimTokenError(
      "invalid_grant",
      `claim_token rejected: ${err instanceof Error ? err.message : String(err)}`,
    )
  }
  const user = TEST_USERS.find((u) => u.sub === payload.sub)
  return claimsOnly({ ...user?.claims, ...payload })
}

export function claimsOnly(claims: Claims): Claims {
  return Object.fromEntries(
    Object.entries(claims).filter(([name, value]) => !NOT_CLAIMS.has(name) && value !== undefined),
  )
}
