import { randomBytes } from "node:crypto"
import { Clock, Context, Effect, Layer } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"
import { InvalidState, StoreFailed } from "../errors.js"
import { Database } from "../store/Database.js"
import { makeSecretCipher } from "../store/secretCipher.js"
import { serverSecret } from "../store/serverSecret.js"
import { makeStateSealer, type StateSealer } from "./sealedState.js"

export type Purpose = "authorization" | "claims_gathering"

export interface PendingRequest {
  readonly purpose: Purpose
  readonly state: string
  readonly oxdId: string
  readonly nonce: string
  readonly codeVerifier: string | null
  readonly expiresAt: number
  /** Which registered redirect URI the request named (sealedState.ts SealedRequest.redirect). */
  readonly redirect: number
}

/** Used states are remembered this long past their expiry (a replay is told "used"/"expired"), then purged. */
const TOMBSTONE_MS = 24 * 60 * 60 * 1000

/** The name of the state key among the server's secrets (server_secrets). */
export const STATE_KEY = "state_key"

/**
 * The states of authorization requests and claims-gathering redirects. A state is sealed (sealedState.ts): it
 * carries its expiry and oxd_id under the server's key, and its nonce and PKCE verifier derive from it, so issuing
 * one writes nothing and survives a restart; consume() records its use in one INSERT, so of two concurrent
 * attempts (any instance) exactly one gets it.
 */
export class StateStore extends Context.Service<
  StateStore,
  {
    issue(req: {
      readonly oxdId: string
      readonly purpose?: Purpose
      readonly pkce: boolean
      /** the registered redirect URI the request names (0: the site's authorization_redirect_uri) */
      readonly redirect?: number
    }): Effect.Effect<PendingRequest, StoreFailed>
    /**
     * oxd 4.x: a request under the caller's state and/or nonce (get_authorization_url's state, nonce), stored before
     * use (nothing to seal it in): the nonce and PKCE verifier are made here unless given. undefined when that
     * state is taken (stored before, or a state of the server's own).
     */
    issueChosen(req: {
      readonly oxdId: string
      readonly state: string | undefined
      readonly nonce: string | undefined
      readonly pkce: boolean
    }): Effect.Effect<PendingRequest | undefined, StoreFailed>
    /** issue, synchronously on the wall clock, once the state key is loaded (answers from memory); else undefined. */
    issueNow(oxdId: string, pkce: boolean, redirect?: number): PendingRequest | undefined
    /** Takes the request once; a state of another site or purpose is "unknown" and stays usable by its owner. */
    consume(oxdId: string, state: string, purpose?: Purpose): Effect.Effect<PendingRequest, InvalidState | StoreFailed>
    /**
     * What consume would refuse (unknown, expired, used), without taking the state: for a command that fails before
     * using it, so a bad state is still the error reported first while a good one stays usable.
     */
    check(oxdId: string, state: string, purpose?: Purpose): Effect.Effect<void, InvalidState | StoreFailed>
  }
