import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, ManagedRuntime } from "effect"
import { TestClock } from "effect/testing"
import { afterAll, describe, expect, it } from "vitest"
import { makeConfig } from "../config/loadConfig.js"
import { OxdConfig } from "../config/OxdConfig.js"
import { Database } from "../store/Database.js"
import { ResourceStore } from "./ResourceStore.js"
import { SITE_CACHE_MS, SiteStore, type NewSite } from "./SiteStore.js"

// The read caches of SiteStore and ResourceStore (issue #8): what a caller sees.

const stores = (database_url: string) => {
  const configLayer = OxdConfig.layer(makeConfig({ database_url, log_level: "error" }))
  const deps = Layer.merge(Database.layer.pipe(Layer.provide(configLayer)), configLayer)
  return Layer.merge(SiteStore.layer, ResourceStore.layer).pipe(Layer.provide(deps))
}
const run = <A, E>(effect: Effect.Effect<A, E, SiteStore | ResourceStore>, database_url = ":memory:") =>
  Effect.runPromise(effect.pipe(Effect.provide(stores(database_url))))

const site = (oxdId: string, over: Partial<NewSite> = {}): NewSite => ({
  oxdId,
  kind: "site",
  opHost: "https://op.example.org",
  opDiscoveryPath: null,
  clientId: `client-${oxdId}`,
  clientSecret: "secret",
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
  ...over,
})

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe("store read caches", () => {
  it("a write through this process is seen by the next read at once (update, remove)", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        yield* sites.insert(site("a"))
        expect((yield* sites.get("a")).authorizationRedirectUri).toBe("https://rp.example.org/cb")
        yield* sites.update("a", { authorizationRedirectUri: "https://rp.example.org/new" })
        expect((yield* sites.get("a")).authorizationRedirectUri).toBe("https://rp.example.org/new")
        yield* sites.remove("a")
        expect(yield* Effect.flip(sites.get("a"))).toMatchObject({ _tag: "UnknownOxdId" })
      }),
    ))

  it("a removed setup client no longer vouches for its sites", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        yield* sites.insert(site("setup-1", { kind: "setup", clientId: "setup-client" }))
        expect((yield* sites.findSetup("https://op.example.org", "setup-client"))?.oxdId).toBe("setup-1")
        yield* sites.remove("setup-1")
        expect(yield* sites.findSetup("https://op.example.org", "setup-client")).toBeUndefined()
      }),
    ))

  it("rows are shared read-only", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        yield* sites.insert(site("f"))
        expect(Object.isFrozen(yield* sites.get("f"))).toBe(true)
      }),
    ))

  it("replaced resources apply to the next check at once", () =>
    run(
      Effect.gen(function* () {
        const resources = yield* ResourceStore
        const r = (path: string, id: string) => ({
          path,
          httpMethods: ["GET"],
          scopes: ["view"],
          ticketScopes: null,
          scopeExpression: null,
          resourceId: id,
        })
        yield* resources.replace("s", [r("/photo", "rs-1")])
        expect((yield* resources.find("s", "/photo", "get"))?.resourceId).toBe("rs-1")
        yield* resources.replace("s", [r("/doc", "rs-2")])
        expect(yield* resources.find("s", "/photo", "GET")).toBeUndefined()
        expect((yield* resources.find("s", "/doc", "GET"))?.resourceId).toBe("rs-2")
      }),
    ))

  it("another process (another core on the same file) sees a write within SITE_CACHE_MS", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-cache-"))
    dirs.push(dir)
    const url = `file:${join(dir, "oxd.db")}`
    // two cores on one file, as two server processes would be: each its own runtime, its own caches (and clock)
    const one = ManagedRuntime.make(stores(url))
    const two = ManagedRuntime.make(stores(url).pipe(Layer.provideMerge(TestClock.layer())))
    try {
      await one.runPromise(SiteStore.use((s) => s.insert(site("x"))))
      const scopeSeenByTwo = () => two.runPromise(SiteStore.use((s) => s.get("x"))).then((r) => r.scope)
      expect(await scopeSeenByTwo()).toEqual(["openid"])
      await one.runPromise(SiteStore.use((s) => s.update("x", { scope: ["openid", "email"] })))
      expect(await scopeSeenByTwo()).toEqual(["openid"]) // still cached there
      await two.runPromise(TestClock.adjust(SITE_CACHE_MS))
      expect(await scopeSeenByTwo()).toEqual(["openid", "email"])
    } finally {
      await one.dispose()
      await two.dispose()
    }
  })
})
