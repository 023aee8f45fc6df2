import { Effect } from "effect"
import { handler as removeSiteHandler } from "../commands/remove-site/handler.js"
import { opClientOf } from "../commands/_shared/siteClient.js"
import { OxdConfig } from "../config/OxdConfig.js"
import { normalizeOpHost } from "../services/opHosts/opHost.js"
import { OpenIdProvider } from "../services/OpenIdProvider.js"
import { ResourceStore } from "../services/ResourceStore.js"
import { SiteStore } from "../services/SiteStore.js"
import { Database } from "../store/Database.js"
import { siteDetail, siteView } from "./siteView.js"

/** Sites listed at most: an operator's listing, not an export; more is a sign to page with SQL. */
export const SITES_LIST_MAX = 10_000

/** Every site and setup client, oldest first, as SiteViews (no secret). Read from the database, not the cache. */
export const listSites = Database.use((db) => db.query("list sites", (rows) => rows.sites.list(SITES_LIST_MAX))).pipe(
  Effect.map((rows) => rows.map(siteView)),
)

/** One site with its UMA resources; undefined when no site has that oxd_id. */
export const showSite = (oxdId: string) =>
  Effect.gen(function* () {
    const row = yield* Database.use((db) => db.query("read site", (rows) => rows.sites.byOxdId(oxdId)))
    if (!row) return undefined
    const resources = yield* ResourceStore.use((r) => r.list(oxdId))
    return siteDetail(row, resources)
  })

/**
 * Removes a site as remove_site does (caches dropped, site_removed published) but without a protection token: the
 * operator is trusted by holding the admin token or the machine. false when there was no such site.
 */
export const removeSite = (oxdId: string) =>
  removeSiteHandler({ oxd_id: oxdId }).pipe(
    Effect.as(true),
    Effect.catchTag("UnknownOxdId", () => Effect.succeed(false)),
    Effect.catchTag("RemoveSiteFailed", () => Effect.succeed(false)),
  )

/** The OPs this server talks to: default_op_host and every op_host of a stored site or setup client. */
export const usedOpHosts = Effect.gen(function* () {
  const config = yield* OxdConfig
  const stored = yield* Database.use((db) => db.query("list the OPs with sites", (rows) => rows.sites.opHosts(1000)))
  const all = [...(config.default_op_host ? [normalizeOpHost(config.default_op_host)] : []), ...stored]
  return [...new Set(all)]
})

export type ProtectionCheck =
  | { readonly status: "ok"; readonly setup_oxd_id: string; readonly client_id: string; readonly scope: string }
  | { readonly status: "no_setup_client" }
  | {
      readonly status: "failed"
      readonly setup_oxd_id: string
      readonly client_id: string
      readonly error: string
      readonly detail: string
    }

/**
 * Whether the newest setup client at this OP can get a token with a protection scope (what get_client_token does for
 * an oxd 3.1 setup): client credentials with openid and protection_scope; the answer must carry one of them.
 */
export const protectionCheck = (opHost: string) =>
  Effect.gen(function* () {
    const config = yield* OxdConfig
    const setup = yield* SiteStore.use((s) => s.latestSetup(normalizeOpHost(opHost)))
    if (!setup) return { status: "no_setup_client" } satisfies ProtectionCheck as ProtectionCheck
    const base = { setup_oxd_id: setup.oxdId, client_id: setup.clientId }
    return yield* OpenIdProvider.use((op) =>
      op.clientCredentials(opClientOf(setup), [...new Set(["openid", ...config.protection_scope])]),
    ).pipe(
      Effect.map((tokens): ProtectionCheck => {
        // an OP that answers no scope granted what was asked (RFC 6749 §5.1)
        const granted = tokens.scope === undefined ? config.protection_scope : tokens.scope.split(" ")
        const protection = config.protection_scope.filter((s) => granted.includes(s))
        return protection.length > 0
          ? { status: "ok", ...base, scope: protection.join(" ") }
          : {
              status: "failed",
              ...base,
              error: "no_protection_scope",
              detail: `the token carries ${tokens.scope ?? "no scope"}, none of ${config.protection_scope.join(", ")}`,
            }
      }),
      Effect.catch((e: { readonly _tag: string; readonly message?: string }) =>
        Effect.succeed<ProtectionCheck>({ status: "failed", ...base, error: e._tag, detail: e.message ?? e._tag }),
      ),
    )
  })
