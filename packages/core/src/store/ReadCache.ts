import { Effect } from "effect"
import { cacheStats, type CacheName } from "../observability/cacheStats.js"

/**
 * A bounded, expiring cache of rows in front of the database, for the reads every command makes (a site, its
 * protected resources). Writes through this process invalidate at once; a write by another process sharing the
 * database file is seen once the entry expires. Least recently used entries go first past `max`; a read that
 * raced a write is not cached (the write's invalidation wins). Values are frozen: callers share them.
 */
export class ReadCache<V> {
  readonly #entries = new Map<string, { readonly value: V; readonly until: number }>()
  /** Bumped by every invalidation: a read that started before it does not store its (possibly stale) row. */
  #generation = 0

  /** `name`: counted under it in oxd_cache_requests_total (hits and misses). */
  constructor(readonly max: number, readonly ttlMs: number, readonly name?: CacheName) {}

  /** The cached value, or `read` (cached when it yields a value; undefined is not cached). */
  get<E, R>(key: string, read: Effect.Effect<V | undefined, E, R>): Effect.Effect<V | undefined, E, R> {
    return Effect.suspend(() => {
      const hit = this.#entries.get(key)
      if (hit && hit.until > Date.now()) {
        // refresh recency: Map keeps insertion order, so the first key is the least recently used
        this.#entries.delete(key)
        this.#entries.set(key, hit)
        if (this.name) cacheStats.hit(this.name)
        return Effect.succeed(hit.value)
      }
      if (hit) this.#entries.delete(key)
      if (this.name) cacheStats.miss(this.name)
      if (this.ttlMs <= 0) return read
      const generation = this.#generation
      return Effect.map(read, (value) => {
        if (value !== undefined && generation === this.#generation) {
          this.#entries.set(key, { value: Object.freeze(value), until: Date.now() + this.ttlMs })
          if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!)
        }
        return value
      })
    })
  }

  /** Forget one key (after a write to it). */
  delete(key: string): void {
    this.#generation++
    this.#entries.delete(key)
  }

  /** Forget everything (after a write whose keys are not known). */
  clear(): void {
    this.#generation++
    this.#entries.clear()
  }

  get size(): number {
    return this.#entries.size
  }
}
