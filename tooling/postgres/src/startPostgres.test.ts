import { existsSync } from "node:fs"
import { connect } from "node:net"
import pg from "pg"
import { describe, expect, it } from "vitest"
import { postgresAvailability, startPostgres } from "./index.js"

const availability = postgresAvailability()
if (!availability.available) console.warn(`skipping the PostgreSQL harness tests: ${availability.reason}`)

const query = async (url: string, text: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1")
    s.once("connect", () => (s.destroy(), resolve(true)))
    s.once("error", () => resolve(false))
  })

describe.skipIf(!availability.available)("startPostgres", () => {
  it("serves separate databases on a loopback port, and stop() shuts it down and removes its folder", async () => {
    const server = await startPostgres()
    try {
      const a = await server.createDatabase()
      const b = await server.createDatabase()
      await query(a, "create table t (x int)")
      await query(a, "insert into t values (42)")
      expect(await query(a, "select x from t")).toEqual([{ x: 42 }])
      await expect(query(b, "select x from t")).rejects.toThrow(/does not exist/)
      const [{ dir }] = (await query(server.url, "select current_setting('data_directory') as dir")) as [
        { dir: string },
      ]
      expect(existsSync(dir)).toBe(true)
      await server.stop()
      expect(existsSync(dir)).toBe(false)
      expect(await portOpen(server.port)).toBe(false)
    } finally {
      await server.stop()
    }
  })
})
