import { accessSync, constants, existsSync } from "node:fs"
import { dirname } from "node:path"
import { looseDatabaseFiles, sqliteFilePath, StoreFailed, type Config, type Oxd } from "@oxd/core"
import { bad, ok, skip, type CheckResult } from "./check.js"

/** A database URL without its credentials (postgres://user:password@host → postgres://***@host). */
export const redactUrl = (url: string) => url.replace(/\/\/[^@/]*@/, "//***@")

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** The SQLite file's permissions, before anything opens it (a first open creates it, 0600). */
export const checkStoreFiles = (config: Config): ReadonlyArray<CheckResult> => {
  const path = sqliteFilePath(config.database_url)
  if (!path) return [skip("store.permissions", "not a SQLite file")]
  const results: CheckResult[] = []
  if (!existsSync(path)) {
    let dir = dirname(path)
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir)
    results.push(
      writable(dir)
        ? ok("store.permissions", `${path} does not exist yet: created at the first start, mode 0600`)
        : bad(
            "fail",
            "store.permissions",
            `cannot create ${path}: ${dir} is not writable by this user`,
            `run as the user that owns ${dir}, or point database_url elsewhere`,
          ),
    )
  } else {
    const loose = looseDatabaseFiles(config.database_url)
    if (loose.length > 0)
      results.push(
        bad(
          "fail",
          "store.permissions",
          `other users of this machine can read the database: ${loose.join(", ")}`,
          `chmod 600 ${path} ${path}-wal ${path}-shm`,
        ),
      )
    else if (!writable(path) || !writable(dirname(path)))
      results.push(
        bad(
          "fail",
          "store.permissions",
          `${path} or its folder is not writable by this user (SQLite writes -wal and -shm files beside it)`,
          `run as the file's owner, or chown the folder and the file`,
        ),
      )
    else results.push(ok("store.permissions", `${path}: owner only`))
  }
  if (config.secrets_encryption_key === undefined)
    results.push(
      bad(
        "warn",
        "store.secrets",
        "client secrets and tokens are kept in plaintext in the database file",
        "set secrets_encryption_key (e.g. openssl rand -base64 32)",
      ),
    )
  return results
}

/** Opens the store as the server does (missing migrations are applied, as a start would) and asks its readiness. */
export const checkStoreOpen = async (oxd: Oxd): Promise<{ results: ReadonlyArray<CheckResult>; open: boolean }> => {
  const url = redactUrl(oxd.config.database_url)
  try {
    await oxd.ready()
  } catch (e) {
    const cause =
      e instanceof StoreFailed && e.cause instanceof Error
        ? e.cause.message
        : e instanceof Error
          ? e.message
          : String(e)
    return {
      open: false,
      results: [
        bad(
          "fail",
          "store.open",
          `cannot open ${url}: ${redactUrl(cause)}`,
          "check database_url and that the database answers (PostgreSQL: host, port, user, password, database)",
        ),
        skip("store.migrations", "skipped: the store did not open"),
      ],
    }
  }
  const { checks } = await oxd.readiness()
  return {
    open: checks.database,
    results: [
      checks.database
        ? ok("store.open", `${url} answers`)
        : bad("fail", "store.open", `${url} does not answer`, "check the database server"),
      checks.migrations
        ? ok("store.migrations", "current: the database's migrations are this version's")
        : bad(
            "fail",
            "store.migrations",
            "the database's migrations are not this version's (a newer oxd-ts wrote it?)",
            "run the oxd-ts version that wrote this database, or restore a backup made for this one",
          ),
    ],
  }
}
