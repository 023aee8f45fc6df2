import { createHash, timingSafeEqual } from "node:crypto"

/** `Authorization: Bearer <token>` → the token; any other scheme or shape → undefined (so: no token). */
export const bearerToken = (header: string | undefined): string | undefined => {
  const m = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header ?? "")
  return m?.[1]
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest()

/** Whether a secret given equals the one expected, in time that says nothing of either (digests of equal length). */
export const sameSecret = (given: string, expected: string): boolean => timingSafeEqual(digest(given), digest(expected))
