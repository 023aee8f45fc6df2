import { Effect, Layer, ManagedRuntime } from "effect"
import { TestClock } from "effect/testing"
import { expect, it } from "vitest"
import { makeConfig } from "../config/loadConfig.js"
import { OxdConfig, type Config } from "../config/OxdConfig.js"
import { Database } from "../store/Database.js"
import { sqlOn } from "../test-support/sqlOn.js"
import { describeEachStore, sharedUrl as sharedUrlOf, type StoreBackend } from "../test-support/storeBackends.js"
import { SEALED_STATE_LENGTH } from "./sealedState.js"
import { StateStore } from "./StateStore.js"

const storeLayer = (config: Config) => {
  const configLayer = OxdConfig.layer(config)
  return StateStore.layer.pipe(Layer.provide(Layer.merge(Database.layer.pipe(Layer.provide(configLayer)), configLayer)))
}

const fresh = (database_url: string, overrides: Partial<Config> = {}) =>
  Layer.merge(storeLayer(makeConfig({ database_url, log_level: "error", ...overrides })), TestClock.layer())

const runOn =
  (backend: StoreBackend) =>
  async <A, E>(effect: Effect.Effect<A, E, StateStore | TestClock.TestClock>, overrides: Partial<Config> = {}) =>
    Effect.runPromise(effect.pipe(Effect.provide(fresh(await backend.newUrl(), overrides))))

const authorization = (oxdId = "site-1") => ({ oxdId, pkce: true })

/** A state with one character changed (still base64url, same length). */
const altered = (state: string, at: number) =>
  state.slice(0, at) + (state[at] === "A" ? "B" : "A") + state.slice(at + 1)

