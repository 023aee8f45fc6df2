import { Effect, Layer } from "effect"
import { SiteStore } from "../services/SiteStore.js"
import { Database } from "../store/Database.js"
import { MAX_KNOWN_OPS, type OxdMetrics } from "./metrics.js"

/** How often the OPs with sites are read from the store again (sites registered through other instances). */
export const REGISTERED_OPS_REFRESH_MS = 30_000

/**
 * Tells the metrics which OPs have a site or setup client here (OxdMetrics.registerOp), so only their origins become
 * `host` labels: all of them at start and every REGISTERED_OPS_REFRESH_MS (one `SELECT DISTINCT op_host`, served by
 * the sites_op_host_kind index, at most MAX_KNOWN_OPS rows), and each one at once when this instance stores a site.
 * Wraps the site store's layer: the metrics stay out of the store's code.
 */
export const withRegisteredOps =
  (metrics: OxdMetrics) =>
  <E, R>(siteStore: Layer.Layer<SiteStore, E, R>) =>
    Layer.effect(
      SiteStore,
      Effect.gen(function* () {
        const sites = yield* SiteStore
        const { query } = yield* Database
        const refresh = query("list the OPs with sites", (rows) => rows.sites.opHosts(MAX_KNOWN_OPS)).pipe(
          Effect.map((hosts) => {
            for (const h of hosts) metrics.registerOp(h)
          }),
          Effect.ignore,
        )
        yield* refresh
        // an unref'd timer: it never keeps a process alive by itself
        yield* Effect.acquireRelease(
          Effect.sync(() => setInterval(() => Effect.runFork(refresh), REGISTERED_OPS_REFRESH_MS).unref()),
          (timer) => Effect.sync(() => clearInterval(timer)),
        )
        return SiteStore.of({
          ...sites,
          insert: (site) =>
            sites.insert(site).pipe(Effect.tap(() => Effect.sync(() => metrics.registerOp(site.opHost)))),
        })
      }),
    ).pipe(Layer.provide(siteStore))
