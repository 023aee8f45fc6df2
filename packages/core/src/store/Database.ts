import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Context, Effect, Layer, Option, type Scope } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"
import { StoreFailed } from "../errors.js"
import { atRestWarnings } from "./atRestWarnings.js"
import type { Change, Rows, StoreHandle } from "./rows.js"
import { openSqlite, type SqliteSynchronous } from "./sqlite/open.js"

export type Dialect = "sqlite" | "postgres"

/** `postgres:`/`postgresql:` → PostgreSQL; anything else (`file:`, `:memory:`, `libsql:`, `http(s):`, `ws(s):`) → libsql. */
export const dialectOf = (databaseUrl: string): Dialect =>
  /^postgres(ql)?:/i.test(databaseUrl) ? "postgres" : "sqlite"

/** Migrations ship beside src/ and dist/ (drizzle-kit output, committed), one folder per dialect. */
export const migrationsFolder = (dialect: Dialect) =>
  fileURLToPath(new URL(`../../drizzle/${dialect === "postgres" ? "pg" : "sqlite"}`, import.meta.url))

/** The `when` of every migration shipped (drizzle records it as the created_at of each one it applied). */
export const shippedMigrations = (folder: string): ReadonlyArray<number> =>
  (
    JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: Array<{ when: number }> }
  ).entries.map((e) => e.when)

export interface DatabaseStatus {
  readonly reachable: boolean
  readonly migrationsCurrent: boolean
}

const STATUS_TIMEOUT = "2 seconds"
const DOWN: DatabaseStatus = { reachable: false, migrationsCurrent: false }

/** Opens the store the URL names and applies its migrations. */
export const openStore = (
  databaseUrl: string,
  sqlite: { readonly synchronous?: SqliteSynchronous } = {},
): Promise<StoreHandle> => {
  const dialect = dialectOf(databaseUrl)
  return dialect === "postgres"
    ? // loaded only for PostgreSQL: pg and drizzle's pg-core are a tenth of a SQLite server's start-up
      import("./pg/open.js").then(({ openPostgres }) => openPostgres(databaseUrl, migrationsFolder(dialect)))
    : openSqlite(databaseUrl, migrationsFolder(dialect), sqlite)
}

/** The store's statements plus one way to run them: failures become StoreFailed naming the operation. */
export class Database extends Context.Service<
  Database,
  {
    readonly dialect: Dialect
    readonly rows: Rows
    query<A>(operation: string, f: (rows: Rows) => Promise<A>): Effect.Effect<A, StoreFailed>
    /**
     * For readiness: reachable = `SELECT 1` answered within 2 s; migrationsCurrent = the migrations applied to the
     * database are exactly the ones this build ships. Never fails.
     */
    readonly status: Effect.Effect<DatabaseStatus>
    /**
     * Follows the changes other instances write (PostgreSQL only; best effort): caches drop what changed at once.
     * Stops when the scope closes.
     */
    watch(listener: (change: Change) => void): Effect.Effect<void, never, Scope.Scope>
  }
>()("@oxd/core/Database") {
  static readonly layer = Layer.effect(
    Database,
    Effect.gen(function* () {
      const { database_url, secrets_encryption_key, sqlite_synchronous } = yield* OxdConfig
      const dialect = dialectOf(database_url)
      const store = yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: () => openStore(database_url, { synchronous: sqlite_synchronous }),
          catch: (cause) => new StoreFailed({ operation: "open database", cause }),
        }),
        (s) => Effect.promise(() => s.close().catch(() => {})),
      )
      for (const warning of atRestWarnings(database_url, secrets_encryption_key !== undefined))
        yield* Effect.logWarning(warning)
      const shipped = shippedMigrations(migrationsFolder(dialect))
      const status = Effect.tryPromise(async (): Promise<DatabaseStatus> => {
        await store.ping()
        const applied = await store.appliedMigrations().catch(() => undefined)
        return { reachable: true, migrationsCurrent: applied !== undefined && sameList(applied, shipped) }
      }).pipe(
        Effect.timeoutOption(STATUS_TIMEOUT),
        Effect.map(Option.getOrElse(() => DOWN)),
        Effect.catch(() => Effect.succeed(DOWN)),
      )
      return Database.of({
        dialect,
        rows: store.rows,
        status,
        watch: (listener) =>
          Effect.asVoid(
            Effect.acquireRelease(
              Effect.sync(() => store.watch(listener)),
              (stop) => Effect.sync(stop),
            ),
          ),
        query: (operation, f) =>
          Effect.tryPromise({ try: () => f(store.rows), catch: (cause) => new StoreFailed({ operation, cause }) }),
      })
    }),
  )
}

const sameList = (a: ReadonlyArray<number>, b: ReadonlyArray<number>) =>
  a.length === b.length && a.every((x, i) => x === b[i])
