import { Effect } from "effect"
import { afterEach, describe, expect, it, vi } from "vitest"
import { ReadCache } from "./ReadCache.js"

/** A read that counts how often the database would have been asked. */
const counted = <V>(value: V | undefined) => {
  let reads = 0
  return { read: Effect.sync(() => { reads++; return value }), reads: () => reads }
}

afterEach(() => { vi.useRealTimers() })

describe("ReadCache", () => {
  it("answers from memory until the entry expires", async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ["Date"] })
    const cache = new ReadCache<{ n: number }>(10, 5_000)
    const db = counted({ n: 1 })
    expect(await Effect.runPromise(cache.get("a", db.read))).toEqual({ n: 1 })
    expect(await Effect.runPromise(cache.get("a", db.read))).toEqual({ n: 1 })
    expect(db.reads()).toBe(1)
    vi.setSystemTime(1_005_001)
    await Effect.runPromise(cache.get("a", db.read))
    expect(db.reads()).toBe(2)
  })

  it("reads again after delete or clear (a write through this process)", async () => {
    const cache = new ReadCache<string>(10, 60_000)
    const db = counted("row")
    await Effect.runPromise(cache.get("a", db.read))
    cache.delete("a")
    await Effect.runPromise(cache.get("a", db.read))
    cache.clear()
    await Effect.runPromise(cache.get("a", db.read))
    expect(db.reads()).toBe(3)
  })

  it("does not keep a row read while a write invalidated it", async () => {
    const cache = new ReadCache<string>(10, 60_000)
    // the read's result arrives after the write's invalidation: it may be the old row, so it is not cached
    const racing = Effect.sync(() => { cache.delete("a"); return "old row" })
    expect(await Effect.runPromise(cache.get("a", racing))).toBe("old row")
    const db = counted("new row")
    expect(await Effect.runPromise(cache.get("a", db.read))).toBe("new row")
    expect(db.reads()).toBe(1)
  })

  it("caches no miss, drops the least recently used entry past its bound, freezes what it keeps", async () => {
    const cache = new ReadCache<{ k: string }>(2, 60_000)
    const miss = counted<{ k: string }>(undefined)
    await Effect.runPromise(cache.get("none", miss.read))
    await Effect.runPromise(cache.get("none", miss.read))
    expect(miss.reads()).toBe(2)
    const a = counted({ k: "a" })
    const b = counted({ k: "b" })
    const c = counted({ k: "c" })
    const kept = await Effect.runPromise(cache.get("a", a.read))
    await Effect.runPromise(cache.get("b", b.read))
    await Effect.runPromise(cache.get("a", a.read)) // a is now more recent than b
    await Effect.runPromise(cache.get("c", c.read)) // b goes
    expect(cache.size).toBe(2)
    await Effect.runPromise(cache.get("b", b.read))
    expect([a.reads(), b.reads(), c.reads()]).toEqual([1, 2, 1])
    expect(Object.isFrozen(kept)).toBe(true)
  })

  it("moves an entry on a hit only from the older half of its bound; one used in the newer half is never dropped", async () => {
    const cache = new ReadCache<{ k: string }>(4, 60_000)
    const rows = Object.fromEntries(["a", "b", "c", "d", "e"].map((k) => [k, counted({ k })]))
    for (const k of ["a", "b", "c", "d"]) await Effect.runPromise(cache.get(k, rows[k]!.read))
    // d was just stored: hits leave the Map as it is (a delete + set per hit churned the Map's table)
    const sets = vi.spyOn(Map.prototype, "set")
    for (let i = 0; i < 1000; i++) {
      cache.peek("d")
      await Effect.runPromise(cache.get("d", rows["d"]!.read))
    }
    const setsOnRecentHits = sets.mock.calls.length
    cache.peek("a") // a is in the older half: it moves to the back
    const setsOnOldHit = sets.mock.calls.length - setsOnRecentHits
    sets.mockRestore()
    expect([setsOnRecentHits, setsOnOldHit]).toEqual([0, 1])
    await Effect.runPromise(cache.get("e", rows["e"]!.read)) // b goes, the least recently used
    for (const k of ["a", "c", "d", "e"]) expect(cache.peek(k), k).toEqual({ k })
    expect(cache.peek("b")).toBeUndefined()
  })

  it("never caches with a ttl of 0", async () => {
    const cache = new ReadCache<string>(10, 0)
    const db = counted("row")
    await Effect.runPromise(cache.get("a", db.read))
    await Effect.runPromise(cache.get("a", db.read))
    expect(db.reads()).toBe(2)
  })
})

describe("ReadCache refresh ahead", () => {
  it("in the last tenth of an entry's life, re-reads once in the background and keeps answering", async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ["Date"] })
    const cache = new ReadCache<string>(10, 10_000)
    let row = "v1"
    let reads = 0
    let release: () => void = () => undefined
    const gate = Effect.promise(() => new Promise<void>((r) => { release = r }))
    const read = Effect.suspend(() => { reads++; return reads === 1 ? Effect.succeed(row) : Effect.as(gate, row) })
    expect(await Effect.runPromise(cache.get("a", read))).toBe("v1")
    row = "v2"
    vi.setSystemTime(1_008_999)
    expect(cache.peek("a")).toBe("v1") // not yet due
    vi.setSystemTime(1_009_001)
    expect(cache.peek("a")).toBeUndefined() // due, and no re-read under way: peek leaves it to get
    // the first get starts the re-read and answers from the entry; the others do not start another
    expect(await Effect.runPromise(cache.get("a", read))).toBe("v1")
    expect(await Effect.runPromise(cache.get("a", read))).toBe("v1")
    await new Promise((r) => setTimeout(r, 10))
    expect(reads).toBe(2)
    expect(cache.peek("a")).toBe("v1") // the re-read is under way (held at the gate): the entry still answers
    release()
    await new Promise((r) => setTimeout(r, 10))
    expect(cache.peek("a")).toBe("v2")
    // the re-read gave the entry a new life: past the first one's end it still answers, without a read
    vi.setSystemTime(1_010_500)
    expect(await Effect.runPromise(cache.get("a", read))).toBe("v2")
    expect(reads).toBe(2)
  })

  it("drops the entry when the re-read finds the row gone", async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ["Date"] })
    const cache = new ReadCache<string>(10, 10_000)
    let row: string | undefined = "v1"
    const read = Effect.sync(() => row)
    await Effect.runPromise(cache.get("a", read))
    row = undefined
    vi.setSystemTime(1_009_500)
    expect(await Effect.runPromise(cache.get("a", read))).toBe("v1")
    await new Promise((r) => setTimeout(r, 10))
    expect(cache.peek("a")).toBeUndefined()
    expect(cache.size).toBe(0)
  })
})
