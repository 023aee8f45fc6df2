import { Clock, Context, Effect, Layer } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"
import type { StoreFailed } from "../errors.js"
import { Database } from "../store/Database.js"
import type { LogoutChannel, LogoutSessionRow } from "../store/rows.js"

/** Expired rows (sessions, logout-token jtis) are deleted at most this often per instance, off the caller's path. */
const PURGE_EVERY_MS = 60_000
/** A site's sessions read for one check_session, and the sites one front-channel logout may end. */
const FIND_MAX = 100

/** What check_session answers about a session. */
export type SessionState =
  | { readonly status: "active" }
  | { readonly status: "logged_out"; readonly logged_out_at: number; readonly channel: LogoutChannel }
  | { readonly status: "unknown" }

export interface SessionKey {
  readonly sid?: string | undefined
  readonly sub?: string | undefined
}

/** What may be kept of a claim: a string PostgreSQL can store, of a sane length (the OP signed it; still bounded). */
export const storableClaim = (v: unknown): v is string =>
  typeof v === "string" && v.length > 0 && v.length <= 255 && !v.includes("\u0000")

/**
 * The OP sessions each site signed users in with (sid and sub of the validated ID tokens, never a token), and what
 * the OP said of their end (Back-Channel / Front-Channel Logout 1.0). In the database: every instance sees a logout
 * another one received. Rows expire after logout_session_max_age_in_seconds and are purged.
 */
export class LogoutSessions extends Context.Service<
  LogoutSessions,
  {
    /** Records the session of a validated ID token's claims (nothing without a sub). */
    remember(
      site: { oxdId: string; opHost: string },
      claims: Readonly<Record<string, unknown>>,
    ): Effect.Effect<void, StoreFailed>
    /**
     * Records a logout of the site's sessions of this sid (and sub when given), or of every session of this sub; a
     * logout of a session not seen here is kept too, so check_session answers logged_out for it.
     */
    end(
      site: { oxdId: string; opHost: string },
      key: SessionKey,
      channel: LogoutChannel,
    ): Effect.Effect<number, StoreFailed>
    /** The sites with a live session of this sid at this OP. */
    sitesWithSid(opHost: string, sid: string): Effect.Effect<ReadonlyArray<string>, StoreFailed>
    check(oxdId: string, key: SessionKey): Effect.Effect<SessionState, StoreFailed>
    /**
     * Records a logout token's jti until `expiresAt`; false when it was recorded before (a replay, at any instance).
     */
    firstUseOfJti(iss: string, jti: string, expiresAt: number): Effect.Effect<boolean, StoreFailed>
  }
>()("@oxd/core/LogoutSessions") {
  static readonly layer = Layer.effect(
    LogoutSessions,
    Effect.gen(function* () {
      const { query } = yield* Database
      const config = yield* OxdConfig
      const scope = yield* Effect.scope
      const maxAgeMs = config.logout_session_max_age_in_seconds * 1000
      let lastPurge = Number.NEGATIVE_INFINITY
      const purgeNow = (now: number) =>
        Effect.suspend(() => {
          if (now - lastPurge < PURGE_EVERY_MS) return Effect.void
          lastPurge = now
          return Effect.all(
            [
              query("purge expired sessions", (rows) => rows.logoutSessions.purgeExpiredBefore(now)),
              query("purge expired logout token ids", (rows) => rows.logoutTokenJtis.purgeExpiredBefore(now)),
            ],
            { discard: true },
          ).pipe(Effect.ignore, Effect.forkIn(scope), Effect.asVoid)
        })

      return LogoutSessions.of({
        remember: Effect.fnUntraced(function* (site, claims) {
          const sub = claims["sub"]
          const sid = claims["sid"]
          if (!storableClaim(sub)) return
          const now = yield* Clock.currentTimeMillis
          const row: LogoutSessionRow = {
            oxdId: site.oxdId,
            opHost: site.opHost,
            sid: storableClaim(sid) ? sid : "",
            sub,
            expiresAt: now + maxAgeMs,
            loggedOutAt: null,
            channel: null,
          }
          yield* query("record a session", (rows) => rows.logoutSessions.remember([row]))
          yield* purgeNow(now)
        }),
        end: Effect.fnUntraced(function* (site, key, channel) {
          const now = yield* Clock.currentTimeMillis
          const { sid, sub } = key
          const ended =
            sid !== undefined
              ? yield* query("record a logout", (rows) =>
                  rows.logoutSessions.endBySid(site.oxdId, sid, sub, now, channel),
                )
              : sub !== undefined
                ? yield* query("record a logout", (rows) => rows.logoutSessions.endBySub(site.oxdId, sub, now, channel))
                : 0
          if (ended === 0 && (sid !== undefined || sub !== undefined)) {
            // a session not seen here (signed in through another server, or forgotten): its end is kept all the same
            yield* query("record a logout", (rows) =>
              rows.logoutSessions.remember([
                {
                  oxdId: site.oxdId,
                  opHost: site.opHost,
                  sid: sid ?? "",
                  sub: sub ?? "",
                  expiresAt: now + maxAgeMs,
                  loggedOutAt: now,
                  channel,
                },
              ]),
            )
          }
          yield* purgeNow(now)
          return ended
        }),
        sitesWithSid: (opHost, sid) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            query("find a session's sites", (rows) => rows.logoutSessions.sitesWithSid(opHost, sid, now, FIND_MAX)),
          ),
        check: Effect.fnUntraced(function* (oxdId, key) {
          const now = yield* Clock.currentTimeMillis
          const found = yield* query("read sessions", (rows) => rows.logoutSessions.find(oxdId, key, now, FIND_MAX))
          if (found.length === 0) return { status: "unknown" } as const
          // one session of the sid/sub still live: active (a sub signed in again after a logout)
          if (found.some((r) => r.loggedOutAt === null)) return { status: "active" } as const
          const last = found.reduce((a, b) => ((b.loggedOutAt ?? 0) > (a.loggedOutAt ?? 0) ? b : a))
          return {
            status: "logged_out",
            logged_out_at: last.loggedOutAt ?? now,
            channel: last.channel ?? "backchannel",
          } as const
        }),
        firstUseOfJti: Effect.fnUntraced(function* (iss, jti, expiresAt) {
          const first = yield* query("record a logout token id", (rows) =>
            rows.logoutTokenJtis.insertIfNew({ iss, jti, expiresAt }),
          )
          yield* purgeNow(yield* Clock.currentTimeMillis)
          return first
        }),
      })
    }),
  )
}
