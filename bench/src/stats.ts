/** Latencies of one run, in milliseconds: every sample kept (a growable array), sorted once for the percentiles. */
export class Samples {
  #values = new Float64Array(1 << 16)
  #n = 0

  get count(): number {
    return this.#n
  }

  add(ms: number): void {
    if (this.#n === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2)
      grown.set(this.#values)
      this.#values = grown
    }
    this.#values[this.#n++] = ms
  }

  /** Adds every sample of another run (connections record on their own, the run merges them). */
  merge(other: Samples): void {
    for (const v of other.values()) this.add(v)
  }

  values(): Float64Array {
    return this.#values.subarray(0, this.#n)
  }

  summary(): LatencySummary {
    const sorted = Float64Array.from(this.values()).sort()
    const at = (q: number) =>
      sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
    let sum = 0
    for (const v of sorted) sum += v
    return {
      mean: sorted.length === 0 ? 0 : sum / sorted.length,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      p999: at(0.999),
      max: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
    }
  }
}

export interface LatencySummary {
  readonly mean: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly p999: number
  readonly max: number
}

/** Least-squares slope of y over x (e.g. RSS MB per minute over a soak). */
export const slope = (points: ReadonlyArray<readonly [number, number]>): number => {
  const n = points.length
  if (n < 2) return 0
  let sx = 0
  let sy = 0
  for (const [x, y] of points) {
    sx += x
    sy += y
  }
  const mx = sx / n
  const my = sy / n
  let num = 0
  let den = 0
  for (const [x, y] of points) {
    num += (x - mx) * (y - my)
    den += (x - mx) ** 2
  }
  return den === 0 ? 0 : num / den
}
