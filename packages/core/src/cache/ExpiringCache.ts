import { Clock, Deferred, Effect, type Exit, type Scope } from "effect"
import { cacheStats, type CacheName } from "../observability/cacheStats.js"

export interface ExpiringCacheOptions<V> {
  /** Entries kept; past it the least recently used goes. */
  readonly max: number
  /** An entry's life (Infinity: until `expiresAt`); 0 or less: nothing is kept (lookups are still shared). */
  readonly ttlMs: number
  /** Counted under it in oxd_cache_requests_total (hits and misses). */
  readonly name?: CacheName
  /**
   * When a value itself stops being true (a token's exp, in ms): the entry never outlives it, and is refreshed ahead
   * only when `ttlMs` rather than this ends it (asking again cannot extend a token's exp).
   */
  readonly expiresAt?: (value: V) => number
  /** In the last tenth of `ttlMs` a read starts a background lookup and is answered from the entry (default true). */
  readonly refreshAhead?: boolean
  /** Values are frozen when stored: callers share them. */
  readonly freeze?: boolean
}

interface Entry<V> {
  readonly value: V
  readonly until: number
  refreshAt: number
  /** #moves when the entry last went to the back of the Map (the most recent end) */
  movedAt: number
}

/**
 * The freshness rule, written once for every cache: an entry answers while it lives; one due for refresh answers a
 * synchronous read (`peek`) only once its refresh is under way, so the road that cannot start one never keeps a
 * stale entry alive by itself.
 */
const lives = (e: Entry<unknown>, now: number) => e.until > now
const due = (e: Entry<unknown>, now: number) => e.refreshAt <= now
const peekable = (e: Entry<unknown>, now: number, refreshing: boolean) => lives(e, now) && (!due(e, now) || refreshing)

/**
 * Core's one cache: bounded (least recently used out), expiring, refreshed ahead, lookups of a key shared while in
 * flight, with a synchronous `peek` for the road that answers from caches. Time comes from the Effect Clock captured
 * when the cache is made (TestClock in tests); lookups run in the scope it was made in (the service's layer), so a
 * background refresh or a lookup whose first caller went away is interrupted when the layer closes, never orphaned.
 *
 * A lookup answering undefined removes the key (nothing is cached for it); a failed lookup caches nothing, and a failed
 * refresh leaves the entry to serve out its life without more refreshes. A lookup overtaken by `delete`/`clear` (a
 * write) answers its callers but stores nothing.
 */
export class ExpiringCache<V> {
  readonly #entries = new Map<string, Entry<V>>()
  readonly #inFlight = new Map<string, Deferred.Deferred<V | undefined, unknown>>()
  /** What `replace` changed while a key's lookup was in flight: applied to its value before it is stored. */
  readonly #changes = new Map<string, (value: V) => V>()
  #moves = 0

  constructor(
    readonly options: ExpiringCacheOptions<V>,
    readonly clock: Clock.Clock,
    readonly scope: Scope.Scope,
  ) {}

  /** A cache on the current Clock, its lookups in the current Scope (a layer's, when made while building one). */
  static make<V>(options: ExpiringCacheOptions<V>): Effect.Effect<ExpiringCache<V>, never, Scope.Scope> {
    return Effect.gen(function* () {
      return new ExpiringCache(options, yield* Clock.Clock, yield* Effect.scope)
    })
  }

  /** The captured clock's time (ms), synchronously. */
  now(): number {
    return this.clock.currentTimeMillisUnsafe()
  }

