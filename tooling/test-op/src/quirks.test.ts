import * as client from "openid-client"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { TestOp } from "./server.js"
import { codeFlow, getJson, REDIRECT_URI, register, startOp } from "./test-support/helpers.js"

/** Registers through the RFC 7591 endpoint directly: openid-client would refuse some of these answers. */
const registerRaw = async (op: TestOp, metadata: Record<string, unknown> = {}) => {
  const { body } = await getJson(`${op.issuer}/.well-known/openid-configuration`)
  return getJson(body.registration_endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      redirect_uris: [REDIRECT_URI],
      post_logout_redirect_uris: ["https://client.example.org/a", "https://client.example.org/b"],
      ...metadata,
    }),
  })
}

describe("registration quirks of other OPs", () => {
  let op: TestOp
  beforeAll(async () => {
    op = await startOp()
  })
  afterEach(() => op.reset())
  afterAll(() => op?.close())

  it("public_when_auth_method_omitted: no token_endpoint_auth_method registers a public client, an explicit one is honoured", async () => {
    op.quirks(["public_when_auth_method_omitted"])
    const omitted = await registerRaw(op)
    expect(omitted.status).toBe(201)
    expect(omitted.body.token_endpoint_auth_method).toBe("none")
    expect(omitted.body.client_secret).toBeUndefined()
    const explicit = await registerRaw(op, { token_endpoint_auth_method: "client_secret_basic" })
    expect(explicit.body).toMatchObject({
      token_endpoint_auth_method: "client_secret_basic",
      client_secret: expect.any(String),
    })
    op.reset()
    expect((await registerRaw(op)).body).toMatchObject({
      token_endpoint_auth_method: "client_secret_basic",
      client_secret: expect.any(String),
    })
  })

  it("registration_without_secret: the answer leaves out the secret of a confidential client", async () => {
    op.quirks(["registration_without_secret"])
    const { status, body } = await registerRaw(op, { token_endpoint_auth_method: "client_secret_basic" })
    expect(status).toBe(201)
    expect(body.token_endpoint_auth_method).toBe("client_secret_basic")
    expect(body.client_secret).toBeUndefined()
    expect(body.client_secret_expires_at).toBeUndefined()
  })

  it("singular_post_logout_redirect_uri: keeps the first post-logout URI and answers it as one string", async () => {
    op.quirks(["singular_post_logout_redirect_uri"])
    const { body } = await registerRaw(op)
    expect(body.post_logout_redirect_uri).toBe("https://client.example.org/a")
    expect(body.post_logout_redirect_uris).toBeUndefined()
    const read = await getJson(body.registration_client_uri, {
      headers: { authorization: `Bearer ${body.registration_access_token}` },
    })
    expect(read.body.post_logout_redirect_uri).toBe("https://client.example.org/a")
    op.reset()
    const stored = await getJson(body.registration_client_uri, {
      headers: { authorization: `Bearer ${body.registration_access_token}` },
    })
    expect(stored.body.post_logout_redirect_uris).toEqual(["https://client.example.org/a"])
  })

  it("refuses an unknown quirk, over the control API too", async () => {
    expect(() => op.quirks(["nope" as never])).toThrow(/unknown quirk "nope"/)
    const res = await getJson(`${op.issuer}/__test/quirks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ quirks: ["nope"] }),
    })
    expect(res.status).toBe(400)
    const set = await getJson(`${op.issuer}/__test/quirks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ quirks: ["registration_without_secret"] }),
    })
    expect(set.body).toEqual({ quirks: ["registration_without_secret"] })
  })

  it("the forbidden fault: 403 with an empty body and no content type", async () => {
    op.fault({ mode: "forbidden", paths: ["/token"] })
    const res = await fetch(`${op.issuer}/token`, { method: "POST" })
    expect(res.status).toBe(403)
    expect(res.headers.get("content-type")).toBeNull()
    expect(await res.text()).toBe("")
  })
})

describe("an issuer with a path (mountPath)", () => {
  let op: TestOp
  beforeAll(async () => {
    op = await startOp({ mountPath: "/api/oidc" })
  })
  afterAll(() => op?.close())

  it("serves discovery under the issuer's path, with every endpoint under it", async () => {
    expect(op.issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/oidc$/)
    const { status, body } = await getJson(`${op.issuer}/.well-known/openid-configuration`)
    expect(status).toBe(200)
    expect(body.issuer).toBe(op.issuer)
    for (const k of [
      "authorization_endpoint",
      "token_endpoint",
      "userinfo_endpoint",
      "jwks_uri",
      "registration_endpoint",
      "end_session_endpoint",
    ]) {
      expect(body[k], k).toMatch(new RegExp(`^${op.issuer.replace(/[.]/g, "\\.")}/`))
    }
  })

  it("signs a user in through the mounted endpoints", async () => {
    const config = await register(op)
    const { tokens } = await codeFlow(op, config)
    expect(tokens.claims()?.iss).toBe(op.issuer)
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub)
    expect(userinfo.sub).toBe(tokens.claims()!.sub)
  })
})
