import { Clock, Context, Effect, Layer } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"
import { StoreFailed, UnknownOxdId } from "../errors.js"
import { Database } from "../store/Database.js"
import { ExpiringCache } from "../cache/ExpiringCache.js"
import type { SiteRow } from "../store/rows.js"
import { makeSecretCipher, type SecretCipher } from "../store/secretCipher.js"

export type Site = SiteRow
export type NewSite = Omit<Site, "createdAt" | "updatedAt">
export type SitePatch = Partial<Omit<Site, "oxdId" | "kind" | "createdAt" | "updatedAt">>

/** The columns sealed at rest when secrets_encryption_key is set (secretCipher.ts). */
const SECRET_COLUMNS = ["clientSecret", "registrationAccessToken", "lastIdToken"] as const

/** A row as stored: its secret columns sealed (the row's oxd_id and the column are the associated data). */
const sealRow = <R extends Partial<Site>>(cipher: SecretCipher, oxdId: string, row: R): R => {
  if (!cipher.enabled) return row
  const out: Record<string, unknown> = { ...row }
  for (const c of SECRET_COLUMNS) {
    const v = out[c]
    if (typeof v === "string") out[c] = cipher.seal(v, `sites/${oxdId}/${c}`)
  }
  return out as R
}

/** The new ID token of a patch that writes nothing else (a login's), else undefined. */
const idTokenOnly = (patch: SitePatch): string | null | undefined => {
  let only: string | null | undefined
  for (const [k, v] of Object.entries(patch)) {
    if (k !== "lastIdToken") return undefined
    only = v as string | null | undefined
  }
  return only
}

/** A stored row as callers see it: secret columns opened (plaintext rows of before the key pass through). */
const openRow = (cipher: SecretCipher, row: Site): Effect.Effect<Site, StoreFailed> =>
  Effect.try({
    try: () => {
      const out: Record<string, unknown> = { ...row }
      for (const c of SECRET_COLUMNS) {
        const v = out[c]
        if (typeof v === "string") out[c] = cipher.open(v, `sites/${row.oxdId}/${c}`)
      }
      return out as Site
    },
    catch: (cause) => new StoreFailed({ operation: "decrypt site secrets", cause }),
  })
const openMaybe = (cipher: SecretCipher, row: Site | undefined) =>
  row ? openRow(cipher, row) : Effect.succeed(undefined)

/**
 * Sites read by the commands are kept in memory `site_cache_seconds` (default SITE_CACHE_MS), at most SITE_CACHE_MAX
 * of them: every command reads its site, and a database read costs far more than the rest of a cached
 * uma_rs_check_access. Writes through this process apply at once; a write by another process (another instance on
 * the same database) is seen within site_cache_seconds.
 */
export const SITE_CACHE_MS = 5_000
export const SITE_CACHE_MAX = 10_000
/** The pair as one cache key; the length prefix keeps it unambiguous whatever characters an OP puts in a client_id. */
const setupKey = (opHost: string, clientId: string) => `${opHost.length}:${opHost}${clientId}`

/** Sites one logout token may name (one client_id registered as several sites, by client_id and secret). */
const CLIENT_SITES_MAX = 20

export const siteCacheMs = (config: { readonly site_cache_seconds: number }) => config.site_cache_seconds * 1000

/** Registered sites and setup clients, keyed by oxd_id. Every write is committed before it returns. */
export class SiteStore extends Context.Service<
  SiteStore,
  {
    get(oxdId: string): Effect.Effect<Site, UnknownOxdId | StoreFailed>
    /** The site if it is in this instance's cache now (fresh), synchronously; undefined says nothing more. */
    peek(oxdId: string): Site | undefined
    /** A setup client by (OP, client_id), if cached now; as peek. */
    peekSetup(opHost: string, clientId: string): Site | undefined
    insert(site: NewSite): Effect.Effect<Site, StoreFailed>
    update(oxdId: string, patch: SitePatch): Effect.Effect<Site, UnknownOxdId | StoreFailed>
    remove(oxdId: string): Effect.Effect<boolean, StoreFailed>
    /**
     * The setup client registered at this OP with this client_id (a protection token names its client; only the OP
     * that issued it can say so, and another OP may hand out the same client_id).
     */
    findSetup(opHost: string, clientId: string): Effect.Effect<Site | undefined, StoreFailed>
    /** The newest setup client on an OP: it authenticates introspection of tokens not yet tied to a site. */
    latestSetup(opHost: string): Effect.Effect<Site | undefined, StoreFailed>
    /** The OPs that have a setup client here (identifying a protection token without an op_host). */
    setupOpHosts(): Effect.Effect<ReadonlyArray<string>, StoreFailed>
    /** The oxd_ids of the sites (and setup clients) of this client_id at one of these op_hosts (a logout token's iss and aud). */
    oxdIdsOfClient(opHosts: ReadonlyArray<string>, clientId: string): Effect.Effect<ReadonlyArray<string>, StoreFailed>
  }
