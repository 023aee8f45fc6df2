import { eq } from "drizzle-orm"
import { Clock, Context, Effect, Layer } from "effect"
import type { StoreFailed } from "../errors.js"
import { Database } from "../store/Database.js"
import { ReadCache } from "../store/ReadCache.js"
import { umaResources } from "../store/schema.js"
import { SITE_CACHE_MAX, SITE_CACHE_MS } from "./SiteStore.js"

export type ProtectedResource = typeof umaResources.$inferSelect
export type NewProtectedResource = Omit<ProtectedResource, "id" | "createdAt" | "oxdId">

/** The UMA resources each site protects: path, methods, scopes and the AS's resource id. */
export class ResourceStore extends Context.Service<ResourceStore, {
  list(oxdId: string): Effect.Effect<ReadonlyArray<ProtectedResource>, StoreFailed>
  /** The resource guarding `method` on `path`, if any. */
  find(oxdId: string, path: string, method: string): Effect.Effect<ProtectedResource | undefined, StoreFailed>
  /** Replaces all of a site's resources in one transaction. */
  replace(oxdId: string, resources: ReadonlyArray<NewProtectedResource>): Effect.Effect<void, StoreFailed>
}>()("@oxd/core/ResourceStore") {
  static readonly layer = Layer.effect(
    ResourceStore,
    Effect.gen(function* () {
      const { query } = yield* Database
      // a site's resources, kept as SiteStore keeps sites (uma_rs_check_access reads them on every call)
      const bySite = new ReadCache<ReadonlyArray<ProtectedResource>>(SITE_CACHE_MAX, SITE_CACHE_MS)
      const list = (oxdId: string) =>
        Effect.map(
          bySite.get(oxdId, query("read protected resources", (db) => db.select().from(umaResources).where(eq(umaResources.oxdId, oxdId)).all())),
          (rows) => rows ?? [],
        )
      return ResourceStore.of({
        list,
        find: (oxdId, path, method) =>
          Effect.map(list(oxdId), (rows) => rows.find((r) => r.path === path && r.httpMethods.includes(method.toUpperCase()))),
        replace: Effect.fn("ResourceStore.replace")(function* (oxdId, resources) {
          const now = yield* Clock.currentTimeMillis
          // one batch, not an interactive transaction: it runs on one connection without yielding, so no other
          // write of this process can interleave and meet a lock (a held transaction made them fail SQLITE_BUSY)
          yield* query("store protected resources", (db): Promise<unknown> => {
            const del = db.delete(umaResources).where(eq(umaResources.oxdId, oxdId))
            return resources.length > 0
              ? db.batch([del, db.insert(umaResources).values(resources.map((r) => ({ ...r, oxdId, createdAt: now })))])
              : del.run()
          }).pipe(Effect.ensuring(Effect.sync(() => bySite.delete(oxdId))))
        }),
      })
    }),
  )
}
