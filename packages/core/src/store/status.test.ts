import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createClient } from "@libsql/client"
import { postgresAvailability, startPostgres } from "@oxd/test-postgres"
import { Effect, Layer, ManagedRuntime } from "effect"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import { makeConfig } from "../config/loadConfig.js"
import { OxdConfig } from "../config/OxdConfig.js"
import { describeEachStore } from "../test-support/storeBackends.js"
import { Database, dialectOf } from "./Database.js"

const runtimeFor = (database_url: string) =>
  ManagedRuntime.make(
    Database.layer.pipe(Layer.provide(OxdConfig.layer(makeConfig({ database_url, log_level: "error" })))),
  )

const statusOf = (rt: ReturnType<typeof runtimeFor>) => rt.runPromise(Database.use((d) => d.status))

/** Runs one SQL statement beside the server, as an operator (or a rolled-back deploy) would. */
const execute = async (url: string, statement: string) => {
  if (dialectOf(url) === "sqlite") {
    const c = createClient({ url })
    try {
      await c.execute(statement)
    } finally {
      c.close()
    }
    return
  }
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(statement)
  } finally {
    await c.end()
  }
}

describe("dialectOf", () => {
  it("picks PostgreSQL for postgres: and postgresql: URLs, libsql for every other form", () => {
    expect(dialectOf("postgres://u:p@db:5432/oxd")).toBe("postgres")
    expect(dialectOf("postgresql://db/oxd?sslmode=require")).toBe("postgres")
    for (const url of [
      "file:.oxd/oxd.db",
      ":memory:",
      "libsql://db.turso.io",
      "http://127.0.0.1:8080",
      "https://x",
      "ws://x",
      "wss://x",
    ]) {
      expect(dialectOf(url)).toBe("sqlite")
    }
  })
})

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describeEachStore("Database.status", (backend) => {
  const url = async () => {
    if (backend.dialect === "postgres") return backend.newUrl()
    const dir = mkdtempSync(join(tmpdir(), "oxd-status-"))
    dirs.push(dir)
    return `file:${join(dir, "oxd.db")}`
  }

  it("is reachable with current migrations once opened", async () => {
    const rt = runtimeFor(await url())
    try {
      expect(await statusOf(rt)).toEqual({ reachable: true, migrationsCurrent: true })
    } finally {
      await rt.dispose()
    }
  })

  it("reports migrations not current when the database lacks one this build ships", async () => {
    const u = await url()
    const rt = runtimeFor(u)
    try {
      await statusOf(rt)
      const table = backend.dialect === "postgres" ? "drizzle.__drizzle_migrations" : "__drizzle_migrations"
      await execute(u, `delete from ${table} where created_at = (select max(created_at) from ${table})`)
      expect(await statusOf(rt)).toEqual({ reachable: true, migrationsCurrent: false })
    } finally {
      await rt.dispose()
    }
  })
})

const pgAvailable = postgresAvailability()
describe.skipIf(!pgAvailable.available)("Database.status on a PostgreSQL server that stops", () => {
  it("reports unreachable, without failing, once the server is gone", async () => {
    const server = await startPostgres()
    const rt = runtimeFor(await server.createDatabase())
    try {
      expect((await statusOf(rt)).reachable).toBe(true)
      await server.stop()
      expect(await statusOf(rt)).toEqual({ reachable: false, migrationsCurrent: false })
      // and a store call fails as StoreFailed, not as a crash
      const e = await rt.runPromise(
        Effect.flip(Database.use((d) => d.query("read site", (rows) => rows.sites.byOxdId("x")))),
      )
      expect(e._tag).toBe("StoreFailed")
    } finally {
      await rt.dispose()
      await server.stop()
    }
  })
})
