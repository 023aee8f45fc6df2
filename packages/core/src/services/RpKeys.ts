import type { webcrypto } from "node:crypto"
import { Clock, Context, Effect, Layer } from "effect"
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose"
import { OxdConfig } from "../config/OxdConfig.js"
import { StoreFailed } from "../errors.js"
import { Database } from "../store/Database.js"
import { makeSecretCipher } from "../store/secretCipher.js"

/**
 * The algorithms the server signs with, one key each: the signature algorithms of the reference's KeyGeneratorService
 * (S/service/KeyGeneratorService.java:59-60 on GluuFederation/oxd master). Its encryption keys (RSA1_5, RSA-OAEP) are
 * not made: nothing here decrypts, and a published encryption key invites OPs to encrypt to a key nobody reads.
 */
export const RP_SIGNING_ALGS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
] as const
export type RpSigningAlg = (typeof RP_SIGNING_ALGS)[number]
export const isRpSigningAlg = (alg: string): alg is RpSigningAlg =>
  (RP_SIGNING_ALGS as ReadonlyArray<string>).includes(alg)

/** Members of a private JWK that never leave the server. */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const
export const publicJwk = (jwk: JWK): JWK => {
  const out: Record<string, unknown> = { ...jwk }
  for (const m of PRIVATE_MEMBERS) delete out[m]
  return out as JWK
}

/** One key for `alg` (RSA keys take a while: each is made only when something needs it). */
const generateKey = async (epoch: number, alg: RpSigningAlg): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(alg, { extractable: true })
  const jwk = await exportJWK(privateKey)
  // the reference's kids end in _sig_<alg> (its sample request object's header: swagger.yaml, get-request-object)
  return { ...jwk, kid: `${epoch.toString(36)}-${crypto.randomUUID()}_sig_${alg.toLowerCase()}`, alg, use: "sig" }
}

/**
 * The server's own signing keys (oxd 4.x: KeyGeneratorService): each made on first need, kept in the store
 * (server_secrets, sealed at rest with secrets_encryption_key like every secret), shared by every instance. Rotation
 * needs no writer: time is cut in periods of rp_signing_key_rotation_in_hours, each period's key for an algorithm is
 * stored under its own name (`rp_signing_keys/<period>/<alg>`) by the first instance that needs it (the others read
 * it back), and the previous period's keys stay published, so a request object signed just before a rotation still
 * verifies at an OP that fetches the keys after it. One key per algorithm, not the whole set: a request object signed
 * RS256 waits for one RSA key, not six (get_rp_jwks, which publishes them all, makes them all). A period stored whole
 * (`rp_signing_keys/<period>`, before keys were made one by one) is read as it is.
 */
export class RpKeys extends Context.Service<
  RpKeys,
  {
    /** The public keys (current and previous period): get_rp_jwks. */
    readonly publicJwks: Effect.Effect<{ keys: ReadonlyArray<JWK> }, StoreFailed>
    /** The current period's key for `alg`. */
    signingKey(alg: RpSigningAlg): Effect.Effect<{ key: webcrypto.CryptoKey; kid: string }, StoreFailed>
  }
>()("@oxd/core/RpKeys") {
  static readonly layer = Layer.effect(
    RpKeys,
    Effect.gen(function* () {
      const config = yield* OxdConfig
      const { rows } = yield* Database
      const cipher = makeSecretCipher(config.secrets_encryption_key)
      const periodMs = config.rp_signing_key_rotation_in_hours * 3_600_000
      /** Promises per name, once per instance (a failed read is tried again next time). */
      const cache = new Map<string, Promise<unknown>>()
      let newestEpoch = 0

      const nameOf = (epoch: number, alg?: RpSigningAlg) =>
        alg ? `rp_signing_keys/${epoch}/${alg}` : `rp_signing_keys/${epoch}`
      const read = async <A>(name: string): Promise<A | undefined> => {
        const row = await rows.secrets.get(name)
        return row ? (JSON.parse(cipher.open(row.value, `server_secrets/${name}`)) as A) : undefined
      }
      const once = <A>(name: string, epoch: number, make: () => Promise<A>): Promise<A> => {
        let p = cache.get(name) as Promise<A> | undefined
        if (!p) {
          p = make()
          // an absent key of the previous period may be stored later by nobody: cached as absent; a failure is not
          p.catch(() => cache.delete(name))
          cache.set(name, p)
          if (epoch > newestEpoch) {
            newestEpoch = epoch
            for (const key of cache.keys()) if (Number(key.split("/")[1]) < epoch - 1) cache.delete(key)
          }
        }
        return p
      }
      const readOrMake = async (epoch: number, alg: RpSigningAlg, now: number): Promise<JWK> => {
        const name = nameOf(epoch, alg)
        const existing = await read<JWK>(name)
        if (existing) return existing
        const made = await generateKey(epoch, alg)
        await rows.secrets.insertIfAbsent({
          name,
          value: cipher.seal(JSON.stringify(made), `server_secrets/${name}`),
          createdAt: now,
        })
        // another instance may have stored its key first: theirs is the one
        const stored = await read<JWK>(name)
        if (!stored) throw new Error("the signing key could not be stored")
        return stored
      }
      /** A period's key for `alg`: from its whole set when it was stored so, else its own (made when `make`). */
      const keyOf = async (epoch: number, alg: RpSigningAlg, now: number, make: boolean): Promise<JWK | undefined> => {
        const whole = await once(nameOf(epoch), epoch, () => read<JWK[]>(nameOf(epoch)))
        if (whole) return whole.find((k) => k.alg === alg)
        return once(nameOf(epoch, alg), epoch, () =>
          make ? readOrMake(epoch, alg, now) : read<JWK>(nameOf(epoch, alg)),
        )
      }
      const keys = (algs: ReadonlyArray<RpSigningAlg>) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          const epoch = Math.floor(now / periodMs)
          return Effect.tryPromise({
            try: async () => {
              const [current, previous] = await Promise.all([
                Promise.all(algs.map((alg) => keyOf(epoch, alg, now, true))),
                Promise.all(algs.map((alg) => keyOf(epoch - 1, alg, now, false))),
              ])
              return { current, previous: previous.filter((k): k is JWK => k !== undefined) }
            },
            catch: (cause) => new StoreFailed({ operation: "read the server's signing keys", cause }),
          })
        })

      return RpKeys.of({
        publicJwks: Effect.map(keys(RP_SIGNING_ALGS), ({ current, previous }) => ({
          keys: [...current, ...previous].filter((k): k is JWK => k !== undefined).map(publicJwk),
        })),
        signingKey: (alg) =>
          Effect.flatMap(keys([alg]), ({ current }) =>
            Effect.tryPromise({
              try: async () => {
                const jwk = current[0]
                if (!jwk?.kid) throw new Error(`no ${alg} key in the current set`)
                return { key: (await importJWK(jwk, alg)) as webcrypto.CryptoKey, kid: jwk.kid }
              },
              catch: (cause) => new StoreFailed({ operation: `read the server's ${alg} signing key`, cause }),
            }),
          ),
      })
    }),
  )
}
