import { postgresAvailability, startPostgres, type RunningPostgres } from "@oxd/test-postgres"
import { afterAll, describe, it } from "vitest"

export interface StoreBackend {
  readonly dialect: "sqlite" | "postgres"
  /** A fresh, empty database of this dialect. */
  newUrl(): Promise<string>
}

/** One throwaway PostgreSQL server per test file, started by the first test that needs it, stopped after the file. */
let server: Promise<RunningPostgres> | undefined
afterAll(async () => {
  if (server) await (await server).stop()
  server = undefined
})

/**
 * Declares the suite once per dialect: on SQLite (a fresh :memory: database per call of newUrl) and on PostgreSQL (the
 * file's throwaway server, a fresh database per call). Without PostgreSQL binaries the second is skipped with the
 * reason, except under CI=true where postgresAvailability() throws.
 */
export const describeEachStore = (title: string, body: (backend: StoreBackend) => void) => {
  describe(`${title} on SQLite`, () => body({ dialect: "sqlite", newUrl: () => Promise.resolve(":memory:") }))
  const pg = postgresAvailability()
  if (!pg.available) {
    describe(`${title} on PostgreSQL`, () => it.skip(`skipped: ${pg.reason}`, () => {}))
    return
  }
  describe(`${title} on PostgreSQL`, () => {
    body({ dialect: "postgres", newUrl: async () => (await (server ??= startPostgres())).createDatabase() })
  })
}
