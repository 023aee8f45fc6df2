/**
 * Hits and misses of core's caches, for `oxd_cache_requests_total{cache,result}`. Process-wide on purpose: the
 * caches live inside services that know nothing of metrics, and a plain counter bump costs them nothing.
 * `cache` names are constants in code (never input), so the label set stays small.
 */
export type CacheName = "site" | "discovery" | "jwks" | "protection" | "rpt" | "pat" | (string & {})

const counts = new Map<string, { hit: number; miss: number }>()

const entry = (cache: string) => {
  let e = counts.get(cache)
  if (!e) counts.set(cache, (e = { hit: 0, miss: 0 }))
  return e
}

/** Hits seen while held (a synchronous attempt that may be abandoned); undefined when counting directly. */
let held: CacheName[] | undefined

export const cacheStats = {
  hit(cache: CacheName): void {
    if (held) held.push(cache)
    else entry(cache).hit++
  },
  /**
   * Holds the hits of a synchronous attempt (answering on the synchronous road): counted by release(true), dropped by
   * release(false) when the attempt gives up and the ordinary path, which counts its own, runs instead.
   */
  hold(): void {
    held = []
  },
  release(count: boolean): void {
    const hits = held
    held = undefined
    if (count && hits) for (const h of hits) entry(h).hit++
  },
  miss(cache: CacheName): void {
    entry(cache).miss++
  },
  /** A copy of the counts so far, by cache name. */
  snapshot(): ReadonlyMap<string, { readonly hit: number; readonly miss: number }> {
    return new Map([...counts].map(([k, v]) => [k, { ...v }]))
  },
}
