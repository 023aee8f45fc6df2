import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, ManagedRuntime } from "effect"
import { TestClock } from "effect/testing"
import { afterAll, describe, expect, it } from "vitest"
import { makeConfig } from "../config/loadConfig.js"
import { OxdConfig, type Config } from "../config/OxdConfig.js"
import { Database } from "../store/Database.js"
import { describeEachStore, type StoreBackend } from "../test-support/storeBackends.js"
import { StateStore } from "./StateStore.js"

const storeLayer = (config: Config) => {
  const configLayer = OxdConfig.layer(config)
  return StateStore.layer.pipe(Layer.provide(Layer.merge(Database.layer.pipe(Layer.provide(configLayer)), configLayer)))
}

const fresh = (database_url: string, overrides: Partial<Config> = {}) =>
  Layer.merge(storeLayer(makeConfig({ database_url, log_level: "error", ...overrides })), TestClock.layer())

const runOn = (backend: StoreBackend) => async <A, E>(effect: Effect.Effect<A, E, StateStore | TestClock.TestClock>, overrides: Partial<Config> = {}) =>
  Effect.runPromise(effect.pipe(Effect.provide(fresh(await backend.newUrl(), overrides))))

const request = (state: string, oxdId = "site-1") => ({ state, oxdId, nonce: `nonce-of-${state}`, codeVerifier: `verifier-of-${state}` })

describeEachStore("StateStore", (backend) => {
  const run = runOn(backend)
  it("gives back what was issued, once", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      const issued = yield* states.issue(request("s1"))
      expect(issued.expiresAt).toBe(5 * 60_000) // TestClock starts at 0; default 5 minutes
      const pending = yield* states.consume("site-1", "s1")
      expect(pending).toMatchObject({ state: "s1", oxdId: "site-1", nonce: "nonce-of-s1", codeVerifier: "verifier-of-s1", expiresAt: 5 * 60_000 })
    })))

  it("keeps a null PKCE verifier null", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      yield* states.issue({ ...request("s-nopkce"), codeVerifier: null })
      expect((yield* states.consume("site-1", "s-nopkce")).codeVerifier).toBeNull()
    })))

  it("refuses a second consume of the same state with reason used", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      yield* states.issue(request("s2"))
      yield* states.consume("site-1", "s2")
      const e = yield* Effect.flip(states.consume("site-1", "s2"))
      expect(e).toMatchObject({ _tag: "InvalidState", reason: "used" })
      expect(e.message).toContain("already used")
    })))

  it("refuses a state it never issued with reason unknown", () =>
    run(Effect.gen(function* () {
      const e = yield* Effect.flip((yield* StateStore).consume("site-1", "never-issued"))
      expect(e).toMatchObject({ _tag: "InvalidState", reason: "unknown" })
    })))

  it("refuses a state issued for another oxd_id with reason unknown, without burning it", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      yield* states.issue(request("s3", "site-A"))
      const e = yield* Effect.flip(states.consume("site-B", "s3"))
      expect(e).toMatchObject({ _tag: "InvalidState", reason: "unknown" })
      const pending = yield* states.consume("site-A", "s3")
      expect(pending.oxdId).toBe("site-A")
    })))

  it("refuses a state or oxd_id with a NUL character as unknown, not as a store failure", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      expect(yield* Effect.flip(states.consume("site-1", "bad\u0000state"))).toMatchObject({ _tag: "InvalidState", reason: "unknown" })
      expect(yield* Effect.flip(states.consume("site\u00001", "s"))).toMatchObject({ _tag: "InvalidState", reason: "unknown" })
    })))

  it("refuses a state past state_expiration_in_minutes with reason expired", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      yield* states.issue(request("s4"))
      yield* TestClock.adjust("5 minutes")
      const e = yield* Effect.flip(states.consume("site-1", "s4"))
      expect(e).toMatchObject({ _tag: "InvalidState", reason: "expired" })
      expect(e.message).toContain("expired")
    })))

  it("accepts a state just before it expires", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      yield* states.issue(request("s5"))
      yield* TestClock.adjust(5 * 60_000 - 1)
      expect((yield* states.consume("site-1", "s5")).state).toBe("s5")
    })))

  it("honours a fractional state_expiration_in_minutes", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      yield* states.issue(request("s6"))
      yield* states.issue(request("s7"))
      yield* TestClock.adjust("29 seconds")
      yield* states.consume("site-1", "s6")
      yield* TestClock.adjust("2 seconds")
      const e = yield* Effect.flip(states.consume("site-1", "s7"))
      expect(e).toMatchObject({ _tag: "InvalidState", reason: "expired" })
    }), { state_expiration_in_minutes: 0.5 }))

  it("lets exactly one of 20 concurrent consumes of one state succeed; the others are told used", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      yield* states.issue(request("race"))
      const outcomes = yield* Effect.all(
        Array.from({ length: 20 }, () => Effect.result(states.consume("site-1", "race"))),
        { concurrency: "unbounded" },
      )
      const wins = outcomes.filter((r) => r._tag === "Success")
      const losses = outcomes.filter((r) => r._tag === "Failure")
      expect(wins).toHaveLength(1)
      expect(losses).toHaveLength(19)
      for (const l of losses) expect(l._tag === "Failure" && l.failure).toMatchObject({ _tag: "InvalidState", reason: "used" })
    })))

  it("counts as pending only the requests neither consumed nor expired", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      expect(yield* states.pending).toBe(0)
      for (const s of ["p1", "p2", "p3"]) yield* states.issue(request(s))
      yield* states.consume("site-1", "p1")
      expect(yield* states.pending).toBe(2)
      yield* TestClock.adjust("5 minutes")
      expect(yield* states.pending).toBe(0)
    })))

  it("refuses to issue the same state twice", () =>
    run(Effect.gen(function* () {
      const states = yield* StateStore
      yield* states.issue(request("dup"))
      const e = yield* Effect.flip(states.issue(request("dup", "site-2")))
      expect(e._tag).toBe("StoreFailed")
    })))
})

