import { closeSync, mkdirSync, openSync } from "node:fs"
import { dirname } from "node:path"
import { createClient, type Client } from "@libsql/client"
import { drizzle } from "drizzle-orm/libsql"
import { migrate } from "drizzle-orm/libsql/migrator"
import type { StoreHandle } from "../rows.js"
import * as schema from "../schema.js"
import { sqliteRows } from "./rows.js"

/** How long a statement waits for another process's lock on the file before failing. */
export const BUSY_TIMEOUT_MS = 5000

/**
 * Two processes opening a new file at once both see no migration applied and both apply them: the second's
 * transaction fails (table exists) and rolls back. Trying again then finds them applied by the first.
 */
const migrateOnce = async (run: () => Promise<void>) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (e) {
      if (attempt >= 3) throw e
      await new Promise((r) => setTimeout(r, 50 * attempt))
    }
  }
}

/**
 * The file a `file:` URL names, as libsql reads it (no `//authority`, query or fragment; percent-decoded); undefined
 * for `:memory:` and for URLs that are not `file:`.
 */
export const sqliteFilePath = (url: string): string | undefined => {
  const m = /^file:(?:\/\/[^/?#]*)?([^?#]*)/.exec(url)
  const raw = m?.[1]
  if (!raw || raw.startsWith(":")) return undefined
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * A new database file is created here, mode 0600 in a directory made 0700, before libsql opens it: SQLite gives
 * the -wal and -shm files it makes the database file's mode, and the file holds client secrets, registration tokens
 * and the state key (plaintext without secrets_encryption_key). An existing file is left as it is (Database.ts
 * warns when others can read it).
 */
const createPrivately = (path: string) => {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  try {
    closeSync(openSync(path, "wx", 0o600))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
  }
}

export type SqliteSynchronous = "normal" | "full"

/**
 * Opens a SQLite file (`file:`, `:memory:`) or a libsql server (`libsql:`, `http(s):`, `ws(s):` — sqld, Turso) and
 * applies the migrations. A file runs in WAL mode with a busy timeout and `synchronous` (sqlite_synchronous), on one
 * connection.
 */
export const openSqlite = async (
  url: string,
  migrationsFolder: string,
  { synchronous = "full" }: { readonly synchronous?: SqliteSynchronous } = {},
): Promise<StoreHandle & { readonly client: Client }> => {
  const isFile = url.startsWith("file:")
  const path = sqliteFilePath(url)
  if (path) createPrivately(path)
  // One connection (concurrency 1): a PRAGMA holds for one connection, and the client opened more whenever statements
  // overlapped (an await apart), each on SQLite's defaults (synchronous FULL). Statements run synchronously on this
  // thread anyway, and the stores use no interactive transaction (rows.ts batches instead). timeout: its busy timeout.
  const client = createClient({ url, timeout: BUSY_TIMEOUT_MS, ...(isFile ? { concurrency: 1 } : {}) })
  try {
    if (isFile) {
      // WAL lets readers run beside the writer; busy_timeout waits out a lock instead of failing at once
      await client.execute("PRAGMA journal_mode = WAL")
      await client.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
      // normal: in WAL a commit is one write to the log, synced at checkpoints; every commit survives the process
      // dying, the last ones may not survive the machine losing power. full: one fsync per commit (~3 per login)
      await client.execute(`PRAGMA synchronous = ${synchronous === "full" ? "FULL" : "NORMAL"}`)
    }
    const db = drizzle(client, { schema })
    await migrateOnce(() => migrate(db, { migrationsFolder }))
    return {
      client,
      rows: sqliteRows(db),
      ping: async () => void (await client.execute("select 1")),
      appliedMigrations: async () =>
        (await client.execute("select created_at from __drizzle_migrations order by created_at")).rows.map((r) =>
          Number(r["created_at"]),
        ),
      close: async () => client.close(),
      watch: () => () => {},
    }
  } catch (e) {
    client.close()
    throw e
  }
}
