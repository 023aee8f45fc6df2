import { statSync } from "node:fs"
import { sqliteFilePath } from "./sqlite/open.js"

/** The mode of a file when others than its owner may use it (group or other bits set), else undefined. */
const looseMode = (file: string): string | undefined => {
  try {
    const mode = statSync(file).mode & 0o777
    return mode & 0o077 ? mode.toString(8).padStart(4, "0") : undefined
  } catch {
    return undefined // absent (no -wal yet): nothing to say
  }
}

/** The database file and its -wal and -shm files that others than the owner may use, with their modes (SQLite files only). */
export const looseDatabaseFiles = (databaseUrl: string): ReadonlyArray<string> => {
  const path = sqliteFilePath(databaseUrl)
  if (!path) return []
  return [path, `${path}-wal`, `${path}-shm`].flatMap((f) => {
    const mode = looseMode(f)
    return mode ? [`${f} (mode ${mode})`] : []
  })
}

/**
 * What the operator must hear at start about a SQLite file store (logged once each as a warning): database files
 * other users can read (made by an older version, or by hand: new ones are created 0600), and secrets kept in
 * plaintext because secrets_encryption_key is not set. Nothing for other stores.
 */
export const atRestWarnings = (databaseUrl: string, secretsKeySet: boolean): ReadonlyArray<string> => {
  const path = sqliteFilePath(databaseUrl)
  if (!path) return []
  const warnings: string[] = []
  const loose = looseDatabaseFiles(databaseUrl)
  if (loose.length > 0) {
    warnings.push(
      `Other users of this machine can read the database: ${loose.join(", ")}. Run chmod 600 on the database file and its -wal and -shm files.`,
    )
  }
  if (!secretsKeySet) {
    warnings.push(
      `The database file ${path} keeps client secrets, registration access tokens, ID tokens and the state key in plaintext: set secrets_encryption_key (e.g. the output of openssl rand -base64 32) to encrypt them.`,
    )
  }
  return warnings
}
