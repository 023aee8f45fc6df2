/**
 * Client secrets at rest: with secrets_encryption_key the SQLite files (database, WAL) never hold a client secret
 * or registration access token in clear; rows written before the key was set stay readable; a wrong key is a clear
 * failure, never a silent one.
 */
import { randomBytes } from "node:crypto"
import { mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createClient } from "@libsql/client"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../src/makeOxd.js"
import { call, failure, ok, oxdFor, REDIRECT_URI, registerSite, startOp } from "../support.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())

const KEY = randomBytes(32).toString("base64")
const dbIn = (dir: string) => `file:${join(dir, "oxd.db")}`
/** Every byte SQLite keeps for the database: the file, its WAL and shared memory. */
const filesOf = (dir: string) =>
  readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString("latin1"))
    .join("\n")

/** setup_client (a secret and a registration access token stored), then get_client_token and a protected register_site. */
const setupAndUse = async (oxd: Oxd) => {
  const setup = await ok<{
    setup_client_oxd_id: string
    client_id: string
    client_secret: string
    client_registration_access_token: string
  }>(call(oxd, "setup_client", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }))
  const { access_token } = await ok<{ access_token: string }>(
    call(oxd, "get_client_token", {
      op_host: op.issuer,
      client_id: setup.client_id,
      client_secret: setup.client_secret,
    }),
  )
  return { setup, token: access_token }
}
/** The stored secret is used: the guard introspects the protection token with the setup client's own secret. */
const protectedRegister = (oxd: Oxd, token: string) => registerSite(oxd, op, {}, { protectionToken: token })

const rawRow = async (dir: string, oxdId: string) => {
  const c = createClient({ url: dbIn(dir) })
  try {
    const r = await c.execute({
      sql: "select client_secret, registration_access_token from sites where oxd_id = ?",
      args: [oxdId],
    })
    return r.rows[0] as unknown as { client_secret: string | null; registration_access_token: string | null }
  } finally {
    c.close()
  }
}

describe("secrets_encryption_key", () => {
  it("keeps client secrets and registration access tokens out of the database files, and uses them transparently", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-enc-"))
    const oxd = oxdFor(op, {
      database_url: dbIn(dir),
      secrets_encryption_key: KEY,
      protect_commands_with_access_token: true,
    })
    const { setup, token } = await setupAndUse(oxd)
    await protectedRegister(oxd, token)
    const bytes = filesOf(dir)
    expect(bytes).not.toContain(setup.client_secret)
    expect(bytes).not.toContain(setup.client_registration_access_token)
    const row = await rawRow(dir, setup.setup_client_oxd_id)
    expect(row.client_secret).toMatch(/^enc:v1:/)
    expect(row.registration_access_token).toMatch(/^enc:v1:/)
    await oxd.dispose()
    // a restart with the same key reads them
    const again = oxdFor(op, {
      database_url: dbIn(dir),
      secrets_encryption_key: KEY,
      protect_commands_with_access_token: true,
    })
    await protectedRegister(again, token)
    await again.dispose()
  })

  it("reads rows written before the key was set; new rows are sealed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-enc-"))
    const before = oxdFor(op, { database_url: dbIn(dir), protect_commands_with_access_token: true })
    const old = await setupAndUse(before)
    await before.dispose()
    expect((await rawRow(dir, old.setup.setup_client_oxd_id)).client_secret).toBe(old.setup.client_secret)
    const after = oxdFor(op, {
      database_url: dbIn(dir),
      secrets_encryption_key: KEY,
      protect_commands_with_access_token: true,
    })
    await protectedRegister(after, old.token)
    const fresh = await setupAndUse(after)
    expect((await rawRow(dir, fresh.setup.setup_client_oxd_id)).client_secret).toMatch(/^enc:v1:/)
    await after.dispose()
  })

  it("a wrong key (or none) fails clearly, as internal_error, and does not crash the server", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-enc-"))
    const first = oxdFor(op, {
      database_url: dbIn(dir),
      secrets_encryption_key: KEY,
      protect_commands_with_access_token: true,
    })
    const { token } = await setupAndUse(first)
    await first.dispose()
    for (const key of [randomBytes(32).toString("base64"), undefined]) {
      const wrong = oxdFor(op, {
        database_url: dbIn(dir),
        protect_commands_with_access_token: true,
        ...(key ? { secrets_encryption_key: key } : {}),
      })
      const e = await failure(
        call(
          wrong,
          "register_site",
          { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI },
          { protectionToken: token },
        ),
      )
      expect(e).toMatchObject({ error: "internal_error", http: 500 })
      expect(e.error_description).not.toContain(KEY)
      expect(
        (await failure(call(wrong, "get_authorization_url", { oxd_id: "x" }, { protectionToken: token }))).error,
      ).toBe("invalid_oxd_id") // still serving
      await wrong.dispose()
    }
  })
})
