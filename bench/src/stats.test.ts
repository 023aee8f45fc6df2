import { describe, expect, it } from "vitest"
import { Samples, slope } from "./stats.js"

describe("Samples", () => {
  it("gives nearest-rank percentiles of every sample kept", () => {
    const s = new Samples()
    for (let i = 1; i <= 100_000; i++) s.add(i / 1000)
    const l = s.summary()
    expect(l.p50).toBe(50)
    expect(l.p99).toBe(99)
    expect(l.p999).toBe(99.9)
    expect(l.max).toBe(100)
  })

  it("is all zeros without samples", () => {
    expect(new Samples().summary()).toEqual({ mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 })
  })
})

describe("slope", () => {
  it("fits a line", () => {
    expect(
      slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2)
    expect(slope([[0, 4]])).toBe(0)
  })
})