describeEachStore("StateStore", (backend) => {
  const run = runOn(backend)
  it("gives back what was issued, once: a sealed state, its nonce and PKCE verifier", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const issued = yield* states.issue(authorization())
        expect(issued.expiresAt).toBe(5 * 60_000) // TestClock starts at 0; default 5 minutes
        expect(issued.state).toMatch(new RegExp(`^[A-Za-z0-9_-]{${SEALED_STATE_LENGTH}}$`))
        expect(issued.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/) // 132 bits (sealedState.ts)
        expect(issued.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/) // RFC 7636: 43–128 unreserved characters
        const pending = yield* states.consume("site-1", issued.state)
        expect(pending).toEqual(issued)
      }),
    ))

  it("gives no PKCE verifier to a request without PKCE", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const issued = yield* states.issue({ oxdId: "site-1", pkce: false })
        expect(issued.codeVerifier).toBeNull()
        expect((yield* states.consume("site-1", issued.state)).codeVerifier).toBeNull()
      }),
    ))

  it("issues a different state, nonce and verifier every time", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const issued = yield* Effect.all(Array.from({ length: 2000 }, () => states.issue(authorization())))
        const values = issued.flatMap((r) => [r.state, r.nonce, r.codeVerifier])
        expect(new Set(values).size).toBe(values.length)
      }),
    ))

  it("refuses a second consume of the same state with reason used", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const { state } = yield* states.issue(authorization())
        yield* states.consume("site-1", state)
        const e = yield* Effect.flip(states.consume("site-1", state))
        expect(e).toMatchObject({ _tag: "InvalidState", reason: "used" })
        expect(e.message).toContain("already used")
      }),
    ))

  it("refuses a state it never issued, or an issued one altered in any character, with reason unknown", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        expect(yield* Effect.flip(states.consume("site-1", "never-issued"))).toMatchObject({
          _tag: "InvalidState",
          reason: "unknown",
        })
        const { state } = yield* states.issue(authorization())
        for (const at of [0, 20, 30, SEALED_STATE_LENGTH - 1]) {
          expect(yield* Effect.flip(states.consume("site-1", altered(state, at)))).toMatchObject({
            _tag: "InvalidState",
            reason: "unknown",
          })
        }
        // a sealed-looking state made with another key (another server's)
        const foreign = "A".repeat(SEALED_STATE_LENGTH)
        expect(yield* Effect.flip(states.consume("site-1", foreign))).toMatchObject({
          _tag: "InvalidState",
          reason: "unknown",
        })
        expect((yield* states.consume("site-1", state)).state).toBe(state) // the real one still works
      }),
    ))

  it("refuses a state issued for another oxd_id or purpose with reason unknown, without burning it", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const login = yield* states.issue(authorization("site-A"))
        const claims = yield* states.issue({ oxdId: "site-A", purpose: "claims_gathering", pkce: false })
        expect(yield* Effect.flip(states.consume("site-B", login.state))).toMatchObject({
          _tag: "InvalidState",
          reason: "unknown",
        })
        expect(yield* Effect.flip(states.consume("site-A", login.state, "claims_gathering"))).toMatchObject({
          _tag: "InvalidState",
          reason: "unknown",
        })
        expect(yield* Effect.flip(states.consume("site-A", claims.state))).toMatchObject({
          _tag: "InvalidState",
          reason: "unknown",
        })
        expect((yield* states.consume("site-A", login.state)).oxdId).toBe("site-A")
        expect((yield* states.consume("site-A", claims.state, "claims_gathering")).purpose).toBe("claims_gathering")
      }),
    ))

  it("refuses a state or oxd_id with a NUL character as unknown, not as a store failure", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        expect(yield* Effect.flip(states.consume("site-1", "bad\u0000state"))).toMatchObject({
          _tag: "InvalidState",
          reason: "unknown",
        })
        const { state } = yield* states.issue(authorization())
        expect(yield* Effect.flip(states.consume("site\u00001", state))).toMatchObject({
          _tag: "InvalidState",
          reason: "unknown",
        })
      }),
    ))

  it("refuses a state past state_expiration_in_minutes with reason expired", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const { state } = yield* states.issue(authorization())
        yield* TestClock.adjust("5 minutes")
        const e = yield* Effect.flip(states.consume("site-1", state))
        expect(e).toMatchObject({ _tag: "InvalidState", reason: "expired" })
        expect(e.message).toContain("expired")
      }),
    ))

  it("accepts a state just before it expires", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const { state } = yield* states.issue(authorization())
        yield* TestClock.adjust(5 * 60_000 - 1)
        expect((yield* states.consume("site-1", state)).state).toBe(state)
      }),
    ))

  it("honours a fractional state_expiration_in_minutes", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const a = yield* states.issue(authorization())
        const b = yield* states.issue(authorization())
        yield* TestClock.adjust("29 seconds")
        yield* states.consume("site-1", a.state)
        yield* TestClock.adjust("2 seconds")
        expect(yield* Effect.flip(states.consume("site-1", b.state))).toMatchObject({
          _tag: "InvalidState",
          reason: "expired",
        })
      }),
      { state_expiration_in_minutes: 0.5 },
    ))

  it("lets exactly one of 20 concurrent consumes of one state succeed; the others are told used", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const { state } = yield* states.issue(authorization())
        const outcomes = yield* Effect.all(
          Array.from({ length: 20 }, () => Effect.result(states.consume("site-1", state))),
          { concurrency: "unbounded" },
        )
        const wins = outcomes.filter((r) => r._tag === "Success")
        const losses = outcomes.filter((r) => r._tag === "Failure")
        expect(wins).toHaveLength(1)
        expect(losses).toHaveLength(19)
        for (const l of losses)
          expect(l._tag === "Failure" && l.failure).toMatchObject({ _tag: "InvalidState", reason: "used" })
      }),
    ))

  // oxd 4.x: get_authorization_url's caller-chosen state and nonce (GetAuthorizationUrlOperation.java:72-73 on master)
  it("stores a caller-chosen state with its nonce, gives it back once to its site, then used; another site's: unknown", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const chosen = "a-caller-state-0123456789"
        const issued = yield* states.issueChosen({ oxdId: "site-1", state: chosen, nonce: "n-1", pkce: true })
        expect(issued).toMatchObject({ state: chosen, nonce: "n-1", redirect: 0 })
        expect(issued!.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
        // taken: another request of that state is refused (undefined)
        expect(yield* states.issueChosen({ oxdId: "site-2", state: chosen, nonce: undefined, pkce: false })).toBe(
          undefined,
        )
        expect(yield* Effect.flip(states.consume("site-2", chosen))).toMatchObject({ reason: "unknown" })
        yield* states.check("site-1", chosen)
        const outcomes = yield* Effect.all(
          Array.from({ length: 10 }, () => Effect.result(states.consume("site-1", chosen))),
          { concurrency: "unbounded" },
        )
        const wins = outcomes.filter((r) => r._tag === "Success")
        expect(wins).toHaveLength(1)
        expect(wins[0]!._tag === "Success" && wins[0]!.success).toEqual(issued)
        expect(yield* Effect.flip(states.check("site-1", chosen))).toMatchObject({ reason: "used" })
        expect(yield* Effect.flip(states.consume("site-1", chosen))).toMatchObject({ reason: "used" })
      }),
    ))

  it("makes a state for a caller's nonce alone; a chosen state expires like a sealed one; a sealed one cannot be chosen", () =>
    run(
      Effect.gen(function* () {
        const states = yield* StateStore
        const own = yield* states.issueChosen({ oxdId: "site-1", state: undefined, nonce: "n-2", pkce: false })
        expect(own!.state).toMatch(/^[A-Za-z0-9_-]{43}$/)
        expect(own!.codeVerifier).toBeNull()
        yield* TestClock.adjust("5 minutes")
        expect(yield* Effect.flip(states.consume("site-1", own!.state))).toMatchObject({ reason: "expired" })
        const sealed = yield* states.issue(authorization())
        expect(yield* states.issueChosen({ oxdId: "site-1", state: sealed.state, nonce: undefined, pkce: true })).toBe(
          undefined,
        )
      }),
    ))
})