>()("@oxd/core/SiteStore") {
  static readonly layer = Layer.effect(
    SiteStore,
    Effect.gen(function* () {
      const { query, watch } = yield* Database
      const config = yield* OxdConfig
      const cipher = makeSecretCipher(config.secrets_encryption_key)
      // rows are cached opened (decrypted once), and dropped after a write through this process touched them
      const byOxdId = yield* ExpiringCache.make<Site>({
        max: SITE_CACHE_MAX,
        ttlMs: siteCacheMs(config),
        name: "site",
        freeze: true,
      })
      const setupByOpClient = yield* ExpiringCache.make<Site>({
        max: SITE_CACHE_MAX,
        ttlMs: siteCacheMs(config),
        name: "site",
        freeze: true,
      })
      /** After a write (even a failed one): what it touched is read from the database again. */
      const written = (oxdId: string, kind?: Site["kind"]) =>
        Effect.sync(() => {
          byOxdId.delete(oxdId)
          if (kind !== "site") setupByOpClient.clear()
        })
      // a site written by another instance: dropped here at once (PostgreSQL), else it expires after site_cache_seconds
      yield* watch((change) => {
        if (change.table === "*") byOxdId.clear()
        else if (change.table === "sites") byOxdId.delete(change.oxdId)
        if (change.table !== "uma_resources") setupByOpClient.clear()
      })
      const get = (oxdId: string) =>
        byOxdId
          .get(
            oxdId,
            query("read site", (rows) => rows.sites.byOxdId(oxdId)).pipe(
              Effect.flatMap((row) => openMaybe(cipher, row)),
            ),
          )
          .pipe(Effect.flatMap((row) => (row ? Effect.succeed(row) : Effect.fail(new UnknownOxdId({ oxd_id: oxdId })))))
      return SiteStore.of({
        get,
        peek: (oxdId) => byOxdId.peek(oxdId),
        peekSetup: (opHost, clientId) => setupByOpClient.peek(setupKey(opHost, clientId)),
        insert: Effect.fnUntraced(function* (site: NewSite) {
          const now = yield* Clock.currentTimeMillis
          const row = { ...site, createdAt: now, updatedAt: now }
          yield* query("insert site", (rows) => rows.sites.insert(sealRow(cipher, site.oxdId, row))).pipe(
            Effect.ensuring(written(site.oxdId, site.kind)),
          )
          return row
        }),
        update: Effect.fnUntraced(function* (oxdId: string, patch: SitePatch) {
          const now = yield* Clock.currentTimeMillis
          const lastIdToken = idTokenOnly(patch)
          const row = yield* query("update site", (rows) =>
            rows.sites.update(oxdId, { ...sealRow(cipher, oxdId, patch), updatedAt: now }),
          ).pipe(
            Effect.onExit((exit) =>
              // every login writes its ID token: the cached site takes it rather than being read and opened again by
              // the next command (and the login URL's synchronous road, which needs a cached site, keeps answering)
              exit._tag === "Success" && exit.value?.kind === "site" && lastIdToken !== undefined
                ? Effect.sync(() => byOxdId.replace(oxdId, (s) => ({ ...s, lastIdToken, updatedAt: now })))
                : written(oxdId),
            ),
          )
          if (!row) return yield* new UnknownOxdId({ oxd_id: oxdId })
          return yield* openRow(cipher, row)
        }),
        oxdIdsOfClient: (opHosts, clientId) =>
          query("find the sites of a client", (rows) => rows.sites.oxdIdsOfClient(opHosts, clientId, CLIENT_SITES_MAX)),
        remove: Effect.fnUntraced(function* (oxdId: string) {
          return yield* query("remove site", (rows) => rows.sites.remove(oxdId)).pipe(Effect.ensuring(written(oxdId)))
        }),
        findSetup: (opHost, clientId) =>
          setupByOpClient.get(
            setupKey(opHost, clientId),
            query("find setup client", (rows) => rows.sites.setupAt(opHost, clientId)).pipe(
              Effect.flatMap((row) => openMaybe(cipher, row)),
            ),
          ),
        latestSetup: (opHost) =>
          query("find setup client", (rows) => rows.sites.latestSetup(opHost)).pipe(
            Effect.flatMap((row) => openMaybe(cipher, row)),
          ),
        setupOpHosts: () => query("list setup OPs", (rows) => rows.sites.setupOpHosts(16)),
      })
    }),
  )
}
