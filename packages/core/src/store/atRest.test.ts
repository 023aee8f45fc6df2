/**
 * A SQLite file store at rest: the files that hold client secrets, registration tokens and the state key are the
 * owner's alone (0600, in a directory made 0700) even under a permissive umask, and the operator is told at start
 * when they are kept in plaintext or readable by others.
 */
import { chmodSync, mkdtempSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createClient } from "@libsql/client"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { makeConfig } from "../config/loadConfig.js"
import type { Config } from "../config/OxdConfig.js"
import { makeOxd } from "../makeOxd.js"
import { logSink } from "../observability/logSink.js"
import { migrationsFolder } from "./Database.js"
import { openSqlite, sqliteFilePath } from "./sqlite/open.js"

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8).padStart(4, "0")

let umask: number
beforeEach(() => {
  umask = process.umask(0o022)
})
afterEach(() => {
  process.umask(umask)
  vi.restoreAllMocks()
})

describe("the SQLite file store at rest", () => {
  it("creates the database file, its -wal and -shm 0600 in directories it makes 0700, under umask 022", async () => {
    const root = mkdtempSync(join(tmpdir(), "oxd-at-rest-"))
    // the control: libsql left to itself makes them 0644 under this umask
    const bare = createClient({ url: `file:${join(root, "bare.db")}` })
    await bare.execute("PRAGMA journal_mode = WAL")
    await bare.execute("create table t (x)")
    expect([
      modeOf(join(root, "bare.db")),
      modeOf(join(root, "bare.db-wal")),
      modeOf(join(root, "bare.db-shm")),
    ]).toEqual(["0644", "0644", "0644"])
    bare.close()

    const db = join(root, "state", "oxd", "oxd.db")
    const store = await openSqlite(`file:${db}`, migrationsFolder("sqlite"))
    try {
      // a write after the migrations: the WAL holds rows now
      await store.rows.secrets.insertIfAbsent({
        name: "at-rest-test",
        value: "plaintext secret",
        createdAt: Date.now(),
      })
      expect({ db: modeOf(db), wal: modeOf(`${db}-wal`), shm: modeOf(`${db}-shm`) }).toEqual({
        db: "0600",
        wal: "0600",
        shm: "0600",
      })
      expect(statSync(`${db}-wal`).size).toBeGreaterThan(0)
      expect({ state: modeOf(join(root, "state")), oxd: modeOf(join(root, "state", "oxd")) }).toEqual({
        state: "0700",
        oxd: "0700",
      })
    } finally {
      await store.close()
    }
  })

  it("reads the path of a file: URL as libsql does", () => {
    expect(sqliteFilePath("file:.oxd/oxd.db")).toBe(".oxd/oxd.db")
    expect(sqliteFilePath("file:///var/lib/oxd/oxd.db")).toBe("/var/lib/oxd/oxd.db")
    expect(sqliteFilePath("file:/var/lib/oxd%20ts/oxd.db?mode=rwc")).toBe("/var/lib/oxd ts/oxd.db")
    expect(sqliteFilePath(":memory:")).toBeUndefined()
    expect(sqliteFilePath("file::memory:")).toBeUndefined()
    expect(sqliteFilePath("libsql://db.example.org")).toBeUndefined()
  })
})

describe("warnings at start", () => {
  /** The WARN lines a core writes while it starts on `config` (JSON logs, captured at the sink). */
  const startWarnings = async (config: Partial<Config>): Promise<string[]> => {
    const lines: string[] = []
    vi.spyOn(logSink, "write").mockImplementation((text: string) => void lines.push(text))
    const oxd = makeOxd(makeConfig({ log_format: "json", log_level: "info", ...config }))
    await oxd.ready()
    await oxd.dispose()
    vi.restoreAllMocks()
    return lines
      .flatMap((l) => l.split("\n"))
      .map((l) => JSON.parse(l) as { level: string; msg: string })
      .filter((l) => l.level === "WARN")
      .map((l) => l.msg)
  }
  const fileUrl = () => `file:${join(mkdtempSync(join(tmpdir(), "oxd-at-rest-")), "oxd.db")}`

  it("says once to set secrets_encryption_key when a file database keeps secrets in plaintext", async () => {
    const url = fileUrl()
    const warnings = await startWarnings({ database_url: url })
    expect(warnings).toEqual([expect.stringContaining(`The database file ${sqliteFilePath(url)} keeps client secrets`)])
    expect(warnings[0]).toContain("set secrets_encryption_key")
  })

  it("says nothing with secrets_encryption_key set, nor for an in-memory store", async () => {
    expect(
      await startWarnings({ database_url: fileUrl(), secrets_encryption_key: "a passphrase of sixteen+ characters" }),
    ).toEqual([])
    expect(await startWarnings({ database_url: ":memory:" })).toEqual([])
  })

  it("says to chmod 600 a database file others can read (made before files were created 0600)", async () => {
    const url = fileUrl()
    const path = sqliteFilePath(url)!
    await startWarnings({ database_url: url, secrets_encryption_key: "a passphrase of sixteen+ characters" })
    chmodSync(path, 0o644)
    const warnings = await startWarnings({
      database_url: url,
      secrets_encryption_key: "a passphrase of sixteen+ characters",
    })
    expect(warnings).toEqual([
      `Other users of this machine can read the database: ${path} (mode 0644). Run chmod 600 on the database file and its -wal and -shm files.`,
    ])
  })
})
