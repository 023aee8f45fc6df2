import { Cause } from "effect"
import { describe, expect, it } from "vitest"
import { describeDefect, redactSecrets } from "./redact.js"

const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU"
const opaque = "Zk3mQ9vX2pL7wR4tY8uJ1nB6cV5xS0aD3fG"

describe("redactSecrets", () => {
  it("masks JWTs and opaque tokens, keeps UUIDs, URLs' paths and words", () => {
    const text = `token ${jwt} secret=${opaque} for 6f1c2d3e-4b5a-4c6d-8e7f-901234567890 at https://op.example/.well-known/openid-configuration`
    const out = redactSecrets(text)
    expect(out).not.toContain(jwt)
    expect(out).not.toContain(opaque)
    expect(out).toContain("[jwt]")
    expect(out).toContain("6f1c2d3e-4b5a-4c6d-8e7f-901234567890")
    expect(out).toContain("openid-configuration")
  })

  it("masks short values named as secrets", () => {
    const out = redactSecrets(
      `boom with client_secret=hunter2, "access_token": "abc", Authorization: Bearer xyz; password: pw1`,
    )
    expect(out).not.toMatch(/hunter2|abc|xyz|pw1/)
    expect(out).toContain("client_secret=[redacted]")
  })
})

describe("describeDefect", () => {
  it("names the error and redacts its message; never the causes' text", () => {
    const d = describeDefect(Cause.die(new TypeError(`cannot read ${opaque} of ${jwt}`)))
    expect(d["error"]).toBe("TypeError")
    expect(JSON.stringify(d)).not.toContain(opaque)
    expect(JSON.stringify(d)).not.toContain(jwt)
    expect(d["at"]).toMatch(/redact\.test\.ts/)
  })

  it("says nothing of a thrown value that is not an Error (it could be a secret)", () => {
    expect(describeDefect(Cause.die(opaque))).toEqual({
      error: "string",
      detail: "(a value that is not an Error was thrown)",
    })
  })
})
