import { Effect, Layer, ManagedRuntime } from "effect"
import { TestClock } from "effect/testing"
import { expect, it } from "vitest"
import { makeConfig } from "../config/loadConfig.js"
import { OxdConfig, type Config } from "../config/OxdConfig.js"
import { Database } from "../store/Database.js"
import { sqlOn } from "../test-support/sqlOn.js"
import { describeEachStore, sharedUrl } from "../test-support/storeBackends.js"
import { tokenDigest, TokenSubjects } from "./TokenSubjects.js"

const subjectsLayer = (config: Config) => {
  const configLayer = OxdConfig.layer(config)
  return TokenSubjects.layer.pipe(
    Layer.provide(Layer.merge(Database.layer.pipe(Layer.provide(configLayer)), configLayer)),
  )
}

const ALICE = "248289761001"
const BOB = "248289761002"
const DAY = 86_400_000

/** The sub recorded for the access token, as get_user_info sees it: undefined, or the refusal of another sub. */
const verdict = (oxdId: string, accessToken: string, sub: unknown) =>
  TokenSubjects.use((s) => s.checkUserInfo(oxdId, accessToken, sub === undefined ? {} : { sub })).pipe(
    Effect.as("ok" as const),
    Effect.catchTag("UserInfoSubjectMismatch", () => Effect.succeed("refused" as const)),
  )