  /** The cached value, or `lookup`'s (shared with concurrent callers of the same key, and cached unless undefined). */
  get<E, R>(key: string, lookup: Effect.Effect<V, E, R>): Effect.Effect<V, E, R>
  get<E, R>(key: string, lookup: Effect.Effect<V | undefined, E, R>): Effect.Effect<V | undefined, E, R>
  get<E, R>(key: string, lookup: Effect.Effect<V | undefined, E, R>): Effect.Effect<V | undefined, E, R> {
    return Effect.suspend(() => {
      const hit = this.#entries.get(key)
      const now = this.now()
      if (hit && lives(hit, now)) {
        this.#touch(key, hit)
        if (this.options.name) cacheStats.hit(this.options.name)
        if (due(hit, now) && !this.#inFlight.has(key)) return Effect.as(this.#refresh(key, hit, lookup), hit.value)
        return Effect.succeed(hit.value)
      }
      if (hit) this.#entries.delete(key)
      if (this.options.name) cacheStats.miss(this.options.name)
      const running = this.#inFlight.get(key) as Deferred.Deferred<V | undefined, E> | undefined
      if (running) return Deferred.await(running)
      return Effect.flatMap(this.#lookup(key, lookup), Deferred.await)
    })
  }

  /**
   * The cached value when it may answer now (see the freshness rule), synchronously, counted as a hit; undefined
   * otherwise, and then nothing is counted or started (the caller goes through `get`).
   */
  peek(key: string): V | undefined {
    const hit = this.#entries.get(key)
    if (!hit || !peekable(hit, this.now(), this.#inFlight.has(key))) return undefined
    this.#touch(key, hit)
    if (this.options.name) cacheStats.hit(this.options.name)
    return hit.value
  }

  /** Stores a value obtained elsewhere (its life as a lookup's would be). */
  set(key: string, value: V): void {
    this.#store(key, value)
  }

  /**
   * A write through this process changed a cached value in a way `change` knows: the entry, if any, takes the
   * changed value and keeps the life it had (never extended: what others wrote is still seen on time). A lookup in
   * flight stores its value changed too (it may have read before the write; `change` must give the same value
   * applied twice): were it dropped, as after `delete`, a key written more often than its lookup takes would never be
   * cached again once its entry expired.
   */
  replace(key: string, change: (value: V) => V): void {
    if (this.#inFlight.has(key)) {
      const earlier = this.#changes.get(key)
      this.#changes.set(key, earlier ? (v) => change(earlier(v)) : change)
    }
    const hit = this.#entries.get(key)
    if (!hit) return
    const value = change(hit.value)
    this.#entries.set(key, { ...hit, value: this.options.freeze ? Object.freeze(value) : value })
  }

  /** Forget one key (after a write to it): a lookup of it in flight stores nothing. */
  delete(key: string): void {
    this.#entries.delete(key)
    this.#inFlight.delete(key)
    this.#changes.delete(key)
  }

  /** Forget the key if its entry holds a value `stale` picks (a token the other side just refused), uncounted. */
  deleteIf(key: string, stale: (value: V) => boolean): void {
    const hit = this.#entries.get(key)
    if (hit && stale(hit.value)) this.delete(key)
  }

  /** Forget everything (after a write whose keys are not known). */
  clear(): void {
    this.#entries.clear()
    this.#inFlight.clear()
    this.#changes.clear()
  }

  get size(): number {
    return this.#entries.size
  }

  /** Starts the lookup in the cache's scope; its result goes to the deferred every caller of the key awaits. */
  #lookup<E, R>(
    key: string,
    lookup: Effect.Effect<V | undefined, E, R>,
  ): Effect.Effect<Deferred.Deferred<V | undefined, E>, never, R> {
    return Effect.suspend(() => {
      const flight = Deferred.makeUnsafe<V | undefined, E>()
      this.#inFlight.set(key, flight as Deferred.Deferred<V | undefined, unknown>)
      this.#changes.delete(key)
      const run = lookup.pipe(
        Effect.onExit((exit: Exit.Exit<V | undefined, E>) =>
          Effect.sync(() => {
            // not overtaken by delete or clear (a write): an overtaken value may predate the write, so it is not kept
            const current = this.#inFlight.get(key) === flight
            const change = current ? this.#changes.get(key) : undefined
            if (current) {
              this.#inFlight.delete(key)
              this.#changes.delete(key)
            }
            if (current && exit._tag === "Success")
              this.#store(key, change && exit.value !== undefined ? change(exit.value) : exit.value)
            Deferred.doneUnsafe(flight, exit)
          }),
        ),
      )
      return Effect.as(Effect.forkIn(run, this.scope), flight)
    })
  }

  /** The lookup in the background while the entry answers; a failed one leaves the entry to serve out its life. */
  #refresh<E, R>(
    key: string,
    hit: Entry<V>,
    lookup: Effect.Effect<V | undefined, E, R>,
  ): Effect.Effect<unknown, never, R> {
    return this.#lookup(
      key,
      Effect.tapError(lookup, () =>
        Effect.sync(() => {
          if (this.#entries.get(key) === hit) hit.refreshAt = Infinity
        }),
      ),
    )
  }

  #store(key: string, value: V | undefined): void {
    if (value === undefined) {
      this.#entries.delete(key)
      return
    }
    const { ttlMs, expiresAt, refreshAhead = true, freeze, max } = this.options
    const now = this.now()
    const lifeEnds = now + ttlMs
    const ceiling = expiresAt ? expiresAt(value) : Infinity
    const until = Math.min(lifeEnds, ceiling)
    // deleted first so a re-read entry goes to the back too (set alone keeps a key's place)
    this.#entries.delete(key)
    if (ttlMs <= 0 || until <= now) return
    const refreshAt = refreshAhead && lifeEnds < ceiling ? now + ttlMs * 0.9 : Infinity
    this.#entries.set(key, { value: freeze ? Object.freeze(value) : value, until, refreshAt, movedAt: ++this.#moves })
    if (this.#entries.size > max) this.#entries.delete(this.#entries.keys().next().value!)
  }

  /**
   * Recency: Map keeps insertion order, so the first key is the least recently used. A hit moves its entry to the
   * back only when half the bound or more has moved since it last did: a delete + set on every hit fills the Map's
   * table with deleted slots whose rebuilds are garbage on the hottest path. An entry used while in the newer half
   * cannot be the first key, so it is never the one dropped.
   */
  #touch(key: string, hit: Entry<V>): void {
    if (this.#moves - hit.movedAt < this.options.max / 2) return
    this.#entries.delete(key)
    hit.movedAt = ++this.#moves
    this.#entries.set(key, hit)
  }
}
