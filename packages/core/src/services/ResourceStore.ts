import { Clock, Context, Effect, Layer } from "effect"
import type { StoreFailed } from "../errors.js"
import { OxdConfig } from "../config/OxdConfig.js"
import { Database } from "../store/Database.js"
import { ExpiringCache } from "../cache/ExpiringCache.js"
import type { ResourceRow } from "../store/rows.js"
import { SITE_CACHE_MAX, siteCacheMs } from "./SiteStore.js"

export type ProtectedResource = ResourceRow
export type NewProtectedResource = Omit<ProtectedResource, "id" | "createdAt" | "oxdId">

/**
 * The resource guarding `method` (upper case; stored so) on `path` among a site's resources. The path matches in any
 * letter case, as the reference matches it (Rp.umaResource: equalsIgnoreCase): /Photo is guarded by /photo's rules.
 */
export const resourceFor = (
  rows: ReadonlyArray<ProtectedResource>,
  path: string,
  method: string,
): ProtectedResource | undefined => {
  const lower = path.toLowerCase()
  return rows.find(
    (r) => r.path.length === path.length && r.path.toLowerCase() === lower && r.httpMethods.includes(method),
  )
}

/** The UMA resources each site protects: path, methods, scopes and the AS's resource id. */
export class ResourceStore extends Context.Service<
  ResourceStore,
  {
    list(oxdId: string): Effect.Effect<ReadonlyArray<ProtectedResource>, StoreFailed>
    /** The resource guarding `method` on `path`, if any. */
    find(oxdId: string, path: string, method: string): Effect.Effect<ProtectedResource | undefined, StoreFailed>
    /** A site's resources if they are in this instance's cache now (fresh), synchronously; undefined says nothing more. */
    peek(oxdId: string): ReadonlyArray<ProtectedResource> | undefined
    /** Replaces all of a site's resources in one transaction. */
    replace(oxdId: string, resources: ReadonlyArray<NewProtectedResource>): Effect.Effect<void, StoreFailed>
  }
>()("@oxd/core/ResourceStore") {
  static readonly layer = Layer.effect(
    ResourceStore,
    Effect.gen(function* () {
      const { query, watch } = yield* Database
      const config = yield* OxdConfig
      // a site's resources, kept as SiteStore keeps sites (uma_rs_check_access reads them on every call)
      const bySite = yield* ExpiringCache.make<ReadonlyArray<ProtectedResource>>({
        max: SITE_CACHE_MAX,
        ttlMs: siteCacheMs(config),
        name: "uma_resources",
        freeze: true,
      })
      yield* watch((change) => {
        if (change.table === "*") bySite.clear()
        else if (change.table === "uma_resources") bySite.delete(change.oxdId)
      })
      const list = (oxdId: string) =>
        Effect.map(
          bySite.get(
            oxdId,
            query("read protected resources", (rows) => rows.resources.list(oxdId)),
          ),
          (rows) => rows ?? [],
        )
      return ResourceStore.of({
        list,
        find: (oxdId, path, method) => Effect.map(list(oxdId), (rows) => resourceFor(rows, path, method.toUpperCase())),
        peek: (oxdId) => bySite.peek(oxdId),
        replace: Effect.fnUntraced(function* (oxdId, resources) {
          const now = yield* Clock.currentTimeMillis
          // atomic on both dialects (SQLite: one batch; PostgreSQL: a transaction serialised per site)
          yield* query("store protected resources", (rows) =>
            rows.resources.replace(
              oxdId,
              resources.map((r) => ({ ...r, oxdId, createdAt: now })),
            ),
          ).pipe(Effect.ensuring(Effect.sync(() => bySite.delete(oxdId))))
        }),
      })
    }),
  )
}
