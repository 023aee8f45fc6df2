import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { expect, it } from "vitest"
import { makeConfig } from "../config/loadConfig.js"
import { OxdConfig } from "../config/OxdConfig.js"
import { Database } from "../store/Database.js"
import { describeEachStore, type StoreBackend } from "../test-support/storeBackends.js"
import { SITE_CACHE_MS, SiteStore, type NewSite } from "./SiteStore.js"

const layer = (database_url: string) => {
  const configLayer = OxdConfig.layer(makeConfig({ database_url, log_level: "error" }))
  // the Database too: a test writes as another instance on the same database would
  const store = SiteStore.layer.pipe(
    Layer.provideMerge(Layer.merge(Database.layer.pipe(Layer.provide(configLayer)), configLayer)),
  )
  // the TestClock below the store: its caches capture the clock they are built on
  return store.pipe(Layer.provideMerge(TestClock.layer()))
}

const runOn =
  (backend: StoreBackend) =>
  async <A, E>(effect: Effect.Effect<A, E, SiteStore | Database | TestClock.TestClock>) =>
    Effect.runPromise(effect.pipe(Effect.provide(layer(await backend.newUrl()))))

const site = (oxdId: string, over: Partial<NewSite> = {}): NewSite => ({
  oxdId,
  kind: "site",
  opHost: "https://op.example.org",
  opDiscoveryPath: null,
  clientId: `client-${oxdId}`,
  clientSecret: "secret",
  registrationAccessToken: "rat",
  registrationClientUri: "https://op.example.org/reg/1",
  clientIdIssuedAt: 1_700_000_000,
  clientSecretExpiresAt: 0,
  setupClientId: null,
  authorizationRedirectUri: "https://rp.example.org/cb",
  postLogoutRedirectUri: null,
  scope: ["openid", "profile"],
  acrValues: [],
  metadata: { response_types: ["code"], nested: { a: 1 } },
  lastIdToken: null,
  ...over,
})

