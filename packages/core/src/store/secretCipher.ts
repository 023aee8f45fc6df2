import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto"

/** A stored value that starts with this is sealed; anything else is an older plaintext row, read as it is. */
export const SEALED_PREFIX = "enc:v1:"
const IV_BYTES = 12
const TAG_BYTES = 16
/** Fixed: the same passphrase must give the same key on every start (a random base64 key needs no salt). */
const SCRYPT_SALT = "oxd-ts/secrets_encryption_key/v1"

export class SecretCipherError extends Error {
  override readonly name = "SecretCipherError"
}

/**
 * Encrypts secrets at rest (AES-256-GCM, a fresh IV per value, the row and column as associated data, so a
 * sealed value copied into another row or column does not open). Without a key, values pass through.
 */
export interface SecretCipher {
  readonly enabled: boolean
  seal(plain: string, context: string): string
  open(stored: string, context: string): string
}

/** What is wrong with a configured key, never quoting it; undefined when usable. */
export const secretKeyProblem = (key: string): string | undefined =>
  rawKey(key) || key.length >= 16
    ? undefined
    : "must be base64 of 32 random bytes or a passphrase of at least 16 characters"

const rawKey = (key: string): Buffer | undefined => {
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(key)) return undefined
  const bytes = Buffer.from(key, key.includes("-") || key.includes("_") ? "base64url" : "base64")
  return bytes.length === 32 ? bytes : undefined
}

const deriveKey = (key: string): Buffer => rawKey(key) ?? scryptSync(key.normalize("NFKC"), SCRYPT_SALT, 32)

export const makeSecretCipher = (key: string | undefined): SecretCipher => {
  if (key === undefined) {
    return {
      enabled: false,
      seal: (plain) => plain,
      open: (stored) => {
        if (stored.startsWith(SEALED_PREFIX))
          throw new SecretCipherError("a stored secret is encrypted, but no secrets_encryption_key is configured")
        return stored
      },
    }
  }
  const problem = secretKeyProblem(key)
  if (problem) throw new SecretCipherError(`secrets_encryption_key ${problem}`)
  const k = deriveKey(key)
  return {
    enabled: true,
    seal: (plain, context) => {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv("aes-256-gcm", k, iv)
      cipher.setAAD(Buffer.from(context, "utf8"))
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
      return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")
    },
    open: (stored, context) => {
      if (!stored.startsWith(SEALED_PREFIX)) return stored
      const raw = Buffer.from(stored.slice(SEALED_PREFIX.length), "base64url")
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretCipherError("a stored secret is damaged")
      try {
        const decipher = createDecipheriv("aes-256-gcm", k, raw.subarray(0, IV_BYTES))
        decipher.setAAD(Buffer.from(context, "utf8"))
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8")
      } catch {
        throw new SecretCipherError(
          "a stored secret cannot be decrypted: secrets_encryption_key is not the key it was written with",
        )
      }
    },
  }
}
