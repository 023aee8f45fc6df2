import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { TestOp } from "../server.js"
import { getJson, startOp } from "../test-support/helpers.js"
import { registerRequester, requestTicket, resourceServer, umaGrant } from "../test-support/uma.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())

const post = (path: string, body?: unknown, contentType = "application/json") =>
  getJson(`${op.issuer}/__test/${path}`, {
    method: "POST",
    headers: { "content-type": contentType },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

describe("UMA admin HTTP API", () => {
  it("sets policies that the token endpoint applies, and resets them", async () => {
    const { pat, resourceId } = await resourceServer(op)
    const requester = await registerRequester(op)
    const ticket = () => requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })

    expect(await post("uma/policy", { scope: "read", kind: "deny" })).toMatchObject({
      status: 200,
      body: { policies: { read: { kind: "deny" } } },
    })
    expect((await umaGrant(op, requester, { ticket: await ticket() })).body.error).toBe("request_denied")

    await post("uma/policy", { scope: "read", kind: "require_claim", name: "email", value: "alice@example.org" })
    expect((await getJson(`${op.issuer}/__test/uma/policy`)).body).toEqual({
      read: { kind: "require_claim", name: "email", value: "alice@example.org" },
    })
    expect((await umaGrant(op, requester, { ticket: await ticket() })).body.error).toBe("need_info")

    expect((await post("uma/reset")).status).toBe(200)
    expect(op.uma.policies()).toEqual({})
    expect((await umaGrant(op, requester, { ticket: await ticket() })).status).toBe(200)

    await post("uma/policy", { scope: "read", kind: "deny" })
    await post("reset") // the general reset clears UMA policies too
    expect((await umaGrant(op, requester, { ticket: await ticket() })).status).toBe(200)
  })

  it("changes the RPT lifetime", async () => {
    const { pat, resourceId } = await resourceServer(op)
    const requester = await registerRequester(op)
    expect(await post("uma/rpt-ttl", { seconds: 7 })).toMatchObject({ status: 200 })
    const ticket = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })
    expect((await umaGrant(op, requester, { ticket })).body.expires_in).toBe(7)
    await post("uma/reset")
  })

  it("lists registered resources with owner and scope_expression", async () => {
    const expr = { rule: { or: [{ var: 0 }] }, data: ["read"] }
    const { rs, resourceId } = await resourceServer(op, {
      resource_scopes: ["read"],
      name: "doc",
      scope_expression: expr,
    })
    const { status, body } = await getJson(`${op.issuer}/__test/uma/resources`)
    expect(status).toBe(200)
    expect(body.find((r: { _id: string }) => r._id === resourceId)).toEqual({
      _id: resourceId,
      owner: rs.clientMetadata().client_id,
      resource_scopes: ["read"],
      name: "doc",
      scope_expression: expr,
    })
  })

  it("validates requests", async () => {
    expect((await post("uma/policy", { scope: "read", kind: "maybe" })).status).toBe(400)
    expect((await post("uma/policy", { kind: "deny" })).status).toBe(400)
    expect((await post("uma/policy", { scope: "read", kind: "require_claim", name: "email" })).status).toBe(400)
    expect((await post("uma/rpt-ttl", { seconds: 0 })).status).toBe(400)
    expect((await post("uma/rpt-ttl", { seconds: "5" })).status).toBe(400)
    expect((await post("uma/reset", {}, "text/plain")).status).toBe(415)
    expect(op.uma.policies()).toEqual({})
  })
})
