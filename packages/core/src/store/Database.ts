import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { createClient } from "@libsql/client"
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql"
import { migrate } from "drizzle-orm/libsql/migrator"
import { Context, Effect, Layer } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"
import { StoreFailed } from "../errors.js"
import * as schema from "./schema.js"

export type Db = LibSQLDatabase<typeof schema>

/** Migrations ship beside src/ and dist/ (drizzle-kit output, committed). */
const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url))

/** How long a statement waits for another process's lock on the file before failing. */
const BUSY_TIMEOUT_MS = 5000

/** The drizzle handle plus one way to run a query: failures become StoreFailed naming the operation. */
export class Database extends Context.Service<Database, {
  readonly db: Db
  query<A>(operation: string, f: (db: Db) => Promise<A>): Effect.Effect<A, StoreFailed>
}>()("@oxd/core/Database") {
  static readonly layer = Layer.effect(
    Database,
    Effect.gen(function* () {
      const { database_url } = yield* OxdConfig
      const client = yield* Effect.acquireRelease(
        Effect.try({
          try: () => {
            if (database_url.startsWith("file:")) {
              const path = database_url.slice("file:".length)
              if (path && !path.startsWith(":")) mkdirSync(dirname(path), { recursive: true })
            }
            // timeout: the busy timeout of every connection the client opens (a PRAGMA reaches only one of its pool)
            return createClient({ url: database_url, timeout: BUSY_TIMEOUT_MS })
          },
          catch: (cause) => new StoreFailed({ operation: "open database", cause }),
        }),
        (c) => Effect.sync(() => c.close()),
      )
      const run = (operation: string, f: () => Promise<unknown>) =>
        Effect.tryPromise({ try: f, catch: (cause) => new StoreFailed({ operation, cause }) })
      if (database_url.startsWith("file:")) {
        // WAL lets readers run beside the writer; busy_timeout waits out a lock instead of failing at once
        yield* run("enable WAL", () => client.execute("PRAGMA journal_mode = WAL"))
        yield* run("set busy timeout", () => client.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`))
        yield* run("set synchronous", () => client.execute("PRAGMA synchronous = FULL"))
      }
      const db = drizzle(client, { schema })
      yield* run("apply migrations", () => migrate(db, { migrationsFolder }))
      return Database.of({
        db,
        query: (operation, f) =>
          Effect.tryPromise({ try: () => f(db), catch: (cause) => new StoreFailed({ operation, cause }) }),
      })
    }),
  )
}
