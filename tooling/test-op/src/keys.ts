import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose"

/** The ID token algorithms the OP offers. RS256 first: it is the OIDC default. */
export const SIGNING_ALGS = ["RS256", "ES256"] as const
export type SigningAlg = (typeof SIGNING_ALGS)[number]

export type PrivateJwk = JWK & { kid: string; alg: SigningAlg }
export type ImportedKey = Awaited<ReturnType<typeof importJWK>>

export async function generateSigningKey(alg: SigningAlg, kidPrefix = ""): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === "RS256" ? { modulusLength: 2048 } : {}),
  })
  const jwk = await exportJWK(privateKey)
  // A thumbprint kid is unique per key, so a rotated key always gets a new kid.
  const kid = kidPrefix + (await calculateJwkThumbprint(jwk)).slice(0, 16)
  return { ...jwk, kid, alg, use: "sig" }
}

/**
 * The OP's signing keys, newest first. oidc-provider picks the first matching key for an alg,
 * so the order decides which key signs ID tokens.
 */
export class KeyRing {
  #keys: PrivateJwk[]
  /** Keys that are never published: used to sign tokens with an unknown kid. */
  readonly #rogue = new Map<SigningAlg, PrivateJwk>()

  private constructor(keys: PrivateJwk[]) {
    this.#keys = keys
  }

  static async create(): Promise<KeyRing> {
    return new KeyRing(await Promise.all(SIGNING_ALGS.map((alg) => generateSigningKey(alg))))
  }

  /** Private JWKS for oidc-provider's `jwks` option (it publishes only the public parts). */
  privateJwks(): { keys: PrivateJwk[] } {
    return { keys: this.#keys.map((k) => ({ ...k })) }
  }

  /** The kid oidc-provider will use for `alg`. */
  activeKid(alg: SigningAlg): string {
    const key = this.#keys.find((k) => k.alg === alg)
    if (!key) throw new Error(`no ${alg} key`)
    return key.kid
  }

  kids(): string[] {
    return this.#keys.map((k) => k.kid)
  }

  async rotate(keepOld: boolean): Promise<Record<SigningAlg, string>> {
    const fresh = await Promise.all(SIGNING_ALGS.map((alg) => generateSigningKey(alg)))
    this.#keys = keepOld ? [...fresh, ...this.#keys] : fresh
    return Object.fromEntries(fresh.map((k) => [k.alg, k.kid])) as Record<SigningAlg, string>
  }

  async privateKeyFor(kid: string): Promise<{ key: ImportedKey; jwk: PrivateJwk } | undefined> {
    const jwk = this.#keys.find((k) => k.kid === kid) ?? [...this.#rogue.values()].find((k) => k.kid === kid)
    return jwk ? { key: await importJWK(jwk, jwk.alg), jwk } : undefined
  }

  async rogueKey(alg: SigningAlg): Promise<{ key: ImportedKey; jwk: PrivateJwk }> {
    let jwk = this.#rogue.get(alg)
    if (!jwk) {
      jwk = await generateSigningKey(alg, "rogue-")
      this.#rogue.set(alg, jwk)
    }
    return { key: await importJWK(jwk, jwk.alg), jwk }
  }
}

export function isSigningAlg(alg: unknown): alg is SigningAlg {
  return typeof alg === "string" && (SIGNING_ALGS as readonly string[]).includes(alg)
}