describe("StateStore on a file: database", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxd-state-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("keeps an issued state across a restart, and a used one stays used", async () => {
    const config = makeConfig({ database_url: `file:${join(dir, "nested", "oxd.db")}`, log_level: "error" })
    const first = ManagedRuntime.make(storeLayer(config))
    await first.runPromise(Effect.gen(function* () {
      const states = yield* StateStore
      yield* states.issue(request("survivor"))
      yield* states.issue(request("used-before"))
      yield* states.consume("site-1", "used-before")
    }))
    await first.dispose()

    const second = ManagedRuntime.make(storeLayer(config))
    try {
      const consume = (state: string) => Effect.gen(function* () { return yield* (yield* StateStore).consume("site-1", state) })
      const pending = await second.runPromise(consume("survivor"))
      expect(pending).toMatchObject({ state: "survivor", nonce: "nonce-of-survivor", codeVerifier: "verifier-of-survivor" })
      const e = await second.runPromise(Effect.flip(consume("used-before")))
      expect(e).toMatchObject({ _tag: "InvalidState", reason: "used" })
    } finally {
      await second.dispose()
    }
  })
})

describeEachStore("StateStore shared by two instances", (backend) => {
  const dirs: string[] = []
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
  const sharedUrl = async () => {
    if (backend.dialect === "postgres") return backend.newUrl()
    const dir = mkdtempSync(join(tmpdir(), "oxd-state-shared-"))
    dirs.push(dir)
    return `file:${join(dir, "oxd.db")}`
  }

  it("gives each of 20 states, consumed at once through both instances, to exactly one of them", async () => {
    const config = makeConfig({ database_url: await sharedUrl(), log_level: "error" })
    // two runtimes, two connection pools, as two server processes would have
    const a = ManagedRuntime.make(storeLayer(config))
    const b = ManagedRuntime.make(storeLayer(config))
    try {
      const states = Array.from({ length: 20 }, (_, i) => `shared-${i}`)
      await a.runPromise(Effect.forEach(states, (s) => StateStore.use((st) => st.issue(request(s))), { concurrency: "unbounded" }))
      const consume = (rt: typeof a, state: string) =>
        rt.runPromise(Effect.result(StateStore.use((st) => st.consume("site-1", state))))
      const outcomes = await Promise.all(states.flatMap((s) => [consume(a, s), consume(b, s), consume(a, s), consume(b, s)]))
      for (let i = 0; i < states.length; i++) {
        const mine = outcomes.slice(i * 4, i * 4 + 4)
        expect(mine.filter((r) => r._tag === "Success")).toHaveLength(1)
        for (const r of mine) if (r._tag === "Failure") expect(r.failure).toMatchObject({ _tag: "InvalidState", reason: "used" })
      }
    } finally {
      await a.dispose()
      await b.dispose()
    }
  })
})
