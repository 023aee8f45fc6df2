import { createHash } from "node:crypto"
import { Clock, Context, Effect, Layer } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"
import { type StoreFailed, UserInfoSubjectMismatch } from "../errors.js"
import { Database } from "../store/Database.js"
import type { TokenSubjectRow } from "../store/rows.js"

/** What the store keeps of a token: its SHA-256, base64url. A leaked table gives no usable token. */
export const tokenDigest = (token: string): string => createHash("sha256").update(token, "utf8").digest("base64url")

/** Expired rows are deleted at most this often per instance, on a write, off the caller's path. */
const PURGE_EVERY_MS = 60_000

export interface IssuedTokens {
  readonly accessToken: string
  /** The OP's expires_in (seconds); absent: the longest time allowed. */
  readonly expiresIn?: number | null | undefined
  readonly refreshToken?: string | null | undefined
}

/**
 * The subject (sub) of the validated ID token each access token came with, per site, so get_user_info can refuse a
 * userinfo answer about another subject (OpenID Connect Core 5.3.2); and of each refresh token's original ID token,
 * so the access tokens it refreshes are bound to the same subject even when the refresh answer carries no ID token.
 * In the database (token_subjects): every instance on the store sees it, and a restart keeps it. Each record lasts
 * as long as its token may (bounded by the *_subject_max_age_in_seconds keys); without one, nothing is checked.
 */
export class TokenSubjects extends Context.Service<
  TokenSubjects,
  {
    /** Records `sub` for the access token and, when there is one, the refresh token. */
    remember(oxdId: string, sub: string, tokens: IssuedTokens): Effect.Effect<void, StoreFailed>
    /** The sub recorded for this refresh token of the site, unless unknown or expired. */
    ofRefreshToken(oxdId: string, refreshToken: string): Effect.Effect<string | undefined, StoreFailed>
    /** Fails when a sub is recorded for this access token of the site and the userinfo claims name another (or none). */
    checkUserInfo(
      oxdId: string,
      accessToken: string,
      claims: Readonly<Record<string, unknown>>,
    ): Effect.Effect<void, UserInfoSubjectMismatch | StoreFailed>
  }
>()("@oxd/core/TokenSubjects") {
  static readonly layer = Layer.effect(
    TokenSubjects,
    Effect.gen(function* () {
      const { query } = yield* Database
      const config = yield* OxdConfig
      /** The purge runs off the caller's path, in the layer's scope (ended with it). */
      const scope = yield* Effect.scope
      const accessMaxMs = config.token_subject_max_age_in_seconds * 1000
      const refreshMaxMs = config.refresh_token_subject_max_age_in_seconds * 1000
      const skewMs = config.clock_skew_in_seconds * 1000
      /** How long the access token may be used: its expires_in, plus the OP's clock skew, within the maximum. */
      const accessLifetime = (expiresIn: number | null | undefined) =>
        typeof expiresIn === "number" && Number.isFinite(expiresIn) && expiresIn > 0
          ? Math.min(expiresIn * 1000 + skewMs, accessMaxMs)
          : accessMaxMs
      let lastPurge = Number.NEGATIVE_INFINITY

      const find = (oxdId: string, kind: TokenSubjectRow["kind"], token: string) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          query("read a token's subject", (rows) =>
            rows.subjects.find({ oxdId, kind, tokenHash: tokenDigest(token) }, now),
          ),
        )

      return TokenSubjects.of({
        remember: Effect.fnUntraced(function* (oxdId, sub, tokens) {
          const now = yield* Clock.currentTimeMillis
          const records: Array<TokenSubjectRow> = [
            {
              oxdId,
              kind: "access",
              tokenHash: tokenDigest(tokens.accessToken),
              sub,
              expiresAt: now + accessLifetime(tokens.expiresIn),
            },
          ]
          if (tokens.refreshToken)
            records.push({
              oxdId,
              kind: "refresh",
              tokenHash: tokenDigest(tokens.refreshToken),
              sub,
              expiresAt: now + refreshMaxMs,
            })
          yield* query("record a token's subject", (rows) => rows.subjects.upsert(records))
          if (now - lastPurge >= PURGE_EVERY_MS) {
            lastPurge = now
            yield* query("purge expired token subjects", (rows) => rows.subjects.purgeExpiredBefore(now)).pipe(
              Effect.ignore,
              Effect.forkIn(scope),
            )
          }
        }),
        ofRefreshToken: (oxdId, refreshToken) => find(oxdId, "refresh", refreshToken),
        checkUserInfo: Effect.fnUntraced(function* (oxdId, accessToken, claims) {
          const sub = yield* find(oxdId, "access", accessToken)
          // OpenID Connect Core 5.3.2: a userinfo sub other than the ID token's means the answer must not be used
          if (sub !== undefined && claims["sub"] !== sub) return yield* new UserInfoSubjectMismatch()
        }),
      })
    }),
  )
}
