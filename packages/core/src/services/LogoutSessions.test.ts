import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { expect, it } from "vitest"
import { makeConfig } from "../config/loadConfig.js"
import { OxdConfig, type Config } from "../config/OxdConfig.js"
import { Database } from "../store/Database.js"
import { sqlOn } from "../test-support/sqlOn.js"
import { describeEachStore, sharedUrl } from "../test-support/storeBackends.js"
import { LogoutSessions } from "./LogoutSessions.js"

const sessionsLayer = (config: Config) => {
  const configLayer = OxdConfig.layer(config)
  return LogoutSessions.layer.pipe(
    Layer.provide(Layer.merge(Database.layer.pipe(Layer.provide(configLayer)), configLayer)),
  )
}

const SITE = { oxdId: "site-1", opHost: "https://op.example.org" }
const OTHER = { oxdId: "site-2", opHost: "https://op.example.org" }
const DAY = 86_400_000
const use = <A, E>(f: (s: LogoutSessions["Service"]) => Effect.Effect<A, E>) => LogoutSessions.use(f)

describeEachStore("LogoutSessions", (backend) => {
  const run = async <A, E>(
    body: (url: string) => Effect.Effect<A, E, LogoutSessions | TestClock.TestClock>,
    overrides: Partial<Config> = {},
  ) => {
    const url = await sharedUrl(backend)
    const layer = Layer.merge(
      sessionsLayer(makeConfig({ database_url: url, log_level: "error", ...overrides })),
      TestClock.layer(),
    )
    return Effect.runPromise(Effect.provide(body(url), layer))
  }

  it("a remembered session is active until a logout by sid ends it; another site's is not touched", () =>
    run(() =>
      Effect.gen(function* () {
        yield* use((s) => s.remember(SITE, { sub: "alice", sid: "sid-1" }))
        yield* use((s) => s.remember(OTHER, { sub: "alice", sid: "sid-1" }))
        expect(yield* use((s) => s.check(SITE.oxdId, { sid: "sid-1" }))).toEqual({ status: "active" })
        yield* TestClock.adjust(5000)
        expect(yield* use((s) => s.end(SITE, { sid: "sid-1", sub: "alice" }, "backchannel"))).toBe(1)
        expect(yield* use((s) => s.check(SITE.oxdId, { sid: "sid-1" }))).toEqual({
          status: "logged_out",
          logged_out_at: 5000,
          channel: "backchannel",
        })
        expect(yield* use((s) => s.check(SITE.oxdId, { sub: "alice" }))).toMatchObject({ status: "logged_out" })
        expect(yield* use((s) => s.check(OTHER.oxdId, { sid: "sid-1" }))).toEqual({ status: "active" })
        // a refreshed ID token of the ended session does not revive it
        yield* use((s) => s.remember(SITE, { sub: "alice", sid: "sid-1" }))
        expect(yield* use((s) => s.check(SITE.oxdId, { sid: "sid-1" }))).toMatchObject({ status: "logged_out" })
      }),
    ))

  it("a logout by sub ends every session of the sub; a new sign-in after it is active", () =>
    run(() =>
      Effect.gen(function* () {
        yield* use((s) => s.remember(SITE, { sub: "alice", sid: "a" }))
        yield* use((s) => s.remember(SITE, { sub: "alice", sid: "b" }))
        yield* use((s) => s.remember(SITE, { sub: "bob", sid: "c" }))
        expect(yield* use((s) => s.end(SITE, { sub: "alice" }, "frontchannel"))).toBe(2)
        expect(yield* use((s) => s.check(SITE.oxdId, { sid: "b" }))).toMatchObject({ channel: "frontchannel" })
        expect(yield* use((s) => s.check(SITE.oxdId, { sid: "c" }))).toEqual({ status: "active" })
        yield* use((s) => s.remember(SITE, { sub: "alice", sid: "d" }))
        expect(yield* use((s) => s.check(SITE.oxdId, { sub: "alice" }))).toEqual({ status: "active" })
      }),
    ))

  it("a logout of a session never seen is kept; unknown sessions are unknown; no sub, nothing recorded", () =>
    run(() =>
      Effect.gen(function* () {
        expect(yield* use((s) => s.end(SITE, { sid: "elsewhere" }, "backchannel"))).toBe(0)
        expect(yield* use((s) => s.check(SITE.oxdId, { sid: "elsewhere" }))).toMatchObject({ status: "logged_out" })
        expect(yield* use((s) => s.check(SITE.oxdId, { sid: "never" }))).toEqual({ status: "unknown" })
        yield* use((s) => s.remember(SITE, { sid: "no-sub" }))
        yield* use((s) => s.remember(SITE, { sub: "x\u0000y", sid: "nul" }))
        expect(yield* use((s) => s.check(SITE.oxdId, { sid: "no-sub" }))).toEqual({ status: "unknown" })
        expect(yield* use((s) => s.check(SITE.oxdId, { sid: "nul" }))).toEqual({ status: "unknown" })
      }),
    ))

  it("sessions expire after logout_session_max_age_in_seconds and are purged from the table", () =>
    run(
      (url) =>
        Effect.gen(function* () {
          yield* use((s) => s.remember(SITE, { sub: "alice", sid: "old" }))
          yield* TestClock.adjust(DAY + 1)
          expect(yield* use((s) => s.check(SITE.oxdId, { sid: "old" }))).toEqual({ status: "unknown" })
          yield* use((s) => s.remember(SITE, { sub: "alice", sid: "new" }))
          yield* Effect.promise(() => new Promise((r) => setTimeout(r, 100)))
          const rows = yield* Effect.promise(() => sqlOn(url, "select sid from logout_sessions"))
          expect(rows.map((r) => r["sid"])).toEqual(["new"])
        }),
      { logout_session_max_age_in_seconds: 86_400 },
    ))

  it("keeps only sid and sub, never a token", () =>
    run((url) =>
      Effect.gen(function* () {
        yield* use((s) => s.remember(SITE, { sub: "alice", sid: "s", nonce: "n", at_hash: "h", email: "a@x" }))
        const rows = yield* Effect.promise(() => sqlOn(url, "select * from logout_sessions"))
        expect(Object.keys(rows[0]!).sort()).toEqual(
          ["channel", "expires_at", "logged_out_at", "op_host", "oxd_id", "sid", "sub"].sort(),
        )
      }),
    ))

  it("a jti is used once, across instances on the same database (per issuer)", async () => {
    const url = await sharedUrl(backend)
    const config = makeConfig({ database_url: url, log_level: "error" })
    const first = Effect.runPromise(
      Effect.provide(
        use((s) => s.firstUseOfJti("https://op", "j1", Number.MAX_SAFE_INTEGER)),
        sessionsLayer(config),
      ),
    )
    expect(await first).toBe(true)
    // another instance (its own layer and connection) on the same store
    const again = await Effect.runPromise(
      Effect.provide(
        Effect.all([
          use((s) => s.firstUseOfJti("https://op", "j1", Number.MAX_SAFE_INTEGER)),
          use((s) => s.firstUseOfJti("https://other-op", "j1", Number.MAX_SAFE_INTEGER)),
        ]),
        sessionsLayer(config),
      ),
    )
    expect(again).toEqual([false, true])
  })
})
