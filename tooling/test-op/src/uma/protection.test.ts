import * as client from "openid-client"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { TestOp } from "../server.js"
import { codeFlow, register, startOp } from "../test-support/helpers.js"
import {
  getPat,
  protectionApi,
  registerResource,
  registerRs,
  requestTicket,
  resourceServer,
  sleep,
} from "../test-support/uma.js"
import { UMA_PATHS } from "./paths.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())

const RREG = UMA_PATHS.resourceRegistration
const PERM = UMA_PATHS.permission

describe("PAT protection", () => {
  it("rejects a missing, unknown or non-Bearer token with 401 and a challenge", async () => {
    for (const path of [RREG, PERM, UMA_PATHS.introspection]) {
      const missing = await protectionApi(op, undefined, "POST", path, {})
      expect(missing.status).toBe(401)
      expect(missing.headers.get("www-authenticate")).toBe(`Bearer realm="${op.issuer}"`)
    }
    const unknown = await protectionApi(op, "not-a-token", "GET", RREG)
    expect(unknown.status).toBe(401)
    expect(unknown.headers.get("www-authenticate")).toMatch(/^Bearer realm="[^"]+", error="invalid_token"/)
    expect(unknown.body).toMatchObject({ error: "invalid_token" })

    const rs = await registerRs(op)
    const pat = await getPat(rs)
    const basic = await fetch(`${op.issuer}${RREG}`, { headers: { authorization: `Basic ${pat}` } })
    expect(basic.status).toBe(401)
  })

  it("rejects a client_credentials token without uma_protection", async () => {
    const rs = await registerRs(op)
    const token = await getPat(rs, "openid")
    const r = await protectionApi(op, token, "GET", RREG)
    expect(r.status).toBe(401)
    expect(r.headers.get("www-authenticate")).toContain('error="insufficient_scope"')
    expect((await protectionApi(op, await getPat(rs), "GET", RREG)).status).toBe(200)
  })

  it("rejects a user access token without uma_protection, accepts one with it", async () => {
    const app = await register(op)
    const plain = await codeFlow(op, app, { scope: "openid" })
    expect((await protectionApi(op, plain.tokens.access_token, "GET", RREG)).status).toBe(401)
    const withScope = await codeFlow(op, app, { scope: "openid uma_protection" })
    expect((await protectionApi(op, withScope.tokens.access_token, "GET", RREG)).status).toBe(200)
  })

  it("rejects a revoked PAT", async () => {
    const rs = await registerRs(op)
    const pat = await getPat(rs)
    expect((await protectionApi(op, pat, "GET", RREG)).status).toBe(200)
    await client.tokenRevocation(rs, pat)
    expect((await protectionApi(op, pat, "GET", RREG)).status).toBe(401)
  })

  it("rejects an expired PAT (ttl.ClientCredentials)", async () => {
    const short = await startOp({ ttl: { ClientCredentials: 2 } })
    try {
      const rs = await registerRs(short)
      const tokens = await client.clientCredentialsGrant(rs, { scope: "uma_protection" })
      expect(tokens.expires_in).toBeLessThanOrEqual(2)
      expect((await protectionApi(short, tokens.access_token, "GET", RREG)).status).toBe(200)
      await sleep(2_300)
      const r = await protectionApi(short, tokens.access_token, "GET", RREG)
      expect(r.status).toBe(401)
      expect(r.headers.get("www-authenticate")).toContain('error="invalid_token"')
    } finally {
      await short.close()
    }
  })
})

