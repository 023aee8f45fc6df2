import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { getTableConfig as pgTableConfig, type PgTable } from "drizzle-orm/pg-core"
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core"
import {
  generateDrizzleJson,
  generateMigration,
  generateSQLiteDrizzleJson,
  generateSQLiteMigration,
} from "drizzle-kit/api"
import { describe, expect, it } from "vitest"
import { migrationsFolder, shippedMigrations } from "./Database.js"
import * as pgSchema from "./schema.pg.js"
import * as sqliteSchema from "./schema.js"

// The two dialects' schemas are kept by hand in step; these tests catch a table, column, index or migration that
// one of them lacks. (rows.ts checks at compile time that both infer the same row types.)

type Shape = Record<
  string,
  {
    columns: Record<string, { notNull: boolean; primary: boolean; default: boolean }>
    indexes: Record<string, string[]>
    primaryKeys: string[][]
  }
>

const shape = (
  configs: ReadonlyArray<{
    name: string
    columns: ReadonlyArray<{ name: string; notNull: boolean; primary: boolean; hasDefault: boolean }>
    indexes: ReadonlyArray<{ config: { name?: string; columns: ReadonlyArray<unknown> } }>
    primaryKeys: ReadonlyArray<{ columns: ReadonlyArray<{ name: string }> }>
  }>,
): Shape =>
  Object.fromEntries(
    configs.map((t) => [
      t.name,
      {
        columns: Object.fromEntries(
          t.columns.map((c) => [c.name, { notNull: c.notNull, primary: c.primary, default: c.hasDefault }]),
        ),
        indexes: Object.fromEntries(
          t.indexes.map((i) => [i.config.name ?? "?", i.config.columns.map((c) => (c as { name: string }).name)]),
        ),
        // composite keys (primaryKey({ columns })): a column's own primary flag does not show them
        primaryKeys: t.primaryKeys.map((k) => k.columns.map((c) => c.name)),
      },
    ]),
  )

const tables = <T>(schema: Record<string, unknown>) => Object.values(schema) as T[]

const lastSnapshot = (folder: string) => {
  const files = readdirSync(join(folder, "meta"))
    .filter((f) => f.endsWith("_snapshot.json"))
    .sort()
  return JSON.parse(readFileSync(join(folder, "meta", files.at(-1)!), "utf8")) as Record<string, unknown>
}

describe("the SQLite and PostgreSQL schemas", () => {
  it("have the same tables, columns (nullability, keys, defaults) and indexes", () => {
    const sqlite = shape(tables<SQLiteTable>(sqliteSchema).map(sqliteTableConfig))
    const pg = shape(tables<PgTable>(pgSchema).map(pgTableConfig))
    expect(Object.keys(sqlite).sort()).toEqual([
      "authorization_requests",
      "logout_sessions",
      "logout_token_jtis",
      "request_objects",
      "server_secrets",
      "sites",
      "token_subjects",
      "uma_resources",
    ])
    expect(pg).toEqual(sqlite)
  })

  it("are fully migrated: drizzle-kit would generate nothing new for either (pnpm db:generate after a change)", async () => {
    const sqliteNow = await generateSQLiteDrizzleJson(sqliteSchema)
    expect(await generateSQLiteMigration(lastSnapshot(migrationsFolder("sqlite")) as never, sqliteNow)).toEqual([])
    const pgNow = generateDrizzleJson(pgSchema)
    expect(await generateMigration(lastSnapshot(migrationsFolder("postgres")) as never, pgNow)).toEqual([])
  })

  it("ship a journal entry for every migration file, in both folders", () => {
    for (const dialect of ["sqlite", "postgres"] as const) {
      const folder = migrationsFolder(dialect)
      const sqlFiles = readdirSync(folder).filter((f) => f.endsWith(".sql"))
      expect(shippedMigrations(folder)).toHaveLength(sqlFiles.length)
    }
  })
})
