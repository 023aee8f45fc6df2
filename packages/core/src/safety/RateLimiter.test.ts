import { describe, expect, it } from "vitest"
import { bucketKey, RateLimiter } from "./RateLimiter.js"

describe("RateLimiter (token bucket per address)", () => {
  it("lets a burst through, then refills at the rate per minute", () => {
    let now = 0
    const r = new RateLimiter({ perMinute: 60, burst: 3, now: () => now })
    expect([r.take("a"), r.take("a"), r.take("a")]).toEqual([0, 0, 0])
    expect(r.take("a")).toBe(1000) // one token a second
    expect(r.take("b")).toBe(0) // other addresses have their own bucket
    now = 1000
    expect(r.take("a")).toBe(0)
    expect(r.take("a")).toBeGreaterThan(0)
    now = 1_000_000
    expect([r.take("a"), r.take("a"), r.take("a"), r.take("a") > 0]).toEqual([0, 0, 0, true]) // never more than the burst
  })

  it("stays bounded in memory whatever the number of addresses", () => {
    const r = new RateLimiter({ perMinute: 10, burst: 1, maxKeys: 100, now: Date.now })
    for (let i = 0; i < 10_000; i++) r.take(`10.0.${i >> 8}.${i & 255}`)
    expect(r.size).toBe(100)
  })

  it("keys IPv4-mapped IPv6 as IPv4 and IPv6 by its /64", () => {
    expect(bucketKey("::ffff:127.0.0.1")).toBe("127.0.0.1")
    expect(bucketKey("127.0.0.1")).toBe("127.0.0.1")
    expect(bucketKey("2001:db8:0:1:aaaa::1")).toBe("2001:db8:0:1::/64")
    expect(bucketKey("2001:db8:0:1:bbbb:cccc:dddd:eeee")).toBe("2001:db8:0:1::/64")
    expect(bucketKey("::1")).toBe("0:0:0:0::/64")
  })
})
