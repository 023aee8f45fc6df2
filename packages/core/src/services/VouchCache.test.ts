import { describe, expect, it } from "vitest"
import { VouchCache } from "./VouchCache.js"

const opA = VouchCache.opKeyOf({ opHost: "https://op-a.example", opDiscoveryPath: null })
const opB = VouchCache.opKeyOf({ opHost: "https://op-b.example", opDiscoveryPath: null })
const said = { clientId: "setup-client", scopes: ["uma_protection"] }

describe("VouchCache", () => {
  it("keeps an OP's answer under that OP only", () => {
    const cache = new VouchCache(60_000)
    cache.remember(opA, "digest", said, Infinity, 0)
    expect(cache.get(opA, "digest", 1)).toMatchObject(said)
    expect(cache.get(opB, "digest", 1)).toBeUndefined()
  })

  it("tells two OPs apart whatever their URLs share", () => {
    expect(VouchCache.opKeyOf({ opHost: "https://op", opDiscoveryPath: "/x" })).not.toBe(VouchCache.opKeyOf({ opHost: "https://op/x", opDiscoveryPath: null }))
  })

  it("keeps an active answer until protection_cache_seconds or the token's exp, whichever comes first", () => {
    const cache = new VouchCache(60_000)
    cache.remember(opA, "d1", said, 10_000, 0)
    expect(cache.get(opA, "d1", 9_999)).toBeDefined()
    expect(cache.get(opA, "d1", 10_000)).toBeUndefined()
    cache.remember(opA, "d2", said, Infinity, 0)
    expect(cache.get(opA, "d2", 59_999)).toBeDefined()
    expect(cache.get(opA, "d2", 60_000)).toBeUndefined()
  })

  it("remembers an inactive answer briefly, and forgets an active one the OP no longer vouches for", () => {
    const cache = new VouchCache(60_000)
    cache.remember(opA, "d", said, Infinity, 0)
    cache.rememberInactive(opA, "d", 1)
    expect(cache.get(opA, "d", 2)).toBe("inactive")
    expect(cache.get(opA, "d", 1 + VouchCache.INACTIVE_MS)).toBeUndefined()
    expect(cache.get(opB, "d", 2)).toBeUndefined()
  })

  it("bounds inactive answers per OP: a flood against one OP pushes out none of another's", () => {
    const cache = new VouchCache(60_000)
    cache.rememberInactive(opB, "b-dead", 0)
    cache.rememberInactive(opA, "first", 0)
    for (let i = 0; i < VouchCache.INACTIVE_MAX; i++) cache.rememberInactive(opA, `flood-${i}`, 0)
    expect(cache.get(opA, "first", 1)).toBeUndefined()
    expect(cache.get(opA, `flood-${VouchCache.INACTIVE_MAX - 1}`, 1)).toBe("inactive")
    expect(cache.get(opB, "b-dead", 1)).toBe("inactive")
  })

  it("keeps nothing when the cache is off", () => {
    const cache = new VouchCache(0)
    cache.remember(opA, "d", said, Infinity, 0)
    cache.rememberInactive(opA, "e", 0)
    expect(cache.get(opA, "d", 0)).toBeUndefined()
    expect(cache.get(opA, "e", 0)).toBeUndefined()
  })
})
