import { randomBytes } from "node:crypto"
import type { Rows } from "./rows.js"
import type { SecretCipher } from "./secretCipher.js"

/**
 * A 32-byte secret of the server's own, shared through the store: read it, or make it and store it unless another
 * instance stored one first (then theirs is the one read back). Sealed at rest when the cipher has a key.
 */
export const serverSecret = async (rows: Rows, cipher: SecretCipher, name: string, now: number): Promise<Buffer> => {
  const context = `server_secrets/${name}`
  let row = await rows.secrets.get(name)
  if (!row) {
    await rows.secrets.insertIfAbsent({
      name,
      value: cipher.seal(randomBytes(32).toString("base64url"), context),
      createdAt: now,
    })
    row = await rows.secrets.get(name)
    if (!row) throw new Error(`server secret ${name} could not be stored`)
  }
  const key = Buffer.from(cipher.open(row.value, context), "base64url")
  if (key.length !== 32) throw new Error(`server secret ${name} in the store is not 32 bytes`)
  return key
}