>()("@oxd/core/StateStore") {
  static readonly layer = Layer.effect(
    StateStore,
    Effect.gen(function* () {
      const { query, rows: store } = yield* Database
      // the synchronous issue (answers from memory) reads the Clock the layer was built on; the purge runs in its scope
      const clock = yield* Clock.Clock
      const scope = yield* Effect.scope
      const config = yield* OxdConfig
      const ttl = config.state_expiration_in_minutes * 60_000
      const cipher = makeSecretCipher(config.secrets_encryption_key)
      /**
       * The key is read on first use, not at start: a store that cannot give it (down, or a wrong
       * secrets_encryption_key) fails the commands that need states, as internal_error, and the others go on.
       */
      let ready: StateSealer | undefined
      const sealer = Effect.suspend(() =>
        ready
          ? Effect.succeed(ready)
          : Effect.flatMap(Clock.currentTimeMillis, (now) =>
              Effect.tryPromise({
                try: async () => (ready ??= makeStateSealer(await serverSecret(store, cipher, STATE_KEY, now))),
                catch: (cause) => new StoreFailed({ operation: "read the state key", cause }),
              }),
            ),
      )

      const issued = (
        seal: StateSealer,
        oxdId: string,
        purpose: Purpose,
        pkce: boolean,
        now: number,
        redirect = 0,
      ): PendingRequest => ({ purpose, oxdId, ...seal.seal(oxdId, purpose, pkce, now + ttl, redirect) })

      /** An oxd 4.x caller-chosen state: its stored request, taken once (one UPDATE … WHERE not consumed). */
      const takeStored = Effect.fnUntraced(function* (oxdId: string, state: string, purpose: Purpose, now: number) {
        const taken = yield* query("take an authorization request", (rows) =>
          rows.requests.take({ state, oxdId, purpose }, now),
        )
        if (!taken) {
          const stored = yield* query("read authorization request", (rows) =>
            rows.requests.find({ state, oxdId, purpose }),
          )
          return yield* new InvalidState({ reason: stored ? "used" : "unknown" })
        }
        // taken even when expired: an expired request is spent either way
        if (taken.expiresAt <= now) return yield* new InvalidState({ reason: "expired" })
        const pending: PendingRequest = {
          purpose,
          oxdId,
          state,
          nonce: taken.nonce,
          codeVerifier: taken.codeVerifier,
          expiresAt: taken.expiresAt,
          redirect: 0,
        }
        return pending
      })

      return StateStore.of({
        issue: Effect.fnUntraced(function* ({ oxdId, purpose = "authorization", pkce, redirect }) {
          const seal = yield* sealer
          return issued(seal, oxdId, purpose, pkce, yield* Clock.currentTimeMillis, redirect)
        }),
        issueChosen: Effect.fnUntraced(function* ({ oxdId, state, nonce, pkce }) {
          const now = yield* Clock.currentTimeMillis
          const chosen = state ?? randomBytes(32).toString("base64url")
          // a state of the server's own would be read as sealed first: it is not the caller's to reuse
          if ((yield* sealer).open(oxdId, "authorization", chosen) !== "unknown") return undefined
          const row = {
            state: chosen,
            oxdId,
            purpose: "authorization" as const,
            nonce: nonce ?? randomBytes(16).toString("base64url"),
            // 43 characters, the least RFC 7636 allows
            codeVerifier: pkce ? randomBytes(32).toString("base64url") : null,
            createdAt: now,
            expiresAt: now + ttl,
            consumedAt: null,
          }
          if (!(yield* query("store an authorization request", (rows) => rows.requests.insertPending(row))))
            return undefined
          const { createdAt: _created, consumedAt: _consumed, ...pending } = row
          return { ...pending, redirect: 0 }
        }),
        issueNow: (oxdId, pkce, redirect) =>
          ready && issued(ready, oxdId, "authorization", pkce, clock.currentTimeMillisUnsafe(), redirect),
        check: Effect.fnUntraced(function* (oxdId, state, purpose = "authorization") {
          const now = yield* Clock.currentTimeMillis
          const opened = (yield* sealer).open(oxdId, purpose, state)
          if (opened === "unknown") {
            // an oxd 4.x caller-chosen state, stored when issued
            const stored = yield* query("read authorization request", (rows) =>
              rows.requests.find({ state, oxdId, purpose }),
            )
            if (!stored) return yield* new InvalidState({ reason: "unknown" })
            if (stored.consumedAt !== null) return yield* new InvalidState({ reason: "used" })
            if (stored.expiresAt <= now) return yield* new InvalidState({ reason: "expired" })
            return
          }
          if (opened.expiresAt <= now) return yield* new InvalidState({ reason: "expired" })
          const seen = yield* query("read authorization request", (rows) =>
            rows.requests.find({ state, oxdId, purpose }),
          )
          if (seen) return yield* new InvalidState({ reason: "used" })
        }),
        consume: Effect.fnUntraced(function* (oxdId, state, purpose = "authorization") {
          const now = yield* Clock.currentTimeMillis
          const opened = (yield* sealer).open(oxdId, purpose, state)
          if (opened === "unknown") return yield* takeStored(oxdId, state, purpose, now)
          if (opened.expiresAt <= now) return yield* new InvalidState({ reason: "expired" })
          const used = {
            state,
            oxdId,
            purpose,
            nonce: "",
            codeVerifier: null,
            createdAt: now,
            expiresAt: opened.expiresAt,
            consumedAt: now,
          }
          if (!(yield* query("record the use of a state", (rows) => rows.requests.insertUsed(used)))) {
            return yield* new InvalidState({ reason: "used" })
          }
          // purge old uses now and then, off the caller's path
          if (Math.random() < 0.01) {
            yield* query("purge used states", (rows) => rows.requests.purgeExpiredBefore(now - TOMBSTONE_MS)).pipe(
              Effect.ignore,
              Effect.forkIn(scope),
            )
          }
          return { purpose, oxdId, ...opened }
        }),
      })
    }),
  )
}
