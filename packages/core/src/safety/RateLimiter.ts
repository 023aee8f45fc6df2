/**
 * Token buckets per remote address: `burst` commands at once, refilled at `perMinute`. Bounded: past `maxKeys`
 * addresses the least recently seen bucket is forgotten (it was full or nearly so).
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>()
  readonly #perMs: number
  constructor(
    private readonly opts: {
      readonly perMinute: number
      readonly burst: number
      readonly maxKeys?: number
      readonly now: () => number
    },
  ) {
    this.#perMs = opts.perMinute / 60_000
  }

  /** Takes a token for `address`: 0 when the command may run, else the milliseconds until it could. */
  take(address: string): number {
    const key = bucketKey(address)
    const now = this.opts.now()
    const b = this.#buckets.get(key)
    const tokens = b ? Math.min(this.opts.burst, b.tokens + (now - b.at) * this.#perMs) : this.opts.burst
    this.#buckets.delete(key) // re-inserted last: most recently seen at the end
    if (tokens >= 1) {
      this.#buckets.set(key, { tokens: tokens - 1, at: now })
      this.#evict()
      return 0
    }
    this.#buckets.set(key, { tokens, at: now })
    this.#evict()
    return Math.ceil((1 - tokens) / this.#perMs)
  }

  get size(): number {
    return this.#buckets.size
  }

  #evict() {
    if (this.#buckets.size > (this.opts.maxKeys ?? 100_000)) this.#buckets.delete(this.#buckets.keys().next().value!)
  }
}

/** IPv4-mapped IPv6 as IPv4; other IPv6 by its /64 (one host usually owns a whole /64). */
export const bucketKey = (address: string): string => {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (v4) return v4[1]!
  if (!address.includes(":")) return address
  const [head = "", tail = ""] = address.split("::")
  const left = head ? head.split(":") : []
  const right = tail ? tail.split(":") : []
  const full = address.includes("::")
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left
  return `${full
    .slice(0, 4)
    .map((h) => h.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`
}