describe("resource registration", () => {
  it("creates, lists, reads, replaces and deletes resources", async () => {
    const rs = await registerRs(op)
    const pat = await getPat(rs)
    const scopeExpression = { rule: { and: [{ var: 0 }, { var: 1 }] }, data: ["read", "write"] }
    const created = await protectionApi(op, pat, "POST", RREG, {
      resource_scopes: ["read", "write"],
      name: "album",
      description: "holiday photos",
      icon_uri: "https://rs.example.org/album.png",
      type: "https://rs.example.org/types/album",
      scope_expression: scopeExpression,
    })
    expect(created.status).toBe(201)
    const id = created.body._id
    expect(id).toEqual(expect.any(String))
    expect(created.headers.get("location")).toBe(`${op.issuer}${RREG}/${id}`)

    const second = await registerResource(op, pat, { resource_scopes: ["view"] })
    expect((await protectionApi(op, pat, "GET", RREG)).body.sort()).toEqual([id, second].sort())

    const read = await protectionApi(op, pat, "GET", `${RREG}/${id}`)
    expect(read).toMatchObject({ status: 200 })
    expect(read.body).toEqual({
      _id: id,
      resource_scopes: ["read", "write"],
      name: "album",
      description: "holiday photos",
      icon_uri: "https://rs.example.org/album.png",
      type: "https://rs.example.org/types/album",
      scope_expression: scopeExpression,
    })
    expect(op.uma.resources().find((r) => r._id === id)).toMatchObject({
      owner: rs.clientMetadata().client_id,
      scope_expression: scopeExpression,
    })

    const put = await protectionApi(op, pat, "PUT", `${RREG}/${id}`, { resource_scopes: ["delete"], name: "renamed" })
    expect(put).toMatchObject({ status: 200, body: { _id: id } })
    expect((await protectionApi(op, pat, "GET", `${RREG}/${id}`)).body).toEqual({
      _id: id,
      resource_scopes: ["delete"],
      name: "renamed",
    })

    const del = await protectionApi(op, pat, "DELETE", `${RREG}/${id}`)
    expect(del.status).toBe(204)
    expect((await protectionApi(op, pat, "GET", `${RREG}/${id}`)).status).toBe(404)
    expect((await protectionApi(op, pat, "DELETE", `${RREG}/${id}`)).status).toBe(404)
    expect((await protectionApi(op, pat, "GET", RREG)).body).toEqual([second])
  })

  it("keeps each resource server to its own resources", async () => {
    const a = await resourceServer(op)
    const b = await resourceServer(op)
    expect((await protectionApi(op, b.pat, "GET", RREG)).body).toEqual([b.resourceId])
    for (const method of ["GET", "DELETE"])
      expect((await protectionApi(op, b.pat, method, `${RREG}/${a.resourceId}`)).status).toBe(404)
    expect((await protectionApi(op, b.pat, "PUT", `${RREG}/${a.resourceId}`, { resource_scopes: ["x"] })).status).toBe(
      404,
    )
    expect((await protectionApi(op, a.pat, "GET", `${RREG}/${a.resourceId}`)).status).toBe(200)
    expect((await protectionApi(op, a.pat, "GET", `${RREG}/unknown-id`)).status).toBe(404)
  })

  it.each([
    ["no resource_scopes", { name: "x" }],
    ["empty resource_scopes", { resource_scopes: [] }],
    ["non-string scope", { resource_scopes: ["read", 1] }],
    ["non-string name", { resource_scopes: ["read"], name: 5 }],
    ["bad icon_uri", { resource_scopes: ["read"], icon_uri: "not a url" }],
    ["bad scope_expression", { resource_scopes: ["read"], scope_expression: { rule: "x" } }],
    ["an array", [{ resource_scopes: ["read"] }]],
  ])("answers 400 invalid_request for %s", async (_label, body) => {
    const rs = await registerRs(op)
    const r = await protectionApi(op, await getPat(rs), "POST", RREG, body)
    expect(r).toMatchObject({ status: 400, body: { error: "invalid_request" } })
  })

  it("answers 400 for a non-JSON body", async () => {
    const rs = await registerRs(op)
    const res = await fetch(`${op.issuer}${RREG}`, {
      method: "POST",
      headers: { authorization: `Bearer ${await getPat(rs)}`, "content-type": "text/plain" },
      body: "resource_scopes=read",
    })
    expect(res.status).toBe(400)
  })
})

describe("permission endpoint", () => {
  it("issues a ticket for one permission or several", async () => {
    const { pat, resourceId } = await resourceServer(op)
    const other = await registerResource(op, pat, { resource_scopes: ["view"] })
    const one = await protectionApi(op, pat, "POST", PERM, { resource_id: resourceId, resource_scopes: ["read"] })
    expect(one).toMatchObject({ status: 201, body: { ticket: expect.any(String) } })
    const many = await requestTicket(op, pat, [
      { resource_id: resourceId, resource_scopes: ["read"] },
      { resource_id: other, resource_scopes: ["view"] },
    ])
    expect(many).not.toBe(one.body.ticket)
  })

  it("rejects other resource servers' resources and unregistered scopes", async () => {
    const a = await resourceServer(op)
    const b = await resourceServer(op)
    expect(
      await protectionApi(op, b.pat, "POST", PERM, { resource_id: a.resourceId, resource_scopes: ["read"] }),
    ).toMatchObject({
      status: 400,
      body: { error: "invalid_resource_id" },
    })
    expect(
      await protectionApi(op, a.pat, "POST", PERM, { resource_id: "nope", resource_scopes: ["read"] }),
    ).toMatchObject({
      status: 400,
      body: { error: "invalid_resource_id" },
    })
    expect(
      await protectionApi(op, a.pat, "POST", PERM, { resource_id: a.resourceId, resource_scopes: ["read", "admin"] }),
    ).toMatchObject({
      status: 400,
      body: { error: "invalid_scope" },
    })
    expect(await protectionApi(op, a.pat, "POST", PERM, [])).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    })
    expect(await protectionApi(op, a.pat, "POST", PERM, { resource_id: a.resourceId })).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    })
  })
})