describeEachStore("StateStore on a shared database", (backend) => {
  const sharedUrl = () => sharedUrlOf(backend)
  const countRows = async (url: string) =>
    Number((await sqlOn(url, "SELECT COUNT(*) AS n FROM authorization_requests", []))[0]!["n"])

  it("writes nothing when issuing; keeps states across a restart (the key is stored), and a used one stays used", async () => {
    const url = await sharedUrl()
    const config = makeConfig({ database_url: url, log_level: "error" })
    const first = ManagedRuntime.make(storeLayer(config))
    const [survivor, usedBefore] = await first.runPromise(
      Effect.gen(function* () {
        const states = yield* StateStore
        const issued = yield* Effect.all(Array.from({ length: 50 }, () => states.issue(authorization())))
        return [issued[0]!, issued[1]!] as const
      }),
    )
    expect(await countRows(url)).toBe(0)
    await first.runPromise(StateStore.use((s) => s.consume("site-1", usedBefore.state)))
    expect(await countRows(url)).toBe(1)
    await first.dispose()

    const second = ManagedRuntime.make(storeLayer(config))
    try {
      const consume = (state: string) => StateStore.use((s) => s.consume("site-1", state))
      expect(await second.runPromise(consume(survivor.state))).toEqual(survivor)
      expect(await second.runPromise(Effect.flip(consume(usedBefore.state)))).toMatchObject({
        _tag: "InvalidState",
        reason: "used",
      })
    } finally {
      await second.dispose()
    }
  })

  it("gives each of 20 states, consumed at once through two instances, to exactly one of them", async () => {
    const config = makeConfig({ database_url: await sharedUrl(), log_level: "error" })
    // two runtimes, two connection pools, as two server processes would have; each issues half the states
    const a = ManagedRuntime.make(storeLayer(config))
    const b = ManagedRuntime.make(storeLayer(config))
    try {
      const issue = (rt: typeof a) => rt.runPromise(StateStore.use((st) => st.issue(authorization())))
      const states = await Promise.all(Array.from({ length: 20 }, (_, i) => issue(i % 2 === 0 ? a : b)))
      const consume = (rt: typeof a, state: string) =>
        rt.runPromise(Effect.result(StateStore.use((st) => st.consume("site-1", state))))
      const outcomes = await Promise.all(
        states.flatMap(({ state }) => [consume(a, state), consume(b, state), consume(a, state), consume(b, state)]),
      )
      for (let i = 0; i < states.length; i++) {
        const mine = outcomes.slice(i * 4, i * 4 + 4)
        expect(mine.filter((r) => r._tag === "Success")).toHaveLength(1)
        for (const r of mine)
          if (r._tag === "Failure") expect(r.failure).toMatchObject({ _tag: "InvalidState", reason: "used" })
      }
    } finally {
      await a.dispose()
      await b.dispose()
    }
  })

  it("seals the state key at rest when secrets_encryption_key is set, and gives no state without that key", async () => {
    const url = await sharedUrl()
    const key = "a passphrase of at least sixteen characters"
    const sealed = ManagedRuntime.make(
      storeLayer(makeConfig({ database_url: url, log_level: "error", secrets_encryption_key: key })),
    )
    const { state } = await sealed.runPromise(StateStore.use((s) => s.issue(authorization())))
    await sealed.dispose()
    const [row] = await sqlOn(url, "SELECT value FROM server_secrets WHERE name = ?", ["state_key"])
    expect(String(row!["value"])).toMatch(/^enc:v1:/)

    const again = ManagedRuntime.make(
      storeLayer(makeConfig({ database_url: url, log_level: "error", secrets_encryption_key: key })),
    )
    expect((await again.runPromise(StateStore.use((s) => s.consume("site-1", state)))).state).toBe(state)
    await again.dispose()

    const keyless = ManagedRuntime.make(storeLayer(makeConfig({ database_url: url, log_level: "error" })))
    const failure = await keyless.runPromise(StateStore.use((s) => s.issue(authorization()))).then(
      () => undefined,
      (e: unknown) => e,
    )
    await keyless.dispose()
    expect(String(failure)).toMatch(/read the state key/)
  })
})
