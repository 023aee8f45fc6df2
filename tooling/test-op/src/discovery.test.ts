import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { TestOp } from "./server.js"
import { getJson, startOp } from "./test-support/helpers.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())
afterEach(() => op.reset())

const openid = async () =>
  (await getJson(`${op.issuer}/.well-known/openid-configuration`)).body as Record<string, unknown>
const uma = async () => (await getJson(`${op.issuer}/.well-known/uma2-configuration`)).body as Record<string, unknown>
const admin = (path: string, body?: unknown) =>
  getJson(
    `${op.issuer}/__test/${path}`,
    body === undefined
      ? {}
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  )

describe("discovery rewrites: what the OP advertises, changed for a test", () => {
  it("replaces and removes fields of the OpenID document; the rest is oidc-provider's", async () => {
    const before = await openid()
    op.rewriteDiscovery({ openid: { userinfo_endpoint: "https://127.0.0.2:1/me", end_session_endpoint: null } })
    const after = await openid()
    expect(after.userinfo_endpoint).toBe("https://127.0.0.2:1/me")
    expect(before.end_session_endpoint).toBeDefined()
    expect(after).not.toHaveProperty("end_session_endpoint")
    expect(after.token_endpoint).toBe(before.token_endpoint)
    expect((await uma()).token_endpoint).toBe(before.token_endpoint) // the UMA document is untouched
  })

  it("rewrites the UMA document on its own, and reset() lifts every rewrite", async () => {
    op.rewriteDiscovery({ uma: { permission_endpoint: "https://127.0.0.2:1/perm" } })
    expect((await uma()).permission_endpoint).toBe("https://127.0.0.2:1/perm")
    expect((await openid()).issuer).toBe(op.issuer)
    op.reset()
    expect((await uma()).permission_endpoint).toBe(`${op.issuer}/uma/permission`)
    expect(op.currentDiscoveryRewrite()).toEqual({})
  })

  it("has a control API twin that validates what it is given", async () => {
    const set = await admin("discovery", { openid: { jwks_uri: "https://127.0.0.2:1/jwks" } })
    expect(set.status).toBe(200)
    expect(set.body).toEqual({ rewrite: { openid: { jwks_uri: "https://127.0.0.2:1/jwks" } } })
    expect((await openid()).jwks_uri).toBe("https://127.0.0.2:1/jwks")
    expect((await admin("discovery")).body).toEqual({ rewrite: { openid: { jwks_uri: "https://127.0.0.2:1/jwks" } } })
    const bad = await admin("discovery", { oauth: {} })
    expect(bad.status).toBe(400)
    expect(bad.body.error_description).toContain('unknown document "oauth"')
    expect((await admin("discovery", {})).body).toEqual({ rewrite: {} })
    expect((await openid()).jwks_uri).toBe(`${op.issuer}/jwks`)
  })
})
