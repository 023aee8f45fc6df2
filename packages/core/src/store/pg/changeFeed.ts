import { randomUUID } from "node:crypto"
import pg from "pg"
import type { Change } from "../rows.js"

const CHANNEL = "oxd_changes"
/** After the listening connection drops, try again this often (until closed). */
const RETRY_MS = 1000

/**
 * Tells the other instances on the database which site or resources a write changed (NOTIFY), and hears theirs
 * (LISTEN on one dedicated connection), so their read caches drop the entry at once instead of at expiry. Best effort:
 * a missed notification leaves the entry to expire after site_cache_seconds, the documented bound; after the
 * connection drops and comes back, listeners get `{ table: "*" }` (forget everything: something may have been missed).
 */
export const pgChangeFeed = (url: string, pool: pg.Pool) => {
  const me = randomUUID()
  const listeners = new Set<(change: Change) => void>()
  const emit = (change: Change) => {
    for (const l of listeners) l(change)
  }
  let client: pg.Client | undefined
  let closed = false
  let retry: NodeJS.Timeout | undefined
  /** The first attempt is made before anything is cached; any later one may follow missed changes. */
  let firstAttempt = true

  const retryLater = () => {
    if (!closed && !retry)
      retry = setTimeout(() => {
        retry = undefined
        void connect()
      }, RETRY_MS).unref()
  }
  const connect = async (): Promise<void> => {
    if (closed || client) return
    const c = new pg.Client({ connectionString: url })
    client = c
    const lost = () => {
      if (client !== c) return
      client = undefined
      retryLater()
    }
    c.on("error", lost)
    c.on("end", lost)
    c.on("notification", (m) => {
      const [from, table, ...rest] = (m.payload ?? "").split(" ")
      if (from === me || (table !== "sites" && table !== "uma_resources")) return
      emit({ table, oxdId: rest.join(" ") })
    })
    const missedSome = !firstAttempt
    firstAttempt = false
    try {
      await c.connect()
      await c.query(`listen ${CHANNEL}`)
      if (missedSome) emit({ table: "*" })
    } catch {
      lost()
      await c.end().catch(() => {})
    }
  }

  return {
    /** Fire and forget: the write is committed already; the notification only shortens others' staleness. */
    notify: (table: "sites" | "uma_resources", oxdId: string) =>
      void pool.query("select pg_notify($1, $2)", [CHANNEL, `${me} ${table} ${oxdId}`]).catch(() => {}),
    /** Listening before the store is used: nothing is cached yet, so no change can be missed. */
    start: connect,
    watch: (listener: (change: Change) => void) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    close: async () => {
      closed = true
      clearTimeout(retry)
      await client?.end().catch(() => {})
    },
  }
}
