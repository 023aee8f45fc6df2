import { and, eq, isNull, lt } from "drizzle-orm"
import { Clock, Context, Effect, Layer } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"
import { InvalidState, type StoreFailed } from "../errors.js"
import { Database } from "../store/Database.js"
import { authorizationRequests } from "../store/schema.js"

export type Purpose = "authorization" | "claims_gathering"

export interface PendingRequest {
  readonly purpose?: Purpose | undefined
  readonly state: string
  readonly oxdId: string
  readonly nonce: string
  readonly codeVerifier: string | null
  readonly expiresAt: number
}

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
}>()("@oxd/core/StateStore") {
  static readonly layer = Layer.effect(
    StateStore,
    Effect.gen(function* () {
      const { query } = yield* Database
      const config = yield* OxdConfig
      const ttl = config.state_expiration_in_minutes * 60_000
      return StateStore.of({
        issue: Effect.fn("StateStore.issue")(function* (req) {
          const now = yield* Clock.currentTimeMillis
          const row = { ...req, purpose: req.purpose ?? "authorization", createdAt: now, expiresAt: now + ttl, consumedAt: null }
          yield* query("store authorization request", (db) => db.insert(authorizationRequests).values(row).run())
          // purge old tombstones now and then, off the caller's path
          if (Math.random() < 0.01) {
            yield* query("purge authorization requests", (db) =>
              db.delete(authorizationRequests).where(lt(authorizationRequests.expiresAt, now - TOMBSTONE_MS)).run())
              .pipe(Effect.ignore, Effect.forkDetach)
          }
          return { purpose: row.purpose, state: row.state, oxdId: row.oxdId, nonce: row.nonce, codeVerifier: row.codeVerifier, expiresAt: row.expiresAt }
        }),
        consume: Effect.fn("StateStore.consume")(function* (oxdId, state, purpose = "authorization") {
          const now = yield* Clock.currentTimeMillis
          const mine = and(eq(authorizationRequests.state, state), eq(authorizationRequests.oxdId, oxdId), eq(authorizationRequests.purpose, purpose))
          const taken = yield* query("consume authorization request", (db) =>
            db.update(authorizationRequests).set({ consumedAt: now })
              .where(and(mine, isNull(authorizationRequests.consumedAt)))
              .returning().get())
          if (taken) {
            if (taken.expiresAt <= now) return yield* new InvalidState({ reason: "expired" })
            return { purpose, state: taken.state, oxdId: taken.oxdId, nonce: taken.nonce, codeVerifier: taken.codeVerifier, expiresAt: taken.expiresAt }
          }
          const seen = yield* query("read authorization request", (db) => db.select().from(authorizationRequests).where(mine).get())
          return yield* new InvalidState({ reason: seen ? "used" : "unknown" })
        }),
      })
    }),
  )
}
