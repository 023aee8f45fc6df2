import { readFileSync } from "node:fs"
import type { webcrypto } from "node:crypto"
import { Context, Effect, Layer } from "effect"
import { importJWK, type JWK } from "jose"
import { OxdConfig } from "../config/OxdConfig.js"
import { InvalidParams } from "../errors.js"

/**
 * Private keys for private_key_jwt client authentication, from the configured JWKS file (key_store_file). A key it
 * cannot give is the reference's internal_error: its crypto provider fails signing (BaseOperation.java:107-110; audit GC9).
 */
export class KeyStore extends Context.Service<
  KeyStore,
  {
    signingKey(kid: string, alg: string): Effect.Effect<{ key: webcrypto.CryptoKey; kid: string }, InvalidParams>
  }
>()("@oxd/core/KeyStore") {
  static readonly layer = Layer.effect(
    KeyStore,
    Effect.gen(function* () {
      const { key_store_file } = yield* OxdConfig
      const keys: ReadonlyArray<JWK> = key_store_file
        ? ((JSON.parse(readFileSync(key_store_file, "utf8")) as { keys?: JWK[] }).keys ?? [])
        : []
      return KeyStore.of({
        signingKey: (kid, alg) =>
          Effect.gen(function* () {
            const jwk = keys.find((k) => k.kid === kid && k["d"] !== undefined)
            if (!jwk) {
              return yield* new InvalidParams({
                code: "internal_error",
                field: "key_id",
                detail: key_store_file
                  ? `names no private key in the key store (${kid})`
                  : "cannot be used: the server has no key_store_file configured",
              })
            }
            const key = yield* Effect.tryPromise({
              try: () => importJWK(jwk, alg) as Promise<webcrypto.CryptoKey>,
              catch: () =>
                new InvalidParams({
                  code: "internal_error",
                  field: "algorithm",
                  detail: `${alg} does not fit key ${kid}`,
                }),
            })
            return { key, kid }
          }),
      })
    }),
  )
}
