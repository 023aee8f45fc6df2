import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { TestOp } from "../server.js"
import { codeFlow, startOp } from "../test-support/helpers.js"
import {
  introspectRpt,
  protectionApi,
  registerRequester,
  requestTicket,
  resourceServer,
  umaGrant,
} from "../test-support/uma.js"
import { ID_TOKEN_FORMAT } from "./claimTokens.js"
import { UMA_PATHS } from "./paths.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())

describe("UMA across rotateKeys (a new Provider instance)", () => {
  it("keeps PATs, resources, tickets, RPTs, PCTs and policies, and still serves the UMA grant", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: "alice@example.org" })
    const { pat, resourceId } = await resourceServer(op)
    const requester = await registerRequester(op)
    const { tokens: before } = await codeFlow(op, requester, { scope: "openid" })
    const ticket = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })
    const pending = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })
    const first = (
      await umaGrant(op, requester, { ticket, claim_token: before.id_token!, claim_token_format: ID_TOKEN_FORMAT })
    ).body
    expect(first.access_token).toEqual(expect.any(String))
    const oldProvider = op.provider

    await op.rotateKeys()
    expect(op.provider).not.toBe(oldProvider)

    expect((await protectionApi(op, pat, "GET", UMA_PATHS.resourceRegistration)).body).toEqual([resourceId])
    expect((await introspectRpt(op, pat, first.access_token)).body).toMatchObject({ active: true })
    expect(op.uma.policies()).toEqual({ read: { kind: "require_claim", name: "email", value: "alice@example.org" } })

    // a ticket from before the rotation, redeemed with the PCT from before, on the new instance
    expect(await umaGrant(op, requester, { ticket: pending, pct: first.pct })).toMatchObject({
      status: 200,
      body: { upgraded: false },
    })

    // an ID token signed with the old key (still published) and one signed with the new key
    const t2 = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })
    expect(
      (
        await umaGrant(op, requester, {
          ticket: t2,
          claim_token: before.id_token!,
          claim_token_format: ID_TOKEN_FORMAT,
        })
      ).status,
    ).toBe(200)
    const { tokens: after } = await codeFlow(op, requester, { scope: "openid" })
    const t3 = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })
    expect(
      (await umaGrant(op, requester, { ticket: t3, claim_token: after.id_token!, claim_token_format: ID_TOKEN_FORMAT }))
        .status,
    ).toBe(200)

    // clients registered after the rotation can use the UMA grant too
    const late = await registerRequester(op)
    const t4 = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["write"] })
    expect((await umaGrant(op, late, { ticket: t4 })).status).toBe(200)
  })

  it("rejects ID tokens whose key was dropped (keepOld: false)", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: "alice@example.org" })
    const { pat, resourceId } = await resourceServer(op)
    const requester = await registerRequester(op)
    const { tokens } = await codeFlow(op, requester, { scope: "openid" })
    await op.rotateKeys({ keepOld: false })
    const ticket = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })
    expect(
      await umaGrant(op, requester, { ticket, claim_token: tokens.id_token!, claim_token_format: ID_TOKEN_FORMAT }),
    ).toMatchObject({
      status: 400,
      body: { error: "invalid_grant" },
    })
  })
})
