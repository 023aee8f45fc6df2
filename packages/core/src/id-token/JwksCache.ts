import { Effect, type Scope } from "effect"
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from "jose"
import { ExpiringCache } from "../cache/ExpiringCache.js"
import type { FetchFn } from "../services/OpFetch.js"
import { cacheStats } from "../observability/cacheStats.js"

const MAX_AGE_MS = 60 * 60 * 1000
/**
 * A token from anyone (a logout token POSTed to us) refetches the keys on an unknown kid at most this often per
 * jwks_uri: a stream of made-up kids must not become a stream of requests to the OP.
 */
export const UNTRUSTED_REFETCH_MS = 10 * 1000
/**
 * An unknown kid always triggers one refetch (concurrent ones share it): ID tokens come straight from the
 * OP's token endpoint over TLS, so a kid we do not know means the OP rotated, not that someone probes us.
 */

/**
 * The OPs' signing keys by jwks_uri: bounded, expiring, refetched on a kid it does not know (key rotation). jose asks
 * for keys through a Promise, so fetches run there (one per jwks_uri at a time); the keys live in an ExpiringCache.
 */
/** One OP's key set as published, and jose's resolver over it. */
interface Keys {
  readonly set: JSONWebKeySet
  readonly resolve: JWTVerifyGetKey
}

export class JwksCache {
  readonly #inflight = new Map<string, Promise<Keys>>()
  /** When each jwks_uri was last fetched (bounded like the keys), for the untrusted refetch limit. */
  readonly #loadedAt = new Map<string, number>()
  private constructor(
    private readonly fetch: FetchFn,
    private readonly keys: ExpiringCache<Keys>,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  static make(
    fetch: FetchFn,
    maxEntries = 256,
    now: () => number = () => 0,
  ): Effect.Effect<JwksCache, never, Scope.Scope> {
    return Effect.map(
      ExpiringCache.make<Keys>({ max: maxEntries, ttlMs: MAX_AGE_MS, name: "jwks", refreshAhead: false }),
      (keys) => new JwksCache(fetch, keys, maxEntries, now),
    )
  }

  /** The key set as the OP publishes it (get_jwks), from the same cache the ID token checks read. */
  async keySet(jwksUri: string): Promise<JSONWebKeySet> {
    const cached = this.keys.peek(jwksUri)
    if (cached) return cached.set
    cacheStats.miss("jwks")
    return (await this.#load(jwksUri)).set
  }

  /**
   * A jose key resolver for one OP. `untrusted`: the token came from anyone, not from the OP's token endpoint; an
   * unknown kid then refetches at most once per UNTRUSTED_REFETCH_MS.
   */
  resolver(jwksUri: string, untrusted = false): JWTVerifyGetKey {
    return async (header, token) => {
      let keys = this.keys.peek(jwksUri)
      if (!keys) {
        cacheStats.miss("jwks")
        keys = await this.#load(jwksUri)
      }
      try {
        return await keys.resolve(header, token)
      } catch (e) {
        if ((e as { code?: string }).code !== "ERR_JWKS_NO_MATCHING_KEY") throw e
        if (untrusted && this.now() - (this.#loadedAt.get(jwksUri) ?? Number.NEGATIVE_INFINITY) < UNTRUSTED_REFETCH_MS)
          throw e
        return (await this.#load(jwksUri)).resolve(header, token)
      }
    }
  }

  #load(jwksUri: string): Promise<Keys> {
    const running = this.#inflight.get(jwksUri)
    if (running) return running
    const load = (async () => {
      const res = await this.fetch(jwksUri, { headers: { accept: "application/json" } })
      if (!res.ok) throw new Error(`jwks_uri answered HTTP ${res.status}`)
      const set = (await res.json()) as JSONWebKeySet
      const keys = { set, resolve: createLocalJWKSet(set) }
      this.keys.set(jwksUri, keys)
      this.#loadedAt.delete(jwksUri)
      this.#loadedAt.set(jwksUri, this.now())
      if (this.#loadedAt.size > this.maxEntries) this.#loadedAt.delete(this.#loadedAt.keys().next().value!)
      return keys
    })().finally(() => this.#inflight.delete(jwksUri))
    this.#inflight.set(jwksUri, load)
    return load
  }
}
