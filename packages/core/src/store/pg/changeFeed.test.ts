import { postgresAvailability, startPostgres, type RunningPostgres } from "@oxd/test-postgres"
import { Effect, Layer, ManagedRuntime } from "effect"
import pg from "pg"
import { eventually } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeConfig } from "../../config/loadConfig.js"
import { OxdConfig } from "../../config/OxdConfig.js"
import { ResourceStore } from "../../services/ResourceStore.js"
import { SiteStore, type NewSite } from "../../services/SiteStore.js"
import { Database } from "../Database.js"

const availability = postgresAvailability()
if (!availability.available) console.warn(`skipping the PostgreSQL change feed tests: ${availability.reason}`)

// An hour of cache: whatever an instance sees of another's write before that came through the change feed.
const instance = (database_url: string) => {
  const configLayer = OxdConfig.layer(makeConfig({ database_url, log_level: "error", site_cache_seconds: 3600 }))
  return ManagedRuntime.make(
    Layer.mergeAll(SiteStore.layer, ResourceStore.layer).pipe(
      Layer.provide(Layer.merge(Database.layer.pipe(Layer.provide(configLayer)), configLayer)),
    ),
  )
}

const site = (oxdId: string): NewSite => ({
  oxdId,
  kind: "site",
  opHost: "https://op.example.org",
  opDiscoveryPath: null,
  clientId: `client-${oxdId}`,
  clientSecret: "s",
  registrationAccessToken: null,
  registrationClientUri: null,
  clientIdIssuedAt: null,
  clientSecretExpiresAt: null,
  setupClientId: null,
  authorizationRedirectUri: "https://rp.example.org/cb",
  postLogoutRedirectUri: null,
  scope: ["openid"],
  acrValues: [],
  metadata: {},
  lastIdToken: null,
})

/** Asks until `read` gives `want` (the notification travels A → PostgreSQL → B); fails after 10 s with the last answer. */
const settles = <A>(read: () => Promise<A>, want: A) =>
  eventually(async () => {
    expect(await read()).toEqual(want)
    return true
  })

describe.skipIf(!availability.available)("the PostgreSQL change feed between two instances", () => {
  let server: RunningPostgres
  beforeAll(async () => {
    server = await startPostgres()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it("drops B's cached site and resources when A changes them, long before site_cache_seconds", async () => {
    const url = await server.createDatabase()
    const a = instance(url)
    const b = instance(url)
    try {
      await a.runPromise(SiteStore.use((s) => s.insert(site("x"))))
      const scopeOnB = () => b.runPromise(SiteStore.use((s) => s.get("x"))).then((r) => r.scope)
      const resourcesOnB = () =>
        b.runPromise(ResourceStore.use((r) => r.list("x"))).then((rows) => rows.map((r) => r.resourceId))
      expect(await scopeOnB()).toEqual(["openid"]) // cached on B for an hour
      expect(await resourcesOnB()).toEqual([])
      await a.runPromise(SiteStore.use((s) => s.update("x", { scope: ["openid", "email"] })))
      await settles(scopeOnB, ["openid", "email"])
      await a.runPromise(
        ResourceStore.use((r) =>
          r.replace("x", [
            {
              path: "/p",
              httpMethods: ["GET"],
              scopes: ["v"],
              ticketScopes: null,
              scopeExpression: null,
              resourceId: "r1",
            },
          ]),
        ),
      )
      await settles(resourcesOnB, ["r1"])
      await a.runPromise(SiteStore.use((s) => s.remove("x")))
      const gone = () =>
        b.runPromise(Effect.flip(SiteStore.use((s) => s.get("x")))).then(
          (e) => e._tag,
          () => "still there",
        )
      await settles(gone, "UnknownOxdId")
    } finally {
      await a.dispose()
      await b.dispose()
    }
  })

  it("forgets B's whole cache when its listening connection comes back: a change it missed meanwhile is seen", async () => {
    const url = await server.createDatabase()
    const b = instance(url)
    const sql = async (text: string) => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      try {
        return (await c.query(text)).rowCount
      } finally {
        await c.end()
      }
    }
    try {
      await b.runPromise(SiteStore.use((s) => s.insert(site("y"))))
      const scopeOnB = () => b.runPromise(SiteStore.use((s) => s.get("y"))).then((r) => r.scope)
      expect(await scopeOnB()).toEqual(["openid"])
      // B's LISTEN connection is cut, and the row changes behind every cache's back (no notification at all)
      await settles(() => sql("select 1 from pg_stat_activity where query ilike 'listen %'"), 1)
      expect(await sql("select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen %'")).toBe(1)
      await sql(`update sites set scope = '["openid","phone"]' where oxd_id = 'y'`)
      await settles(scopeOnB, ["openid", "phone"])
    } finally {
      await b.dispose()
    }
  })
})