describeEachStore("SiteStore", (backend) => {
  const run = runOn(backend)
  it("stores a site and reads it back, JSON columns included", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        yield* TestClock.setTime(1_000)
        const inserted = yield* sites.insert(site("a"))
        expect(inserted).toMatchObject({ oxdId: "a", createdAt: 1_000, updatedAt: 1_000 })
        const read = yield* sites.get("a")
        expect(read).toEqual({ ...site("a"), createdAt: 1_000, updatedAt: 1_000 })
      }),
    ))

  it("fails get of an unknown oxd_id with UnknownOxdId naming it", () =>
    run(
      Effect.gen(function* () {
        const e = yield* Effect.flip((yield* SiteStore).get("nope"))
        expect(e).toMatchObject({ _tag: "UnknownOxdId", oxd_id: "nope" })
        expect(e.message).toContain('oxd_id "nope"')
      }),
    ))

  it("treats an oxd_id or client_id with a NUL character as unknown, not as a store failure", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        expect((yield* Effect.flip(sites.get("a\u0000b")))._tag).toBe("UnknownOxdId")
        expect((yield* Effect.flip(sites.update("a\u0000b", { lastIdToken: "x" })))._tag).toBe("UnknownOxdId")
        expect(yield* sites.remove("a\u0000b")).toBe(false)
        expect(yield* sites.findSetup("https://op.example.org", "c\u0000")).toBeUndefined()
        expect(yield* sites.findSetup("https://op\u0000", "c")).toBeUndefined()
      }),
    ))

  it("updates only the patched fields and the update time", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        yield* TestClock.setTime(1_000)
        yield* sites.insert(site("b"))
        yield* TestClock.setTime(2_000)
        const updated = yield* sites.update("b", { lastIdToken: "header.payload.sig", scope: ["openid"] })
        expect(updated).toMatchObject({
          lastIdToken: "header.payload.sig",
          scope: ["openid"],
          createdAt: 1_000,
          updatedAt: 2_000,
          clientId: "client-b",
        })
        expect(yield* sites.get("b")).toEqual(updated)
      }),
    ))

  it("puts a login's ID token into the cached site without extending its life; other writes drop it", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        const { query } = yield* Database
        // a write of another instance on the same database: seen once the cached site's life ends
        const elsewhere = (patch: { scope: string[] }) => query("test", (rows) => rows.sites.update("d", patch))
        yield* TestClock.setTime(1_000)
        yield* sites.insert(site("d"))
        yield* sites.get("d")
        yield* elsewhere({ scope: ["openid", "elsewhere"] })
        yield* TestClock.setTime(2_000)
        yield* sites.update("d", { lastIdToken: "id.token.1" })
        const cached = sites.peek("d")
        expect(cached).toMatchObject({ lastIdToken: "id.token.1", updatedAt: 2_000, scope: ["openid", "profile"] })
        expect(yield* sites.get("d")).toEqual(cached)
        yield* TestClock.setTime(1_000 + SITE_CACHE_MS)
        expect(yield* sites.get("d")).toMatchObject({ lastIdToken: "id.token.1", scope: ["openid", "elsewhere"] })
        // any other patch drops the site: the next read is the database's
        yield* elsewhere({ scope: ["openid", "again"] })
        yield* sites.update("d", { lastIdToken: "id.token.2", postLogoutRedirectUri: "https://rp.example.org/bye" })
        expect(sites.peek("d")).toBeUndefined()
        expect(yield* sites.get("d")).toMatchObject({ lastIdToken: "id.token.2", scope: ["openid", "again"] })
      }),
    ))

  it("fails update of an unknown oxd_id with UnknownOxdId", () =>
    run(
      Effect.gen(function* () {
        const e = yield* Effect.flip((yield* SiteStore).update("ghost", { lastIdToken: "x" }))
        expect(e).toMatchObject({ _tag: "UnknownOxdId", oxd_id: "ghost" })
      }),
    ))

  it("removes a site: true once, false after, and get fails", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        yield* sites.insert(site("c"))
        expect(yield* sites.remove("c")).toBe(true)
        expect(yield* sites.remove("c")).toBe(false)
        expect((yield* Effect.flip(sites.get("c")))._tag).toBe("UnknownOxdId")
      }),
    ))

  it("refuses a second site with the same oxd_id", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        yield* sites.insert(site("d"))
        const e = yield* Effect.flip(sites.insert(site("d")))
        expect(e._tag).toBe("StoreFailed")
      }),
    ))

  it("finds a setup client by (OP, client_id), never an ordinary site with that client_id", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        yield* sites.insert(site("plain", { clientId: "shared-client" }))
        expect(yield* sites.findSetup("https://op.example.org", "shared-client")).toBeUndefined()
        yield* sites.insert(site("setup", { kind: "setup", clientId: "shared-client" }))
        expect((yield* sites.findSetup("https://op.example.org", "shared-client"))?.oxdId).toBe("setup")
        expect(yield* sites.findSetup("https://op.example.org", "other")).toBeUndefined()
        expect(yield* sites.findSetup("https://other-op.example.org", "shared-client")).toBeUndefined()
      }),
    ))

  // a rogue OP may register its caller under a client_id that a setup client at another OP already has
  for (const order of [
    ["victim", "rogue"],
    ["rogue", "victim"],
  ] as const) {
    it(`keeps two setup clients with one client_id at two OPs apart (${order.join(" first, then ")})`, () =>
      run(
        Effect.gen(function* () {
          const sites = yield* SiteStore
          const at = { victim: "https://op.example.org", rogue: "https://rogue.example.net" }
          for (const who of order)
            yield* sites.insert(site(who, { kind: "setup", opHost: at[who], clientId: "same-client" }))
          expect((yield* sites.findSetup(at.victim, "same-client"))?.oxdId).toBe("victim")
          expect((yield* sites.findSetup(at.rogue, "same-client"))?.oxdId).toBe("rogue")
          // cached lookups too
          expect(sites.peekSetup(at.victim, "same-client")?.oxdId).toBe("victim")
          expect(sites.peekSetup(at.rogue, "same-client")?.oxdId).toBe("rogue")
        }),
      ))
  }

  it("gives the newest setup client of an OP as latestSetup", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        expect(yield* sites.latestSetup("https://op.example.org")).toBeUndefined()
        yield* TestClock.setTime(1_000)
        yield* sites.insert(site("old-setup", { kind: "setup" }))
        yield* TestClock.setTime(3_000)
        yield* sites.insert(site("new-setup", { kind: "setup" }))
        yield* TestClock.setTime(5_000)
        yield* sites.insert(site("newest-but-plain"))
        yield* sites.insert(site("other-op-setup", { kind: "setup", opHost: "https://elsewhere.example.org" }))
        expect((yield* sites.latestSetup("https://op.example.org"))?.oxdId).toBe("new-setup")
        expect((yield* sites.latestSetup("https://elsewhere.example.org"))?.oxdId).toBe("other-op-setup")
      }),
    ))
})
