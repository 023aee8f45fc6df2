import { CompactEncrypt, SignJWT, compactDecrypt, jwtVerify } from "jose"

/**
 * Cookie values sealed with jose: a JWT signed (HS256) inside a JWE (dir, A256GCM), so the browser can neither read
 * nor alter a session. Both keys derive from one secret (HKDF-SHA-256, one label each); a list of secrets rotates
 * them: the first seals, each one unseals.
 */
export interface Sealer {
  seal(payload: Record<string, unknown>, maxAgeSeconds: number): Promise<string>
  /** The payload, or undefined for anything forged, altered, expired or sealed with another secret. */
  unseal(value: string): Promise<Record<string, unknown> | undefined>
}

const MIN_SECRET = 32
const encoder = new TextEncoder()

const derive = async (secret: string, label: string): Promise<Uint8Array> => {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveBits"])
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode("@oxd/middleware"), info: encoder.encode(label) },
    key,
    256,
  )
  return new Uint8Array(bits)
}

export const makeSealer = (secret: string | ReadonlyArray<string>, purpose: string): Sealer => {
  const secrets = typeof secret === "string" ? [secret] : [...secret]
  if (secrets.length === 0 || secrets.some((s) => s.length < MIN_SECRET))
    throw new Error(`@oxd/middleware: each cookie secret must be at least ${MIN_SECRET} characters (random)`)
  const keys = Promise.all(
    secrets.map(async (s) => ({ sign: await derive(s, `${purpose} sign`), enc: await derive(s, `${purpose} enc`) })),
  )
  return {
    async seal(payload, maxAgeSeconds) {
      const [k] = await keys
      const jws = await new SignJWT(payload)
        .setProtectedHeader({ alg: "HS256" })
        .setIssuedAt()
        .setExpirationTime(`${Math.floor(maxAgeSeconds)}s`)
        .setAudience(purpose)
        .sign(k!.sign)
      return new CompactEncrypt(encoder.encode(jws)).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(k!.enc)
    },
    async unseal(value) {
      for (const k of await keys) {
        try {
          const { plaintext } = await compactDecrypt(value, k.enc, { keyManagementAlgorithms: ["dir"] })
          const { payload } = await jwtVerify(new TextDecoder().decode(plaintext), k.sign, {
            algorithms: ["HS256"],
            audience: purpose,
          })
          return payload as Record<string, unknown>
        } catch {
          // another key, or nothing
        }
      }
      return undefined
    },
  }
}
