import { Clock, Context, Effect, Layer } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"
import { InvalidState, StoreFailed } from "../errors.js"
import { Database } from "../store/Database.js"
import type { NewRequestRow } from "../store/rows.js"

export type Purpose = "authorization" | "claims_gathering"

export interface PendingRequest {
  readonly purpose?: Purpose | undefined
  readonly state: string
  readonly oxdId: string
  readonly nonce: string
  readonly codeVerifier: string | null
  readonly expiresAt: number
}

/** Rows per INSERT of a group commit (8 columns: far below SQLite's bound-variable limit). */
const ISSUE_BATCH_MAX = 500

/** Consumed and expired requests are kept this long so a replay is told "used"/"expired", then purged. */
const TOMBSTONE_MS = 24 * 60 * 60 * 1000

/**
 * Pending authorization requests, persisted so a restart loses none. consume() is one conditional UPDATE:
 * of two concurrent attempts with the same state exactly one gets the row.
 */
export class StateStore extends Context.Service<StateStore, {
  issue(req: Omit<PendingRequest, "expiresAt">): Effect.Effect<PendingRequest, StoreFailed>
  /** Takes the request once; a state of another site or purpose is "unknown" and stays usable by its owner. */
  consume(oxdId: string, state: string, purpose?: Purpose): Effect.Effect<PendingRequest, InvalidState | StoreFailed>
  /** How many requests wait to be consumed (neither used nor expired), across every instance sharing the database. */
  readonly pending: Effect.Effect<number, StoreFailed>
}>()("@oxd/core/StateStore") {
  static readonly layer = Layer.effect(
    StateStore,
    Effect.gen(function* () {
      const { query, rows: store } = yield* Database
      const config = yield* OxdConfig
      const ttl = config.state_expiration_in_minutes * 60_000

      /**
       * Group commit: the requests issued in one turn of the event loop are inserted together, in one statement
       * (one transaction, one sync of the file instead of one per request); each is answered once it is committed.
       * A batch that fails is retried row by row, so only the row at fault fails.
       */
      type Row = NewRequestRow
      let pending: Array<{ row: Row; done: (e?: unknown) => void }> = []
      const insertNow = (rows: ReadonlyArray<Row>) => store.requests.insertMany(rows)
      const flush = async () => {
        const batch = pending
        pending = []
        for (let i = 0; i < batch.length; i += ISSUE_BATCH_MAX) {
          const part = batch.slice(i, i + ISSUE_BATCH_MAX)
          try {
            await insertNow(part.map((p) => p.row))
            for (const p of part) p.done()
          } catch (e) {
            if (part.length === 1) part[0]!.done(e)
            else for (const p of part) await insertNow([p.row]).then(() => p.done(), (e2: unknown) => p.done(e2))
          }
        }
      }
      const insert = (row: Row) =>
        Effect.tryPromise({
          try: () =>
            new Promise<void>((resolve, reject) => {
              if (pending.length === 0) setImmediate(() => void flush())
              pending.push({ row, done: (e) => (e === undefined ? resolve() : reject(e)) })
            }),
          catch: (cause) => new StoreFailed({ operation: "store authorization request", cause }),
        })
      return StateStore.of({
        pending: Effect.flatMap(Clock.currentTimeMillis, (now) => query("count pending authorization requests", (rows) => rows.requests.countPending(now))),
        issue: Effect.fnUntraced(function* (req) {
          const now = yield* Clock.currentTimeMillis
          const row = { ...req, purpose: req.purpose ?? "authorization", createdAt: now, expiresAt: now + ttl, consumedAt: null }
          yield* insert(row)
          // purge old tombstones now and then, off the caller's path
          if (Math.random() < 0.01) {
            yield* query("purge authorization requests", (rows) => rows.requests.purgeExpiredBefore(now - TOMBSTONE_MS))
              .pipe(Effect.ignore, Effect.forkDetach)
          }
          return { purpose: row.purpose, state: row.state, oxdId: row.oxdId, nonce: row.nonce, codeVerifier: row.codeVerifier, expiresAt: row.expiresAt }
        }),
        consume: Effect.fnUntraced(function* (oxdId, state, purpose = "authorization") {
          const now = yield* Clock.currentTimeMillis
          const key = { state, oxdId, purpose }
          const taken = yield* query("consume authorization request", (rows) => rows.requests.consume(key, now))
          if (taken) {
            if (taken.expiresAt <= now) return yield* new InvalidState({ reason: "expired" })
            return { purpose, state: taken.state, oxdId: taken.oxdId, nonce: taken.nonce, codeVerifier: taken.codeVerifier, expiresAt: taken.expiresAt }
          }
          const seen = yield* query("read authorization request", (rows) => rows.requests.find(key))
          return yield* new InvalidState({ reason: seen ? "used" : "unknown" })
        }),
      })
    }),
  )
}
