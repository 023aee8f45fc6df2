import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { createClient } from "@libsql/client"
import { postgresAvailability, startPostgres } from "@oxd/test-postgres"
import { drizzle as drizzleSqlite } from "drizzle-orm/libsql"
import { migrate as migrateSqlite } from "drizzle-orm/libsql/migrator"
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres"
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import { RESOURCES_PER_SEEDED_SITE, seedSites } from "./seed.js"

// the store's own migrations (what the server applies at start), so the seed's column lists are checked against them
const migrations = (dialect: "sqlite" | "pg") =>
  fileURLToPath(new URL(`../../packages/core/drizzle/${dialect}`, import.meta.url))
const OP = "https://op.example"
const dir = mkdtempSync(join(tmpdir(), "oxd-bench-seed-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const counts = async (query: (sql: string) => Promise<number>) => ({
  sites: await query("SELECT count(*) AS n FROM sites WHERE kind = 'site'"),
  resources: await query("SELECT count(*) AS n FROM uma_resources"),
  distinctIds: await query("SELECT count(DISTINCT oxd_id) AS n FROM sites"),
  orphanResources: await query(
    "SELECT count(*) AS n FROM uma_resources r WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.oxd_id = r.oxd_id)",
  ),
})

describe("seedSites", () => {
  it("fills a migrated SQLite store up to the total, 10 resources per site, and adds nothing when it is reached", async () => {
    const url = `file:${join(dir, "seed.db")}`
    const client = createClient({ url })
    await migrateSqlite(drizzleSqlite(client), { migrationsFolder: migrations("sqlite") })
    const query = async (sql: string) => Number((await client.execute(sql)).rows[0]!["n"])
    const lines: string[] = []
    expect((await seedSites(url, 12_345, OP, (l) => lines.push(l))).added).toBe(12_345)
    expect(await counts(query)).toEqual({
      sites: 12_345,
      resources: 12_345 * RESOURCES_PER_SEEDED_SITE,
      distinctIds: 12_345,
      orphanResources: 0,
    })
    expect(lines.at(-1)).toContain("12345/12345 sites")
    expect((await seedSites(url, 12_000, OP)).added).toBe(0)
    expect((await seedSites(url, 12_350, OP)).added).toBe(5)
    const row = (await client.execute("SELECT op_host, scope, metadata FROM sites LIMIT 1")).rows[0]!
    expect(row["op_host"]).toBe(OP)
    expect(JSON.parse(String(row["scope"]))).toEqual(["openid", "uma_protection"])
    client.close()
  })

  const pgAvailable = postgresAvailability()
  it.skipIf(!pgAvailable.available)("does the same on a migrated PostgreSQL store", async () => {
    const server = await startPostgres()
    try {
      const url = await server.createDatabase("seed")
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        await migratePg(drizzlePg(client), { migrationsFolder: migrations("pg") })
        const query = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n)
        expect((await seedSites(url, 12_345, OP)).added).toBe(12_345)
        expect(await counts(query)).toEqual({
          sites: 12_345,
          resources: 12_345 * RESOURCES_PER_SEEDED_SITE,
          distinctIds: 12_345,
          orphanResources: 0,
        })
        expect((await seedSites(url, 12_345, OP)).added).toBe(0)
        const row = (await client.query("SELECT scope, metadata FROM sites LIMIT 1")).rows[0] as Record<string, unknown>
        expect(row["scope"]).toEqual(["openid", "uma_protection"])
      } finally {
        await client.end()
      }
    } finally {
      await server.stop()
    }
  })
})
