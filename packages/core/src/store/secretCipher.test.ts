import { randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { makeSecretCipher, SEALED_PREFIX, secretKeyProblem } from "./secretCipher.js"

const rawKey = randomBytes(32).toString("base64")

describe("secretCipher (AES-256-GCM at rest)", () => {
  it("seals and opens, with a fresh IV each time", () => {
    for (const key of [rawKey, randomBytes(32).toString("base64url"), "a passphrase of some length"]) {
      const c = makeSecretCipher(key)
      const a = c.seal("s3cret", "sites/x/clientSecret")
      const b = c.seal("s3cret", "sites/x/clientSecret")
      expect(a.startsWith(SEALED_PREFIX)).toBe(true)
      expect(a).not.toBe(b)
      expect(a).not.toContain("s3cret")
      expect(c.open(a, "sites/x/clientSecret")).toBe("s3cret")
    }
  })

  it("refuses a value moved to another row or column, a wrong key, and a damaged value", () => {
    const c = makeSecretCipher(rawKey)
    const sealed = c.seal("s3cret", "sites/x/clientSecret")
    expect(() => c.open(sealed, "sites/y/clientSecret")).toThrow(/cannot be decrypted/)
    expect(() => makeSecretCipher(randomBytes(32).toString("base64")).open(sealed, "sites/x/clientSecret")).toThrow(
      /not the key it was written with/,
    )
    expect(() => c.open(`${SEALED_PREFIX}AAAA`, "sites/x/clientSecret")).toThrow(/damaged/)
  })

  it("reads plaintext values of before the key as they are; without a key, refuses sealed ones", () => {
    expect(makeSecretCipher(rawKey).open("old-plain-secret", "ctx")).toBe("old-plain-secret")
    const none = makeSecretCipher(undefined)
    expect(none.seal("x", "ctx")).toBe("x")
    expect(() => none.open(makeSecretCipher(rawKey).seal("x", "ctx"), "ctx")).toThrow(/no secrets_encryption_key/)
  })

  it("refuses a weak key without quoting it", () => {
    expect(secretKeyProblem("short")).toMatch(/at least 16/)
    expect(secretKeyProblem(rawKey)).toBeUndefined()
    expect(() => makeSecretCipher("short")).toThrow(/secrets_encryption_key/)
    expect(() => makeSecretCipher("short")).not.toThrow(/short/)
  })
})
