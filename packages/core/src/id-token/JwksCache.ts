import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from "jose"
import type { FetchFn } from "../services/OpFetch.js"
import { cacheStats } from "../observability/cacheStats.js"

const MAX_AGE_MS = 60 * 60 * 1000
/**
 * An unknown kid always triggers one refetch (concurrent ones share it): ID tokens come straight from the
 * OP's token endpoint over TLS, so a kid we do not know means the OP rotated, not that someone probes us.
 */

interface Entry { keys: JWTVerifyGetKey; fetchedAt: number; inflight?: Promise<JWTVerifyGetKey> | undefined }

/** The OPs' signing keys by jwks_uri: bounded, expiring, refetched on a kid it does not know (key rotation). */
export class JwksCache {
  readonly #entries = new Map<string, Entry>()
  constructor(private readonly fetch: FetchFn, private readonly maxEntries = 256) {}

  /** A jose key resolver for one OP. */
  resolver(jwksUri: string): JWTVerifyGetKey {
    return async (header, token) => {
      let entry = this.#entries.get(jwksUri)
      if (!entry || Date.now() - entry.fetchedAt > MAX_AGE_MS) {
        cacheStats.miss("jwks")
        entry = await this.#load(jwksUri)
      } else cacheStats.hit("jwks")
      try {
        return await entry.keys(header, token)
      } catch (e) {
        if ((e as { code?: string }).code !== "ERR_JWKS_NO_MATCHING_KEY") throw e
        return (await this.#load(jwksUri)).keys(header, token)
      }
    }
  }

  async #load(jwksUri: string): Promise<Entry> {
    const current = this.#entries.get(jwksUri)
    if (current?.inflight) return { ...current, keys: await current.inflight }
    const inflight = (async () => {
      const res = await this.fetch(jwksUri, { headers: { accept: "application/json" } })
      if (!res.ok) throw new Error(`jwks_uri answered HTTP ${res.status}`)
      return createLocalJWKSet((await res.json()) as JSONWebKeySet)
    })()
    if (current) current.inflight = inflight
    try {
      const keys = await inflight
      const entry = { keys, fetchedAt: Date.now() }
      this.#entries.delete(jwksUri)
      this.#entries.set(jwksUri, entry)
      if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!)
      return entry
    } finally {
      if (current) current.inflight = undefined
    }
  }
}
