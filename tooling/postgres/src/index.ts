import { spawn, type ChildProcess } from "node:child_process"
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freePort } from "@oxd/testkit"
import pg from "pg"

export interface RunningPostgres {
  /** `postgres://oxd@127.0.0.1:<port>/postgres` (trust auth, loopback only). */
  readonly url: string
  readonly port: number
  /** Creates an empty database and returns its URL: one per test keeps tests apart on one server. */
  createDatabase(name?: string): Promise<string>
  /** Fast shutdown, then the temporary folder is removed. Safe to call twice. */
  stop(): Promise<void>
}

/** Where initdb and postgres are: OXD_PG_BIN, else the newest /usr/lib/postgresql/<n>/bin (Debian's package). */
export const findPostgresBin = (): string | undefined => {
  const fromEnv = process.env["OXD_PG_BIN"]
  if (fromEnv) return hasBinaries(fromEnv) ? fromEnv : undefined
  const root = "/usr/lib/postgresql"
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
  return versions.map((v) => join(root, v, "bin")).find(hasBinaries)
}

const hasBinaries = (dir: string) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres"))

/**
 * Whether tests needing PostgreSQL can run. Without the binaries: under CI=true this throws (CI installs them, so
 * their absence is a broken CI, not a reason to skip); elsewhere it returns the reason to print with the skip.
 */
export const postgresAvailability = ():
  { readonly available: true } | { readonly available: false; readonly reason: string } => {
  if (findPostgresBin()) return { available: true }
  const reason =
    "PostgreSQL binaries not found (apt-get install postgresql, or set OXD_PG_BIN to the folder of initdb and postgres)"
  if (process.env["CI"] === "true") throw new Error(`${reason}: required under CI=true`)
  return { available: false, reason }
}

/** initdb refuses to run as root: as root the server runs as the `postgres` user (Debian's package makes it), else nobody. */
const serverUser = (): { uid: number; gid: number } | undefined => {
  if (process.getuid?.() !== 0) return undefined
  const passwd = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .map((l) => l.split(":"))
  const entry = passwd.find((f) => f[0] === "postgres") ?? passwd.find((f) => f[0] === "nobody")
  if (!entry) throw new Error("running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as")
  return { uid: Number(entry[2]), gid: Number(entry[3]) }
}

const run = (cmd: string, args: ReadonlyArray<string>, user: { uid: number; gid: number } | undefined) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"], ...user })
    let err = ""
    child.stderr.on("data", (d: Buffer) => (err += d.toString()))
    child.once("error", reject)
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${err.slice(-2000)}`)),
    )
  })

/** Resolves once the server answers `select 1`; rejects when it exits first or does not answer in time. */
const waitReady = async (server: ChildProcess, url: string, timeoutMs: number, log: () => string) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null)
      throw new Error(`postgres exited (${server.exitCode ?? server.signalCode}): ${log()}`)
    const client = new pg.Client({ connectionString: url })
    client.on("error", () => {})
    try {
      await client.connect()
      await client.query("select 1")
      await client.end()
      return
    } catch (e) {
      await client.end().catch(() => {})
      if (Date.now() > deadline)
        throw new Error(`postgres did not accept connections in time: ${String(e)}\n${log()}`, { cause: e })
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  )

/**
 * Starts a PostgreSQL server for tests: a fresh cluster in a temporary folder, trust authentication for user `oxd`,
 * listening on 127.0.0.1 at a free port with its socket in that folder, durability off (fsync) for speed. Stopped by
 * stop(), and killed if this process exits first.
 */
export const startPostgres = async (options: { readonly startTimeoutMs?: number } = {}): Promise<RunningPostgres> => {
  const bin = findPostgresBin()
  if (!bin) throw new Error(postgresAvailability().available ? "unreachable" : "PostgreSQL binaries not found")
  const user = serverUser()
  const root = mkdtempSync(join(tmpdir(), "oxd-pg-"))
  const data = join(root, "data")
  mkdirSync(data, { mode: 0o700 })
  if (user) {
    chownSync(root, user.uid, user.gid)
    chownSync(data, user.uid, user.gid)
  }
  const cleanup = () => rmSync(root, { recursive: true, force: true })
  let child: ChildProcess | undefined
  // immediate shutdown (SIGQUIT) if the test process ends without stop(): no server outlives its tests
  const onExit = () => child?.kill("SIGQUIT")
  try {
    await run(
      join(bin, "initdb"),
      ["-D", data, "-U", "oxd", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"],
      user,
    )
    // the port is free when chosen, but another process may take it before postgres binds: then try another
    let started: { server: ChildProcess; port: number; url: string } | undefined
    for (let attempt = 1; !started; attempt++) {
      const port = await freePort()
      const server = spawn(
        join(bin, "postgres"),
        [
          "-D",
          data,
          "-p",
          String(port),
          "-k",
          root,
          "-c",
          "listen_addresses=127.0.0.1",
          "-c",
          "fsync=off",
          "-c",
          "synchronous_commit=off",
          "-c",
          "full_page_writes=off",
          "-c",
          "max_connections=200",
        ],
        { stdio: ["ignore", "ignore", "pipe"], ...user },
      )
      child = server
      process.once("exit", onExit)
      let log = ""
      server.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)))
      const url = `postgres://oxd@127.0.0.1:${port}/postgres`
      try {
        await waitReady(server, url, options.startTimeoutMs ?? 30_000, () => log)
        started = { server, port, url }
      } catch (e) {
        server.kill("SIGQUIT")
        await exited(server)
        process.off("exit", onExit)
        child = undefined
        if (attempt >= 3 || !/already in use|could not bind/i.test(log)) throw e
      }
    }
    const { server, port, url } = started
    let counter = 0
    let stopped: Promise<void> | undefined
    return {
      url,
      port,
      createDatabase: async (name = `oxd_test_${process.pid}_${++counter}`) => {
        const client = new pg.Client({ connectionString: url })
        await client.connect()
        try {
          await client.query(`create database "${name.replace(/"/g, "")}"`)
        } finally {
          await client.end()
        }
        return `postgres://oxd@127.0.0.1:${port}/${encodeURIComponent(name)}`
      },
      stop: () =>
        (stopped ??= (async () => {
          server.kill("SIGINT") // fast shutdown: disconnects clients, then exits
          const killer = setTimeout(() => server.kill("SIGQUIT"), 10_000)
          await exited(server)
          clearTimeout(killer)
          process.off("exit", onExit)
          cleanup()
        })()),
    }
  } catch (e) {
    if (child) {
      child.kill("SIGQUIT")
      await exited(child)
      process.off("exit", onExit)
    }
    cleanup()
    throw e
  }
}