describeEachStore("TokenSubjects", (backend) => {
  /** On a database raw SQL can read too (TestClock: time starts at 0). */
  const run = async <A, E>(
    body: (url: string) => Effect.Effect<A, E, TokenSubjects | TestClock.TestClock>,
    overrides: Partial<Config> = {},
  ) => {
    const url = await sharedUrl(backend)
    const layer = Layer.merge(
      subjectsLayer(makeConfig({ database_url: url, log_level: "error", ...overrides })),
      TestClock.layer(),
    )
    return Effect.runPromise(Effect.provide(body(url), layer))
  }

  it("refuses a userinfo sub other than the recorded one, or none; lets the recorded sub, an unknown token and another site's pass", () =>
    run(() =>
      Effect.gen(function* () {
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "at-1", expiresIn: 3600 }))
        expect(yield* verdict("site-1", "at-1", ALICE)).toBe("ok")
        expect(yield* verdict("site-1", "at-1", BOB)).toBe("refused")
        expect(yield* verdict("site-1", "at-1", undefined)).toBe("refused")
        expect(yield* verdict("site-1", "at-1", 248289761001)).toBe("refused") // a number is not the sub string
        expect(yield* verdict("site-1", "at-unknown", BOB)).toBe("ok")
        expect(yield* verdict("site-2", "at-1", BOB)).toBe("ok")
      }),
    ))

  it("keeps only the SHA-256 of each token, never the token", () =>
    run((url) =>
      Effect.gen(function* () {
        const accessToken = "access-token-secret-value-0123456789"
        const refreshToken = "refresh-token-secret-value-0123456789"
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken, expiresIn: 3600, refreshToken }))
        const rows = yield* Effect.promise(() =>
          sqlOn(url, "SELECT oxd_id, kind, token_hash, sub FROM token_subjects ORDER BY kind"),
        )
        expect(rows.map((r) => ({ ...r }))).toEqual([
          { oxd_id: "site-1", kind: "access", token_hash: tokenDigest(accessToken), sub: ALICE },
          { oxd_id: "site-1", kind: "refresh", token_hash: tokenDigest(refreshToken), sub: ALICE },
        ])
        expect(tokenDigest(accessToken)).toMatch(/^[A-Za-z0-9_-]{43}$/)
        expect(JSON.stringify(rows)).not.toContain("secret-value")
      }),
    ))

  it("forgets an access token's sub at its expires_in plus clock_skew_in_seconds", () =>
    run(() =>
      Effect.gen(function* () {
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "at-1", expiresIn: 60 }))
        yield* TestClock.adjust(60_000 + 60_000 - 1)
        expect(yield* verdict("site-1", "at-1", BOB)).toBe("refused")
        yield* TestClock.adjust(1)
        expect(yield* verdict("site-1", "at-1", BOB)).toBe("ok")
      }),
    ))

  it("keeps an access token's sub at most token_subject_max_age_in_seconds, and that long when the OP gives no expires_in", () =>
    run(() =>
      Effect.gen(function* () {
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "long", expiresIn: 30 * 86_400 }))
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "unsaid", expiresIn: null }))
        yield* TestClock.adjust(DAY - 1)
        expect(yield* verdict("site-1", "long", BOB)).toBe("refused")
        expect(yield* verdict("site-1", "unsaid", BOB)).toBe("refused")
        yield* TestClock.adjust(1)
        expect(yield* verdict("site-1", "long", BOB)).toBe("ok")
        expect(yield* verdict("site-1", "unsaid", BOB)).toBe("ok")
      }),
    ))

  it("honours a shorter token_subject_max_age_in_seconds", () =>
    run(
      () =>
        Effect.gen(function* () {
          yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "at-1", expiresIn: 3600 }))
          yield* TestClock.adjust(2_000)
          expect(yield* verdict("site-1", "at-1", BOB)).toBe("ok")
        }),
      { token_subject_max_age_in_seconds: 2 },
    ))

  it("keeps a refresh token's sub refresh_token_subject_max_age_in_seconds, renewed when recorded again", () =>
    run(() =>
      Effect.gen(function* () {
        const ofRefresh = (token: string) => TokenSubjects.use((s) => s.ofRefreshToken("site-1", token))
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "at-1", refreshToken: "rt-kept" }))
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "at-2", refreshToken: "rt-once" }))
        expect(yield* ofRefresh("rt-kept")).toBe(ALICE)
        expect(yield* ofRefresh("rt-unknown")).toBeUndefined()
        expect(yield* TokenSubjects.use((s) => s.ofRefreshToken("site-2", "rt-kept"))).toBeUndefined()
        yield* TestClock.adjust(20 * DAY)
        // an OP that does not rotate refresh tokens: the same one is recorded with the refreshed access token
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "at-3", refreshToken: "rt-kept" }))
        yield* TestClock.adjust(10 * DAY)
        expect(yield* ofRefresh("rt-once")).toBeUndefined()
        expect(yield* ofRefresh("rt-kept")).toBe(ALICE)
      }),
    ))

  it("purges expired records on a later write", () =>
    run((url) =>
      Effect.gen(function* () {
        const count = Effect.promise(async () =>
          Number((await sqlOn(url, "SELECT COUNT(*) AS n FROM token_subjects"))[0]!["n"]),
        )
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "old-1", expiresIn: 10 }))
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "old-2", expiresIn: 10 }))
        yield* TestClock.adjust(2 * 60_000)
        yield* TokenSubjects.use((s) => s.remember("site-1", ALICE, { accessToken: "new", expiresIn: 3600 }))
        // the purge runs off the caller's path: wait for it (real time; TestClock does not move here)
        let n = yield* count
        for (let i = 0; i < 100 && n !== 1; i++) {
          yield* Effect.promise(() => new Promise((r) => setTimeout(r, 20)))
          n = yield* count
        }
        expect(n).toBe(1)
        expect(yield* verdict("site-1", "new", BOB)).toBe("refused")
      }),
    ))
})

describeEachStore("TokenSubjects on a shared database", (backend) => {
  it("is seen by every instance on the store, and outlives them", async () => {
    const config = makeConfig({ database_url: await sharedUrl(backend), log_level: "error" })
    const a = ManagedRuntime.make(subjectsLayer(config))
    const b = ManagedRuntime.make(subjectsLayer(config))
    try {
      await a.runPromise(
        TokenSubjects.use((s) =>
          s.remember("site-1", ALICE, { accessToken: "at-1", expiresIn: 3600, refreshToken: "rt-1" }),
        ),
      )
      expect(await b.runPromise(verdict("site-1", "at-1", BOB))).toBe("refused")
      expect(await b.runPromise(TokenSubjects.use((s) => s.ofRefreshToken("site-1", "rt-1")))).toBe(ALICE)
    } finally {
      await a.dispose()
      await b.dispose()
    }
    const later = ManagedRuntime.make(subjectsLayer(config))
    try {
      expect(await later.runPromise(verdict("site-1", "at-1", BOB))).toBe("refused")
    } finally {
      await later.dispose()
    }
  })
})
