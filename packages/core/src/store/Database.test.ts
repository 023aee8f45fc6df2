import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Client } from "@libsql/client"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { makeConfig } from "../config/loadConfig.js"
import { OxdConfig } from "../config/OxdConfig.js"
import { ResourceStore } from "../services/ResourceStore.js"
import { SiteStore, type NewSite } from "../services/SiteStore.js"
import { Database, migrationsFolder } from "./Database.js"
import { openSqlite } from "./sqlite/open.js"

const fileLayer = () => {
  const dir = mkdtempSync(join(tmpdir(), "oxd-db-"))
  const configLayer = OxdConfig.layer(makeConfig({ database_url: `file:${join(dir, "oxd.db")}`, log_level: "error" }))
  const db = Database.layer.pipe(Layer.provide(configLayer))
  const stores = Layer.mergeAll(SiteStore.layer, ResourceStore.layer).pipe(Layer.provide(Layer.merge(db, configLayer)))
  return Layer.merge(db, stores)
}
const run = <A, E>(effect: Effect.Effect<A, E, Database | SiteStore | ResourceStore>) =>
  Effect.runPromise(effect.pipe(Effect.provide(fileLayer())))

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

const pragmas = (client: Client) =>
  Effect.promise(async () => ({
    journal: (await client.execute("PRAGMA journal_mode")).rows[0]?.["journal_mode"],
    busy: (await client.execute("PRAGMA busy_timeout")).rows[0]?.["timeout"],
    synchronous: (await client.execute("PRAGMA synchronous")).rows[0]?.["synchronous"],
  }))

describe("Database on a file", () => {
  it("runs in WAL mode with a busy timeout and synchronous=FULL by default", () =>
    Effect.runPromise(
      Effect.gen(function* () {
        const dir = mkdtempSync(join(tmpdir(), "oxd-db-"))
        const store = yield* Effect.promise(() => openSqlite(`file:${join(dir, "oxd.db")}`, migrationsFolder("sqlite")))
        try {
          expect(yield* pragmas(store.client)).toEqual({ journal: "wal", busy: 5000, synchronous: 2 })
        } finally {
          yield* Effect.promise(() => store.close())
        }
      }),
    ))

  it("syncs the log at checkpoints only with sqlite_synchronous normal (synchronous=NORMAL), on its one connection, statements overlapping or not", () =>
    Effect.runPromise(
      Effect.gen(function* () {
        const dir = mkdtempSync(join(tmpdir(), "oxd-db-"))
        const store = yield* Effect.promise(() =>
          openSqlite(`file:${join(dir, "oxd.db")}`, migrationsFolder("sqlite"), { synchronous: "normal" }),
        )
        try {
          const expected = { journal: "wal", busy: 5000, synchronous: 1 }
          expect(yield* pragmas(store.client)).toEqual(expected)
          // statements an await apart: a pool opened a connection for each, on SQLite's defaults (synchronous FULL);
          // the store keeps one connection, so its PRAGMAs hold for every statement
          const overlapping = yield* Effect.all(
            Array.from({ length: 8 }, () => pragmas(store.client)),
            { concurrency: "unbounded" },
          )
          expect(overlapping).toEqual(Array.from({ length: 8 }, () => expected))
        } finally {
          yield* Effect.promise(() => store.close())
        }
      }),
    ))

  it("commits concurrent site writes and resource replacements without SQLITE_BUSY", () =>
    run(
      Effect.gen(function* () {
        const sites = yield* SiteStore
        const resources = yield* ResourceStore
        const n = 60
        yield* Effect.forEach(
          Array.from({ length: n }, (_, i) => i),
          (i) =>
            i % 2
              ? Effect.asVoid(sites.insert(site(`s-${i}`)))
              : resources.replace(`s-${i}`, [
                  {
                    path: "/a",
                    httpMethods: ["GET"],
                    scopes: ["read"],
                    ticketScopes: null,
                    scopeExpression: null,
                    resourceId: `r-${i}-1`,
                  },
                  {
                    path: "/b",
                    httpMethods: ["POST"],
                    scopes: ["write"],
                    ticketScopes: null,
                    scopeExpression: null,
                    resourceId: `r-${i}-2`,
                  },
                ]),
          { concurrency: "unbounded", discard: true },
        )
        for (let i = 0; i < n; i++) {
          if (i % 2) expect((yield* sites.get(`s-${i}`)).clientId).toBe(`client-s-${i}`)
          else expect(yield* resources.list(`s-${i}`)).toHaveLength(2)
        }
      }),
    ))
})
