import { and, eq } from "drizzle-orm"
import { Clock, Context, Effect, Layer } from "effect"
import type { StoreFailed } from "../errors.js"
import { Database } from "../store/Database.js"
import { umaResources } from "../store/schema.js"

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
      return ResourceStore.of({
        list: (oxdId) => query("read protected resources", (db) => db.select().from(umaResources).where(eq(umaResources.oxdId, oxdId)).all()),
        find: (oxdId, path, method) =>
          Effect.map(
            query("find protected resource", (db) =>
              db.select().from(umaResources).where(and(eq(umaResources.oxdId, oxdId), eq(umaResources.path, path))).all()),
            (rows) => rows.find((r) => r.httpMethods.includes(method.toUpperCase())),
          ),
        replace: Effect.fn("ResourceStore.replace")(function* (oxdId, resources) {
          const now = yield* Clock.currentTimeMillis
          yield* query("store protected resources", (db) =>
            db.transaction(async (tx) => {
              await tx.delete(umaResources).where(eq(umaResources.oxdId, oxdId)).run()
              if (resources.length > 0) await tx.insert(umaResources).values(resources.map((r) => ({ ...r, oxdId, createdAt: now }))).run()
            }))
        }),
      })
    }),
  )
}
