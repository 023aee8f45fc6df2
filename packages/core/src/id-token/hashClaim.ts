import { createHash } from "node:crypto"

/** at_hash / c_hash (OIDC Core 3.1.3.6): left half of the hash of the ASCII value, base64url. */
export const hashClaim = (value: string, alg: string): string | undefined => {
  const digest =
    alg === "EdDSA" || alg === "Ed25519"
      ? "sha512"
      : ({ "256": "sha256", "384": "sha384", "512": "sha512" } as const)[alg.slice(-3)]
  if (!digest) return undefined
  const full = createHash(digest).update(value, "ascii").digest()
  return full.subarray(0, full.length / 2).toString("base64url")
}
