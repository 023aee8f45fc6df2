import { randomUUID } from "node:crypto"
import { Clock, Context, Effect, Layer } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"
import { RequestObjectNotFound, type StoreFailed } from "../errors.js"
import { Database } from "../store/Database.js"
import { makeSecretCipher } from "../store/secretCipher.js"

/**
 * Request objects made by get_request_object_uri, served by id until they expire (the reference's RequestObjectService:
 * an ExpiredObject of request_object_expiration_in_minutes, S/service/RequestObjectService.java:23-29 on master). In
 * the store, so any instance serves what another made; sealed at rest (they may carry login hints, claims requests).
 */
export class RequestObjects extends Context.Service<
  RequestObjects,
  {
    /** Stores the JWT; its id (a random UUID: the request_uri is its only credential). */
    put(oxdId: string, jwt: string): Effect.Effect<string, StoreFailed>
    get(id: string): Effect.Effect<string, RequestObjectNotFound | StoreFailed>
  }
>()("@oxd/core/RequestObjects") {
  static readonly layer = Layer.effect(
    RequestObjects,
    Effect.gen(function* () {
      const config = yield* OxdConfig
      const { query } = yield* Database
      const cipher = makeSecretCipher(config.secrets_encryption_key)
      const ttlMs = config.request_object_expiration_in_minutes * 60_000
      return RequestObjects.of({
        put: Effect.fnUntraced(function* (oxdId, jwt) {
          const now = yield* Clock.currentTimeMillis
          const id = randomUUID()
          yield* query("store a request object", (rows) =>
            rows.requestObjects.insert({
              id,
              oxdId,
              value: cipher.seal(jwt, `request_objects/${id}`),
              expiresAt: now + ttlMs,
            }),
          )
          // expired ones go as new ones come: the table holds at most the last ttl's worth
          yield* query("purge expired request objects", (rows) => rows.requestObjects.purgeExpiredBefore(now)).pipe(
            Effect.ignore,
          )
          return id
        }),
        get: Effect.fnUntraced(function* (id) {
          const now = yield* Clock.currentTimeMillis
          const row = yield* query("read a request object", (rows) => rows.requestObjects.get(id, now))
          if (!row) return yield* new RequestObjectNotFound()
          return yield* Effect.try({
            try: () => cipher.open(row.value, `request_objects/${id}`),
            catch: () => new RequestObjectNotFound(),
          })
        }),
      })
    }),
  )
}
