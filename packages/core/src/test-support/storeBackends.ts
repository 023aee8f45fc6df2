import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
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

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/**
 * A fresh database that several connections (instances, raw SQL) can share: a SQLite file in a temporary folder
 * (removed after the file's tests; in a folder that does not exist yet, as a first start finds it), or a new
 * PostgreSQL database.
 */
export const sharedUrl = async (backend: StoreBackend): Promise<string> => {
  if (backend.dialect === "postgres") return backend.newUrl()
  const dir = mkdtempSync(join(tmpdir(), "oxd-shared-"))
  dirs.push(dir)
  return `file:${join(dir, "nested", "oxd.db")}`
}
