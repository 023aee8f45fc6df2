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

const generateSet = async (epoch: number): Promise<JWK[]> =>
  Promise.all(
    RP_SIGNING_ALGS.map(async (alg) => {
      const { privateKey } = await generateKeyPair(alg, { extractable: true })
      const jwk = await exportJWK(privateKey)
      // the reference's kids end in _sig_<alg> (its sample request object's header: swagger.yaml, get-request-object)
      return { ...jwk, kid: `${epoch.toString(36)}-${crypto.randomUUID()}_sig_${alg.toLowerCase()}`, alg, use: "sig" }
    }),
  )

/**
 * The server's own signing keys (oxd 4.x: KeyGeneratorService): made on first need, kept in the store (server_secrets,
 * sealed at rest with secrets_encryption_key like every secret), shared by every instance. Rotation needs no writer:
 * time is cut in periods of rp_signing_key_rotation_in_hours, each period's set is stored under its own name by the
 * first instance that needs it (the others read it back), and the previous period's set stays published, so a request
 * object signed just before a rotation still verifies at an OP that fetches the keys after it.
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
      const sets = new Map<number, Promise<JWK[] | undefined>>()

      const nameOf = (epoch: number) => `rp_signing_keys/${epoch}`
      const read = async (epoch: number): Promise<JWK[] | undefined> => {
        const row = await rows.secrets.get(nameOf(epoch))
        return row ? (JSON.parse(cipher.open(row.value, `server_secrets/${nameOf(epoch)}`)) as JWK[]) : undefined
      }
      const readOrMake = async (epoch: number, now: number): Promise<JWK[]> => {
        const existing = await read(epoch)
        if (existing) return existing
        const made = await generateSet(epoch)
        await rows.secrets.insertIfAbsent({
          name: nameOf(epoch),
          value: cipher.seal(JSON.stringify(made), `server_secrets/${nameOf(epoch)}`),
          createdAt: now,
        })
        // another instance may have stored its set first: theirs is the one
        const stored = await read(epoch)
        if (!stored) throw new Error("the signing keys could not be stored")
        return stored
      }
      /** A period's set, once per instance (a failed read is tried again next time). */
      const setOf = (epoch: number, now: number, make: boolean) => {
        let p = sets.get(epoch)
        if (!p) {
          p = make ? readOrMake(epoch, now) : read(epoch)
          // an absent previous set may be stored later by nobody: cached as absent; a failure is not cached
          p.catch(() => sets.delete(epoch))
          sets.set(epoch, p)
          for (const old of sets.keys()) if (old < epoch - 1) sets.delete(old)
        }
        return p
      }
      const current = Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const epoch = Math.floor(now / periodMs)
        return Effect.tryPromise({
          try: async () => ({
            now: (await setOf(epoch, now, true)) as JWK[],
            previous: await setOf(epoch - 1, now, false),
          }),
          catch: (cause) => new StoreFailed({ operation: "read the server's signing keys", cause }),
        })
      })

      return RpKeys.of({
        publicJwks: Effect.map(current, ({ now, previous }) => ({
          keys: [...now, ...(previous ?? [])].map(publicJwk),
        })),
        signingKey: (alg) =>
          Effect.flatMap(current, ({ now }) =>
            Effect.tryPromise({
              try: async () => {
                const jwk = now.find((k) => k.alg === alg)
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
