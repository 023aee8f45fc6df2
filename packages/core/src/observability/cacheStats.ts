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

export const cacheStats = {
  hit(cache: CacheName): void {
    entry(cache).hit++
  },
  miss(cache: CacheName): void {
    entry(cache).miss++
  },
  /** A copy of the counts so far, by cache name. */
  snapshot(): ReadonlyMap<string, { readonly hit: number; readonly miss: number }> {
    return new Map([...counts].map(([k, v]) => [k, { ...v }]))
  },
}
