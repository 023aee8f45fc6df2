import { and, desc, eq } from "drizzle-orm"
import { Clock, Context, Effect, Layer } from "effect"
import { type StoreFailed, UnknownOxdId } from "../errors.js"
import { Database } from "../store/Database.js"
import { sites } from "../store/schema.js"

export type Site = typeof sites.$inferSelect
export type NewSite = Omit<Site, "createdAt" | "updatedAt">
export type SitePatch = Partial<Omit<Site, "oxdId" | "kind" | "createdAt" | "updatedAt">>

/** Registered sites and setup clients, keyed by oxd_id. Every write is committed before it returns. */
export class SiteStore extends Context.Service<SiteStore, {
  get(oxdId: string): Effect.Effect<Site, UnknownOxdId | StoreFailed>
  insert(site: NewSite): Effect.Effect<Site, StoreFailed>
  update(oxdId: string, patch: SitePatch): Effect.Effect<Site, UnknownOxdId | StoreFailed>
  remove(oxdId: string): Effect.Effect<boolean, StoreFailed>
  /** The setup client with this client_id (protection tokens name their client). */
  findSetupByClientId(clientId: string): Effect.Effect<Site | undefined, StoreFailed>
  /** The newest setup client on an OP: it authenticates introspection of tokens not yet tied to a site. */
  latestSetup(opHost: string): Effect.Effect<Site | undefined, StoreFailed>
  /** The OPs that have a setup client here (identifying a protection token without an op_host). */
  setupOpHosts(): Effect.Effect<ReadonlyArray<string>, StoreFailed>
}>()("@oxd/core/SiteStore") {
  static readonly layer = Layer.effect(
    SiteStore,
    Effect.gen(function* () {
      const { query } = yield* Database
      const get = Effect.fn("SiteStore.get")(function* (oxdId: string) {
        const row = yield* query("read site", (db) => db.select().from(sites).where(eq(sites.oxdId, oxdId)).get())
        if (!row) return yield* new UnknownOxdId({ oxd_id: oxdId })
        return row
      })
      return SiteStore.of({
        get,
        insert: Effect.fn("SiteStore.insert")(function* (site: NewSite) {
          const now = yield* Clock.currentTimeMillis
          const row = { ...site, createdAt: now, updatedAt: now }
          yield* query("insert site", (db) => db.insert(sites).values(row).run())
          return row
        }),
        update: Effect.fn("SiteStore.update")(function* (oxdId: string, patch: SitePatch) {
          const now = yield* Clock.currentTimeMillis
          const row = yield* query("update site", (db) =>
            db.update(sites).set({ ...patch, updatedAt: now }).where(eq(sites.oxdId, oxdId)).returning().get())
          if (!row) return yield* new UnknownOxdId({ oxd_id: oxdId })
          return row
        }),
        remove: Effect.fn("SiteStore.remove")(function* (oxdId: string) {
          const r = yield* query("remove site", (db) => db.delete(sites).where(eq(sites.oxdId, oxdId)).run())
          return r.rowsAffected > 0
        }),
        findSetupByClientId: (clientId) =>
          query("find setup client", (db) =>
            db.select().from(sites).where(and(eq(sites.clientId, clientId), eq(sites.kind, "setup"))).get()),
        latestSetup: (opHost) =>
          query("find setup client", (db) =>
            db.select().from(sites).where(and(eq(sites.opHost, opHost), eq(sites.kind, "setup")))
              .orderBy(desc(sites.createdAt)).limit(1).get()),
        setupOpHosts: () =>
          query("list setup OPs", (db) =>
            db.selectDistinct({ opHost: sites.opHost }).from(sites).where(eq(sites.kind, "setup")).limit(16).all()).pipe(
            Effect.map((rows) => rows.map((r) => r.opHost)),
          ),
      })
    }),
  )
}
