import { Effect } from "effect"
import { cacheStats, type CacheName } from "../observability/cacheStats.js"

/**
 * A bounded, expiring cache of rows in front of the database, for the reads every command makes (a site, its
 * protected resources). Writes through this process invalidate at once; a write by another process sharing the
 * database file is seen once the entry expires. Least recently used entries go first past `max` (recency kept to
 * within half the bound: see #touch); a read that
 * raced a write is not cached (the write's invalidation wins). Values are frozen: callers share them.
 * In the last tenth of an entry's life the first read starts a background re-read and is answered from the entry:
 * under steady use an entry never expires, so the many requests of one moment do not all miss together.
 */
interface Entry<V> {
  readonly value: V
  readonly until: number
  readonly refreshAt: number
  /** #moves when the entry last went to the back of the Map (the most recent end) */
  movedAt: number
}

export class ReadCache<V> {
  readonly #entries = new Map<string, Entry<V>>()
  #moves = 0
  /** Keys whose re-read is under way: their entry keeps answering meanwhile (it is still within its life). */
  readonly #refreshing = new Set<string>()
  /** Bumped by every invalidation: a read that started before it does not store its (possibly stale) row. */
  #generation = 0

  /** `name`: counted under it in oxd_cache_requests_total (hits and misses). */
  constructor(readonly max: number, readonly ttlMs: number, readonly name?: CacheName) {}

  /** The cached value, or `read` (cached when it yields a value; undefined is not cached). */
  get<E, R>(key: string, read: Effect.Effect<V | undefined, E, R>): Effect.Effect<V | undefined, E, R> {
    return Effect.suspend(() => {
      const hit = this.#entries.get(key)
      const now = Date.now()
      if (hit && hit.until > now) {
        this.#touch(key, hit)
        if (this.name) cacheStats.hit(this.name)
        if (hit.refreshAt <= now && !this.#refreshing.has(key)) return Effect.as(this.#refresh(key, read), hit.value)
        return Effect.succeed(hit.value)
      }
      if (hit) this.#entries.delete(key)
      if (this.name) cacheStats.miss(this.name)
      if (this.ttlMs <= 0) return read
      return this.#readAndStore(key, read)
    })
  }

  #readAndStore<E, R>(key: string, read: Effect.Effect<V | undefined, E, R>): Effect.Effect<V | undefined, E, R> {
    const generation = this.#generation
    return Effect.map(read, (value) => {
      if (generation === this.#generation) {
        if (value === undefined) this.#entries.delete(key)
        else {
          const now = Date.now()
          // deleted first so a re-read entry goes to the back too (set alone keeps a key's place)
          this.#entries.delete(key)
          this.#entries.set(key, { value: Object.freeze(value), until: now + this.ttlMs, refreshAt: now + this.ttlMs * 0.9, movedAt: ++this.#moves })
          if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!)
        }
      }
      return value
    })
  }

  /** The re-read in the background; a failed one leaves the entry to expire as it would have. */
  #refresh<E, R>(key: string, read: Effect.Effect<V | undefined, E, R>): Effect.Effect<unknown, never, R> {
    this.#refreshing.add(key)
    return Effect.forkDetach(this.#readAndStore(key, read).pipe(
      Effect.ignore,
      Effect.ensuring(Effect.sync(() => this.#refreshing.delete(key))),
    ))
  }

  /**
   * The cached value when fresh, synchronously (recency refreshed, counted as a hit); undefined when absent,
   * expired or due for a re-read not yet started, and then nothing changed (not even a miss counted: the caller then reads through `get`).
   */
  peek(key: string): V | undefined {
    const hit = this.#entries.get(key)
    const now = Date.now()
    // an entry due for re-reading answers here only once its re-read is under way (`get` starts it)
    if (!hit || hit.until <= now || (hit.refreshAt <= now && !this.#refreshing.has(key))) return undefined
    this.#touch(key, hit)
    if (this.name) cacheStats.hit(this.name)
    return hit.value
  }

  /**
   * Recency: Map keeps insertion order, so the first key is the least recently used. A hit moves its entry to the
   * back only when half the bound or more has moved since it last did: a delete + set on every hit filled the Map's
   * table with deleted slots, and its rebuilds went to the old generation (~100 bytes per command, then a
   * Mark-Compact). An entry used while in the newer half cannot be the first key, so it is never the one dropped.
   */
  #touch(key: string, hit: Entry<V>): void {
    if (this.#moves - hit.movedAt < this.max / 2) return
    this.#entries.delete(key)
    hit.movedAt = ++this.#moves
    this.#entries.set(key, hit)
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
