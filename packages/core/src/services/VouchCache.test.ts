import { Effect, type Scope } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { VouchCache, type Vouched } from "./VouchCache.js"

const opA = VouchCache.opKeyOf({ opHost: "https://op-a.example", opDiscoveryPath: null })
const opB = VouchCache.opKeyOf({ opHost: "https://op-b.example", opDiscoveryPath: null })
const said = (expiresAt = Infinity): Vouched => ({ clientId: "setup-client", scopes: ["uma_protection"], expiresAt })

// Time is the TestClock's: it starts at 0 and moves only when told.
const run = <A, E>(
  body: (cache: VouchCache) => Effect.Effect<A, E, Scope.Scope | TestClock.TestClock>,
  ttlMs = 60_000,
) =>
  Effect.runPromise(Effect.flatMap(VouchCache.make(ttlMs), body).pipe(Effect.scoped, Effect.provide(TestClock.layer())))

describe("VouchCache", () => {
  it("keeps an OP's answer under that OP only", () =>
    run((cache) =>
      Effect.gen(function* () {
        yield* cache.get(opA, "digest", Effect.succeed(said()))
        expect(cache.peek(opA, "digest")).toMatchObject({ clientId: "setup-client" })
        expect(cache.peek(opB, "digest")).toBeUndefined()
      }),
    ))

  it("tells two OPs apart whatever their URLs share", () => {
    expect(VouchCache.opKeyOf({ opHost: "https://op", opDiscoveryPath: "/x" })).not.toBe(
      VouchCache.opKeyOf({ opHost: "https://op/x", opDiscoveryPath: null }),
    )
  })

  it("keeps an active answer until protection_cache_seconds or the token's exp, whichever comes first", () =>
    run((cache) =>
      Effect.gen(function* () {
        yield* cache.get(opA, "d1", Effect.succeed(said(10_000)))
        yield* cache.get(opA, "d2", Effect.succeed(said()))
        yield* TestClock.adjust(9_999)
        expect(cache.peek(opA, "d1")).toBeDefined()
        yield* TestClock.adjust(1)
        expect(cache.peek(opA, "d1")).toBeUndefined()
        // d2 (no exp): due for refresh at 54 s, when peek leaves it to get; alive until 60 s
        yield* TestClock.adjust(43_999)
        expect(cache.peek(opA, "d2")).toBeDefined()
        yield* TestClock.adjust(6_000)
        expect(yield* cache.get(opA, "d2", Effect.never)).toBeDefined()
        yield* TestClock.adjust(1)
        expect(cache.peek(opA, "d2")).toBeUndefined()
      }),
    ))

  it("remembers an inactive answer briefly, and forgets an active one the OP no longer vouches for", () =>
    run((cache) =>
      Effect.gen(function* () {
        yield* cache.get(opA, "d", Effect.succeed(said()))
        yield* TestClock.adjust(1)
        cache.rememberInactive(opA, "d")
        expect(cache.peek(opA, "d")).toBeUndefined()
        expect(cache.isInactive(opA, "d")).toBe(true)
        expect(cache.isInactive(opB, "d")).toBe(false)
        yield* TestClock.adjust(VouchCache.INACTIVE_MS - 1)
        expect(cache.isInactive(opA, "d")).toBe(true)
        yield* TestClock.adjust(1)
        expect(cache.isInactive(opA, "d")).toBe(false)
      }),
    ))

  it("bounds inactive answers per OP: a flood against one OP pushes out none of another's", () =>
    run((cache) =>
      Effect.sync(() => {
        cache.rememberInactive(opB, "b-dead")
        cache.rememberInactive(opA, "first")
        for (let i = 0; i < VouchCache.INACTIVE_MAX; i++) cache.rememberInactive(opA, `flood-${i}`)
        expect(cache.isInactive(opA, "first")).toBe(false)
        expect(cache.isInactive(opA, `flood-${VouchCache.INACTIVE_MAX - 1}`)).toBe(true)
        expect(cache.isInactive(opB, "b-dead")).toBe(true)
      }),
    ))

  it("keeps nothing when the cache is off", () =>
    run(
      (cache) =>
        Effect.gen(function* () {
          yield* cache.get(opA, "d", Effect.succeed(said()))
          cache.rememberInactive(opA, "e")
          expect(cache.peek(opA, "d")).toBeUndefined()
          expect(cache.isInactive(opA, "e")).toBe(false)
        }),
      0,
    ))
})
