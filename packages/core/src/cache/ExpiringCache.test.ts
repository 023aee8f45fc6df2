import { Deferred, Effect, Fiber, Scope } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it, vi } from "vitest"
import { ExpiringCache, type ExpiringCacheOptions } from "./ExpiringCache.js"

// Time is the TestClock's (it starts at 0 and moves only when told): no test here sleeps.
const run = <A, E>(body: Effect.Effect<A, E, Scope.Scope | TestClock.TestClock>) =>
  Effect.runPromise(body.pipe(Effect.scoped, Effect.provide(TestClock.layer())))

/** A lookup that counts how often the source was asked, answering `value()` at the time. */
const source = <V>(value: () => V | undefined) => {
  let asked = 0
  return {
    lookup: Effect.sync(() => {
      asked++
      return value()
    }),
    asked: () => asked,
  }
}
/** Lets forked lookups run to their end. */
const settle = Effect.repeat(Effect.yieldNow, { times: 10 })

const make = <V>(options: Partial<ExpiringCacheOptions<V>> = {}) =>
  ExpiringCache.make<V>({ max: 10, ttlMs: 10_000, ...options })

describe("ExpiringCache", () => {
  it("answers from the entry until its life ends, on the clock it captured", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<string>({ refreshAhead: false })
        const db = source(() => "row")
        expect(yield* cache.get("a", db.lookup)).toBe("row")
        yield* TestClock.adjust(9_999)
        expect(yield* cache.get("a", db.lookup)).toBe("row")
        expect(cache.peek("a")).toBe("row")
        expect(db.asked()).toBe(1)
        yield* TestClock.adjust(1)
        expect(cache.peek("a")).toBeUndefined()
        expect(yield* cache.get("a", db.lookup)).toBe("row")
        expect(db.asked()).toBe(2)
      }),
    ))

  it("in the last tenth of its life answers from the entry and looks up again in the background", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<number>()
        let version = 1
        const db = source(() => version)
        yield* cache.get("a", db.lookup)
        version = 2
        yield* TestClock.adjust(8_999)
        expect(cache.peek("a")).toBe(1) // not yet due
        yield* TestClock.adjust(1)
        // due: the synchronous road does not answer until a refresh is under way (it cannot start one)
        expect(cache.peek("a")).toBeUndefined()
        expect(yield* cache.get("a", db.lookup)).toBe(1) // served at once, the refresh started
        yield* settle
        expect(db.asked()).toBe(2)
        expect(cache.peek("a")).toBe(2)
        // the refreshed entry lives a full ttl from its lookup: past the first entry's life it still answers
        yield* TestClock.adjust(5_000)
        expect(yield* cache.get("a", db.lookup)).toBe(2)
        expect(db.asked()).toBe(2)
      }),
    ))

  it("peek answers a due entry once its refresh is under way, and get starts only one", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<string>()
        const gate = yield* Deferred.make<void>()
        let slow = false
        let asked = 0
        const lookup = Effect.suspend(() => {
          asked++
          return slow ? Effect.as(Deferred.await(gate), "new") : Effect.succeed("old")
        })
        yield* cache.get("a", lookup)
        slow = true
        yield* TestClock.adjust(9_500)
        expect(yield* cache.get("a", lookup)).toBe("old")
        expect(yield* cache.get("a", lookup)).toBe("old")
        expect(cache.peek("a")).toBe("old")
        yield* settle
        expect(asked).toBe(2)
        yield* Deferred.succeed(gate, undefined)
        yield* settle
        expect(cache.peek("a")).toBe("new")
      }),
    ))

  it("shares one lookup between the callers of a key that arrive while it runs", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<string>()
        const gate = yield* Deferred.make<void>()
        let asked = 0
        const lookup = Effect.suspend(() => {
          asked++
          return Effect.as(Deferred.await(gate), "row")
        })
        const callers = yield* Effect.forkChild(
          Effect.all(
            Array.from({ length: 20 }, () => cache.get("a", lookup)),
            { concurrency: "unbounded" },
          ),
        )
        yield* settle
        yield* Deferred.succeed(gate, undefined)
        expect(yield* Fiber.join(callers)).toEqual(Array(20).fill("row"))
        expect(asked).toBe(1)
      }),
    ))

  it("a caller that goes away does not cancel the lookup the others wait for", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<string>()
        const gate = yield* Deferred.make<void>()
        const lookup = Effect.as(Deferred.await(gate), "row")
        const first = yield* Effect.forkChild(cache.get("a", lookup))
        const second = yield* Effect.forkChild(cache.get("a", lookup))
        yield* settle
        yield* Fiber.interrupt(first)
        yield* Deferred.succeed(gate, undefined)
        expect(yield* Fiber.join(second)).toBe("row")
        expect(cache.peek("a")).toBe("row")
      }),
    ))

  it("caches no undefined and no failure", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<string>()
        const none = source<string>(() => undefined)
        yield* cache.get("a", none.lookup)
        yield* cache.get("a", none.lookup)
        expect(none.asked()).toBe(2)
        let fails = 0
        const failing = Effect.suspend(() => {
          fails++
          return Effect.fail("down" as const)
        })
        expect(yield* Effect.flip(cache.get("b", failing))).toBe("down")
        expect(yield* Effect.flip(cache.get("b", failing))).toBe("down")
        expect(fails).toBe(2)
      }),
    ))

  it("a failed refresh leaves the entry to serve out its life, without more refreshes", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<string>()
        let up = true
        let asked = 0
        const lookup = Effect.suspend(() => {
          asked++
          return up ? Effect.succeed("row") : Effect.fail("down")
        })
        yield* cache.get("a", lookup)
        up = false
        yield* TestClock.adjust(9_000)
        expect(yield* cache.get("a", lookup)).toBe("row")
        yield* settle
        expect(yield* cache.get("a", lookup)).toBe("row")
        expect(cache.peek("a")).toBe("row")
        yield* settle
        expect(asked).toBe(2)
        yield* TestClock.adjust(1_000)
        expect(cache.peek("a")).toBeUndefined()
      }),
    ))

  it("never outlives the value's own expiry, and refreshes ahead only when its ttl ends it", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<{ exp: number }>({ expiresAt: (v) => v.exp })
        const short = source(() => ({ exp: 3_000 }))
        yield* cache.get("short", short.lookup)
        yield* TestClock.adjust(2_999)
        expect(yield* cache.get("short", short.lookup)).toEqual({ exp: 3_000 })
        yield* settle
        expect(short.asked()).toBe(1) // no refresh: asking again cannot extend the exp
        yield* TestClock.adjust(1)
        expect(cache.peek("short")).toBeUndefined()
        const past = source(() => ({ exp: 1_000 }))
        yield* cache.get("past", past.lookup) // already expired: not kept
        expect(cache.peek("past")).toBeUndefined()
      }),
    ))

  it("a lookup overtaken by delete or clear answers its callers and stores nothing", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<string>()
        const racing = Effect.sync(() => {
          cache.delete("a")
          return "old row"
        })
        expect(yield* cache.get("a", racing)).toBe("old row")
        expect(cache.peek("a")).toBeUndefined()
        const clearing = Effect.sync(() => {
          cache.clear()
          return "old row"
        })
        expect(yield* cache.get("b", clearing)).toBe("old row")
        expect(cache.size).toBe(0)
        yield* cache.get("c", Effect.succeed("row"))
        cache.delete("c")
        expect(cache.peek("c")).toBeUndefined()
      }),
    ))

  it("replace changes a cached value in place, its life not extended, and the value of a lookup in flight", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<{ n: number; token?: string }>({ refreshAhead: false, freeze: true })
        yield* cache.get("a", Effect.succeed({ n: 1 }))
        yield* TestClock.adjust(6_000)
        cache.replace("a", (v) => ({ ...v, token: "t1" }))
        expect(cache.peek("a")).toEqual({ n: 1, token: "t1" })
        expect(Object.isFrozen(cache.peek("a"))).toBe(true)
        yield* TestClock.adjust(4_000) // the life it had when stored ends: the source is asked again
        expect(cache.peek("a")).toBeUndefined()
        // nothing cached: replace stores nothing
        cache.replace("b", (v) => ({ ...v, token: "t" }))
        expect(cache.peek("b")).toBeUndefined()
        // a lookup that read before the write: its callers get what it read, the entry the value changed
        const readBeforeTheWrite = Effect.sync(() => {
          cache.replace("a", (v) => ({ ...v, token: "t2" }))
          cache.replace("a", (v) => ({ ...v, n: v.n + 10 }))
          return { n: 2 }
        })
        expect(yield* cache.get("a", readBeforeTheWrite)).toEqual({ n: 2 })
        expect(cache.peek("a")).toEqual({ n: 12, token: "t2" })
        // delete still wins: the overtaken lookup stores nothing
        const deleted = Effect.sync(() => {
          cache.replace("c", (v) => ({ ...v, token: "t" }))
          cache.delete("c")
          return { n: 0 }
        })
        expect(yield* cache.get("c", deleted)).toEqual({ n: 0 })
        expect(cache.peek("c")).toBeUndefined()
      }),
    ))

  it("a key written while each of its lookups runs is still cached again, never left to expire for good", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<{ row: number; token?: string }>()
        let asked = 0
        // every lookup overlaps a write of the key (a login of another user of the same site)
        const lookup = Effect.sync(() => {
          asked++
          cache.replace("a", (s) => ({ ...s, token: `w${asked}` }))
          return { row: asked }
        })
        for (let i = 0; i < 30; i++) {
          yield* cache.get("a", lookup)
          yield* settle
          yield* TestClock.adjust(1_000)
        }
        expect(asked).toBeGreaterThan(2)
        expect(asked).toBeLessThan(10) // once a life or so (refreshed ahead), not once a use
        expect(cache.peek("a")).toEqual({ row: asked, token: `w${asked}` })
      }),
    ))

  it("drops the least recently used entry past its bound and freezes what it keeps when asked to", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<{ k: string }>({ max: 2, freeze: true })
        const kept = yield* cache.get("a", Effect.succeed({ k: "a" }))
        yield* cache.get("b", Effect.succeed({ k: "b" }))
        yield* cache.get("a", Effect.never) // a hit: a is now more recent than b
        yield* cache.get("c", Effect.succeed({ k: "c" })) // b goes
        expect(cache.size).toBe(2)
        expect(cache.peek("a")).toEqual({ k: "a" })
        expect(cache.peek("b")).toBeUndefined()
        expect(Object.isFrozen(kept)).toBe(true)
      }),
    ))

  it("moves an entry on a hit only from the older half of its bound; one used in the newer half is never dropped", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<{ k: string }>({ max: 4 })
        for (const k of ["a", "b", "c", "d"]) yield* cache.get(k, Effect.succeed({ k }))
        // d was just stored: hits leave the Map as it is (a delete + set per hit churns the Map's table)
        const sets = vi.spyOn(Map.prototype, "set")
        for (let i = 0; i < 1000; i++) {
          cache.peek("d")
          yield* cache.get("d", Effect.never)
        }
        const setsOnRecentHits = sets.mock.calls.length
        cache.peek("a") // a is in the older half: it moves to the back
        const setsOnOldHit = sets.mock.calls.length - setsOnRecentHits
        sets.mockRestore()
        expect([setsOnRecentHits, setsOnOldHit]).toEqual([0, 1])
        yield* cache.get("e", Effect.succeed({ k: "e" })) // b goes, the least recently used
        for (const k of ["a", "c", "d", "e"]) expect(cache.peek(k), k).toEqual({ k })
        expect(cache.peek("b")).toBeUndefined()
      }),
    ))

  it("drops the entry when its refresh finds the value gone", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<string>()
        let row: string | undefined = "v1"
        const read = Effect.sync(() => row)
        yield* cache.get("a", read)
        row = undefined
        yield* TestClock.adjust(9_500)
        expect(yield* cache.get("a", read)).toBe("v1")
        yield* settle
        expect(cache.peek("a")).toBeUndefined()
        expect(cache.size).toBe(0)
      }),
    ))

  it("keeps nothing with a ttl of 0, yet shares a lookup in flight", () =>
    run(
      Effect.gen(function* () {
        const cache = yield* make<string>({ ttlMs: 0 })
        const db = source(() => "row")
        yield* cache.get("a", db.lookup)
        yield* cache.get("a", db.lookup)
        expect(db.asked()).toBe(2)
        expect(cache.size).toBe(0)
      }),
    ))

  it("its lookups end with the scope it was made in (a layer's): none outlives the service", async () => {
    let interrupted = false
    await run(
      Effect.gen(function* () {
        const scope = yield* Scope.make()
        const cache = yield* Scope.provide(make<string>(), scope)
        const lookup = Effect.never.pipe(
          Effect.onInterrupt(() =>
            Effect.sync(() => {
              interrupted = true
            }),
          ),
        )
        const caller = yield* Effect.forkChild(cache.get("a", lookup))
        yield* settle
        yield* Scope.close(scope, undefined as never)
        yield* settle
        expect(interrupted).toBe(true)
        yield* Fiber.interrupt(caller)
      }),
    )
    expect(interrupted).toBe(true)
  })
})
