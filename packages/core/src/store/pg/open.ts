import { drizzle } from "drizzle-orm/node-postgres"
import { migrate } from "drizzle-orm/node-postgres/migrator"
import pg from "pg"
import type { StoreHandle } from "../rows.js"
import * as schema from "../schema.pg.js"
import { pgChangeFeed } from "./changeFeed.js"
import { pgRows } from "./rows.js"

/** Connections per instance: commands are short statements; most time goes to the OP, not the database. */
const POOL_MAX = 10
/** A connection that cannot be had (server down, pool exhausted) fails the statement after this, not never. */
const CONNECT_TIMEOUT_MS = 5000
/** A statement unanswered this long fails (StoreFailed) instead of holding its command: a partitioned or hung server. */
const QUERY_TIMEOUT_MS = 10_000
/** Any key: instances starting at once on one database take turns applying the migrations. */
const MIGRATION_LOCK = 0x6f7864

/** Opens a PostgreSQL database (`postgres://user:pass@host:port/db`, libpq query options such as sslmode) and migrates it. */
export const openPostgres = async (url: string, migrationsFolder: string): Promise<StoreHandle> => {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_MAX,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
  })
  // an idle connection dropped by the server (restart, failover) must not crash the process: the pool replaces it
  pool.on("error", () => {})
  try {
    const client = await pool.connect()
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK])
      try {
        await migrate(drizzle(client, { schema }), { migrationsFolder })
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK])
      }
    } finally {
      client.release()
    }
    const feed = pgChangeFeed(url, pool)
    await feed.start()
    return {
      rows: pgRows(drizzle(pool, { schema }), feed.notify),
      watch: feed.watch,
      ping: async () => void (await pool.query("select 1")),
      appliedMigrations: async () =>
        (
          await pool.query<{ created_at: string }>(
            "select created_at from drizzle.__drizzle_migrations order by created_at",
          )
        ).rows.map((r) => Number(r.created_at)),
      close: async () => {
        await feed.close()
        await pool.end()
      },
    }
  } catch (e) {
    await pool.end().catch(() => {})
    throw e
  }
}
