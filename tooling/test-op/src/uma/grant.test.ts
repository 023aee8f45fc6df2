import * as client from "openid-client"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import type { TestOp } from "../server.js"
import { codeFlow, startOp } from "../test-support/helpers.js"
import {
  CLAIMS_REDIRECT_URI,
  introspectRpt,
  registerRequester,
  registerResource,
  requestTicket,
  resourceServer,
  sleep,
  umaGrant,
} from "../test-support/uma.js"
import { ID_TOKEN_FORMAT, JWT_FORMAT } from "./claimTokens.js"
import { gatherClaims } from "./gatherClaims.js"
import { UMA_TICKET_GRANT } from "./paths.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())
beforeEach(() => op.reset())

const ALICE_EMAIL = "alice@example.org"

async function setup(scopes: string[] = ["read"]) {
  const { pat, resourceId } = await resourceServer(op)
  const requester = await registerRequester(op)
  const ticket = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: scopes })
  return { pat, resourceId, requester, ticket }
}

const claimsUrl = (needInfo: { ticket: string }, requester: client.Configuration, state = "st-1") => {
  const url = new URL(op.uma.endpoints.claimsInteraction)
  url.searchParams.set("client_id", requester.clientMetadata().client_id)
  url.searchParams.set("ticket", needInfo.ticket)
  url.searchParams.set("claims_redirect_uri", CLAIMS_REDIRECT_URI)
  url.searchParams.set("state", state)
  return url.href
}

describe("UMA grant with the default (grant) policy", () => {
  it("issues an RPT whose introspection lists the permissions with exp", async () => {
    const { pat, resourceId, requester, ticket } = await setup(["read"])
    const r = await umaGrant(op, requester, { ticket })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      access_token: expect.any(String),
      token_type: "Bearer",
      expires_in: 3600,
      pct: expect.any(String),
      upgraded: false,
    })

    const { status, body } = await introspectRpt(op, pat, r.body.access_token)
    expect(status).toBe(200)
    const now = Math.floor(Date.now() / 1000)
    expect(body).toMatchObject({ active: true, client_id: requester.clientMetadata().client_id, token_type: "Bearer" })
    expect(body.exp - body.iat).toBeGreaterThanOrEqual(3599)
    expect(body.iat).toBeLessThanOrEqual(now)
    expect(body.permissions).toEqual([{ resource_id: resourceId, resource_scopes: ["read"], exp: body.exp }])
  })

  it("works through openid-client's genericGrantRequest (client_secret_basic)", async () => {
    const { requester, ticket } = await setup()
    const tokens = await client.genericGrantRequest(requester, UMA_TICKET_GRANT, { ticket })
    expect(tokens.token_type.toLowerCase()).toBe("bearer")
    expect(tokens).toMatchObject({ access_token: expect.any(String), pct: expect.any(String), upgraded: false })
  })

  it("answers active:false for unknown tokens and for non-RPT tokens", async () => {
    const { pat } = await setup()
    expect((await introspectRpt(op, pat, "nope")).body).toEqual({ active: false })
    expect((await introspectRpt(op, pat, pat)).body).toEqual({ active: false })
  })

  it("takes extra scopes through `scope`, rejecting unregistered ones with invalid_scope", async () => {
    const { pat, resourceId, requester, ticket } = await setup(["read"])
    const bad = await umaGrant(op, requester, { ticket, scope: "read admin" })
    expect(bad).toMatchObject({ status: 400, body: { error: "invalid_scope" } })
    const ok = await umaGrant(op, requester, { ticket, scope: "write" }) // the ticket survived the rejected request
    expect(ok.status).toBe(200)
    expect((await introspectRpt(op, pat, ok.body.access_token)).body.permissions).toEqual([
      { resource_id: resourceId, resource_scopes: ["read", "write"], exp: expect.any(Number) },
    ])
  })
})

describe("tickets", () => {
  it("are single-use; unknown or missing tickets are rejected", async () => {
    const { requester, ticket } = await setup()
    expect((await umaGrant(op, requester, { ticket })).status).toBe(200)
    expect(await umaGrant(op, requester, { ticket })).toMatchObject({ status: 400, body: { error: "invalid_grant" } })
    expect(await umaGrant(op, requester, { ticket: "made-up" })).toMatchObject({
      status: 400,
      body: { error: "invalid_grant" },
    })
    expect(await umaGrant(op, requester, {})).toMatchObject({ status: 400, body: { error: "invalid_request" } })
  })

  it("need the UMA grant among the client's grant_types", async () => {
    const { requester, ticket } = await setup()
    const plain = await registerRequester(op, { grant_types: ["authorization_code"] })
    expect(await umaGrant(op, plain, { ticket })).toMatchObject({
      status: 400,
      body: { error: "invalid_request", error_description: expect.stringMatching(/grant type is not allowed/) },
    })
    expect((await umaGrant(op, requester, { ticket })).status).toBe(200) // not spent by the refused client
  })

  it("expire (ttl.PermissionTicket)", async () => {
    const short = await startOp({ ttl: { PermissionTicket: 1 } })
    try {
      const { pat, resourceId } = await resourceServer(short)
      const requester = await registerRequester(short)
      const ticket = await requestTicket(short, pat, { resource_id: resourceId, resource_scopes: ["read"] })
      await sleep(1_200)
      expect(await umaGrant(short, requester, { ticket })).toMatchObject({
        status: 400,
        body: { error: "invalid_grant" },
      })
    } finally {
      await short.close()
    }
  })
})

describe("policies", () => {
  it("deny -> 403 request_denied, and the ticket is spent", async () => {
    op.uma.setPolicy("write", { kind: "deny" })
    const { requester, ticket } = await setup(["read", "write"])
    const r = await umaGrant(op, requester, { ticket })
    expect(r).toMatchObject({ status: 403, body: { error: "request_denied" } })
    expect(r.body.ticket).toBeUndefined()
    expect((await umaGrant(op, requester, { ticket })).body.error).toBe("invalid_grant")
  })

  it("deny applies only to its scope", async () => {
    op.uma.setPolicy("write", { kind: "deny" })
    const { requester, ticket } = await setup(["read"])
    expect((await umaGrant(op, requester, { ticket })).status).toBe(200)
  })

  it("require_claim -> 403 need_info with a new ticket, required_claims and redirect_user", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: ALICE_EMAIL })
    const { requester, ticket } = await setup(["read"])
    const r = await umaGrant(op, requester, { ticket })
    expect(r.status).toBe(403)
    expect(r.body).toMatchObject({
      error: "need_info",
      ticket: expect.any(String),
      required_claims: [
        {
          claim_token_format: [ID_TOKEN_FORMAT, JWT_FORMAT],
          claim_type: "string",
          friendly_name: "email",
          issuer: [op.issuer],
          name: "email",
        },
      ],
    })
    expect(r.body.ticket).not.toBe(ticket)
    const redirectUser = new URL(r.body.redirect_user)
    expect(`${redirectUser.origin}${redirectUser.pathname}`).toBe(op.uma.endpoints.claimsInteraction)
    expect(redirectUser.searchParams.get("ticket")).toBe(r.body.ticket)
    expect((await umaGrant(op, requester, { ticket })).body.error).toBe("invalid_grant") // old ticket spent
    expect((await umaGrant(op, requester, { ticket: r.body.ticket })).body.error).toBe("need_info") // still no claims
  })

  it("tickets handed out with need_info are bound to that client", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: ALICE_EMAIL })
    const { requester, ticket } = await setup(["read"])
    const needInfo = (await umaGrant(op, requester, { ticket })).body
    const other = await registerRequester(op)
    expect((await umaGrant(op, other, { ticket: needInfo.ticket })).body.error).toBe("invalid_grant")
  })
})

describe("claims gathering", () => {
  it("gathers the claim through the form, and the new ticket yields an RPT", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: ALICE_EMAIL })
    const { pat, resourceId, requester, ticket } = await setup(["read"])
    const needInfo = (await umaGrant(op, requester, { ticket })).body

    const gathered = await gatherClaims(claimsUrl(needInfo, requester, "xyz"), { email: ALICE_EMAIL }, { ca: op.caPem })
    expect(gathered.state).toBe("xyz")
    expect(gathered.ticket).not.toBe(needInfo.ticket)
    expect(gathered.redirectUrl.startsWith(`${CLAIMS_REDIRECT_URI}?`)).toBe(true)
    expect(new URL(gathered.redirectUrl).searchParams.get("ticket")).toBe(gathered.ticket)

    const r = await umaGrant(op, requester, { ticket: gathered.ticket })
    expect(r.status).toBe(200)
    expect((await introspectRpt(op, pat, r.body.access_token)).body.permissions).toMatchObject([
      { resource_id: resourceId, resource_scopes: ["read"] },
    ])
    // the gathering spent the need_info ticket
    expect((await umaGrant(op, requester, { ticket: needInfo.ticket })).body.error).toBe("invalid_grant")
  })

  it("follows redirect_user with the client's parameters appended", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "country", value: "FR" })
    const { requester, ticket } = await setup(["read"])
    const needInfo = (await umaGrant(op, requester, { ticket })).body
    const url = new URL(needInfo.redirect_user)
    url.searchParams.append("client_id", requester.clientMetadata().client_id)
    url.searchParams.append("ticket", needInfo.ticket)
    url.searchParams.append("claims_redirect_uri", CLAIMS_REDIRECT_URI)
    const gathered = await gatherClaims(url.href, { country: "FR" }, { ca: op.caPem })
    expect(gathered.state).toBeNull()
    expect((await umaGrant(op, requester, { ticket: gathered.ticket })).status).toBe(200)
  })

  it("asks again (need_info) when the gathered value doesn't match", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: ALICE_EMAIL })
    const { requester, ticket } = await setup(["read"])
    const needInfo = (await umaGrant(op, requester, { ticket })).body
    const gathered = await gatherClaims(
      claimsUrl(needInfo, requester),
      { email: "mallory@example.org" },
      { ca: op.caPem },
    )
    expect((await umaGrant(op, requester, { ticket: gathered.ticket })).body.error).toBe("need_info")
  })

  it("shows fields named by the required claims only", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: ALICE_EMAIL })
    const { requester, ticket } = await setup(["read"])
    const needInfo = (await umaGrant(op, requester, { ticket })).body
    await expect(gatherClaims(claimsUrl(needInfo, requester), { phone: "1" }, { ca: op.caPem })).rejects.toThrow(
      /does not ask for phone.*asks for: email/,
    )
  })

  it("refuses unregistered claims_redirect_uri, unknown clients and unknown tickets", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: ALICE_EMAIL })
    const { requester, ticket } = await setup(["read"])
    const needInfo = (await umaGrant(op, requester, { ticket })).body
    const url = new URL(claimsUrl(needInfo, requester))
    url.searchParams.set("claims_redirect_uri", "https://attacker.example.com/cb")
    await expect(gatherClaims(url.href, {}, { ca: op.caPem })).rejects.toThrow(/400.*not registered/)
    url.searchParams.set("claims_redirect_uri", CLAIMS_REDIRECT_URI)
    url.searchParams.set("client_id", "nobody")
    await expect(gatherClaims(url.href, {}, { ca: op.caPem })).rejects.toThrow(/Unknown client_id/)
    await expect(gatherClaims(claimsUrl({ ticket: "made-up" }, requester), {}, { ca: op.caPem })).rejects.toThrow(
      /ticket is unknown/,
    )
    // a POST straight to the endpoint with an unregistered redirect URI never redirects
    url.searchParams.set("client_id", requester.clientMetadata().client_id)
    url.searchParams.set("claims_redirect_uri", "https://attacker.example.com/cb")
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=x",
      redirect: "manual",
    })
    expect(res.status).toBe(400)
  })
})

describe("pushed claims (claim_token)", () => {
  it("an ID token from this OP satisfies require_claim directly (user claims looked up by sub)", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: ALICE_EMAIL })
    const { requester, ticket } = await setup(["read"])
    const { tokens } = await codeFlow(op, requester, { scope: "openid" })
    const r = await umaGrant(op, requester, {
      ticket,
      claim_token: tokens.id_token!,
      claim_token_format: ID_TOKEN_FORMAT,
    })
    expect(r.status).toBe(200)
    expect(r.body.access_token).toEqual(expect.any(String))
  })

  it("accepts the JWT format too; bob's ID token doesn't satisfy alice's email", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: ALICE_EMAIL })
    const { requester, ticket } = await setup(["read"])
    const bob = await codeFlow(op, requester, { scope: "openid", login: { username: "bob", password: "bob-password" } })
    const r = await umaGrant(op, requester, {
      ticket,
      claim_token: bob.tokens.id_token!,
      claim_token_format: JWT_FORMAT,
    })
    expect(r.body.error).toBe("need_info")
    const alice = await codeFlow(op, requester, { scope: "openid" })
    expect(
      (
        await umaGrant(op, requester, {
          ticket: r.body.ticket,
          claim_token: alice.tokens.id_token!,
          claim_token_format: JWT_FORMAT,
        })
      ).status,
    ).toBe(200)
  })

  it("rejects unsupported formats and forged tokens", async () => {
    const { requester, ticket } = await setup(["read"])
    const { tokens } = await codeFlow(op, requester, { scope: "openid" })
    const noFormat = await umaGrant(op, requester, { ticket, claim_token: tokens.id_token! })
    expect(noFormat).toMatchObject({ status: 400, body: { error: "invalid_request" } })
    const unsupported = await umaGrant(op, requester, {
      ticket,
      claim_token: tokens.id_token!,
      claim_token_format: "urn:example:saml",
    })
    expect(unsupported).toMatchObject({ status: 400, body: { error: "invalid_request" } })
    const [h, p, sig = ""] = tokens.id_token!.split(".")
    const i = Math.floor(sig.length / 2)
    const forged = `${h}.${p}.${sig.slice(0, i)}${sig[i] === "A" ? "B" : "A"}${sig.slice(i + 1)}`
    expect(
      await umaGrant(op, requester, { ticket, claim_token: forged, claim_token_format: ID_TOKEN_FORMAT }),
    ).toMatchObject({
      status: 400,
      body: { error: "invalid_grant" },
    })
    expect((await umaGrant(op, requester, { ticket })).status).toBe(200) // none of those spent the ticket
  })
})

describe("PCT", () => {
  it("carries satisfied claims into later requests of the same client", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "email", value: ALICE_EMAIL })
    const { pat, resourceId, requester, ticket } = await setup(["read"])
    const { tokens } = await codeFlow(op, requester, { scope: "openid" })
    const first = await umaGrant(op, requester, {
      ticket,
      claim_token: tokens.id_token!,
      claim_token_format: ID_TOKEN_FORMAT,
    })
    expect(first.status).toBe(200)
    const pct = first.body.pct

    const next = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })
    const second = await umaGrant(op, requester, { ticket: next, pct })
    expect(second.status).toBe(200)
    expect(second.body.pct).toBe(pct) // nothing new learned: same PCT

    const another = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })
    expect((await umaGrant(op, requester, { ticket: another })).body.error).toBe("need_info") // without the PCT
    const stranger = await registerRequester(op)
    const foreign = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })
    expect((await umaGrant(op, stranger, { ticket: foreign, pct })).body.error).toBe("need_info") // another client's PCT
  })

  it("records gathered claims too", async () => {
    op.uma.setPolicy("read", { kind: "require_claim", name: "country", value: "FR" })
    const { pat, resourceId, requester, ticket } = await setup(["read"])
    const needInfo = (await umaGrant(op, requester, { ticket })).body
    const gathered = await gatherClaims(claimsUrl(needInfo, requester), { country: "FR" }, { ca: op.caPem })
    const { pct } = (await umaGrant(op, requester, { ticket: gathered.ticket })).body
    const next = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["read"] })
    expect((await umaGrant(op, requester, { ticket: next, pct })).status).toBe(200)
  })
})

describe("RPT upgrade and lifetime", () => {
  it("upgrades: the new RPT carries the old RPT's permissions", async () => {
    const { pat, resourceId, requester, ticket } = await setup(["read"])
    const other = await registerResource(op, pat, { resource_scopes: ["view"] })
    const first = (await umaGrant(op, requester, { ticket })).body

    const t2 = await requestTicket(op, pat, { resource_id: other, resource_scopes: ["view"] })
    const upgraded = await umaGrant(op, requester, { ticket: t2, rpt: first.access_token })
    expect(upgraded).toMatchObject({ status: 200, body: { upgraded: true } })
    expect(upgraded.body.access_token).not.toBe(first.access_token)
    const perms = (await introspectRpt(op, pat, upgraded.body.access_token)).body.permissions
    expect(perms).toHaveLength(2)
    expect(perms).toEqual(
      expect.arrayContaining([
        { resource_id: resourceId, resource_scopes: ["read"], exp: expect.any(Number) },
        { resource_id: other, resource_scopes: ["view"], exp: expect.any(Number) },
      ]),
    )

    const t3 = await requestTicket(op, pat, { resource_id: resourceId, resource_scopes: ["write"] })
    const merged = (await umaGrant(op, requester, { ticket: t3, rpt: upgraded.body.access_token })).body
    const mergedPerms = (await introspectRpt(op, pat, merged.access_token)).body.permissions
    expect(
      mergedPerms.find((p: { resource_id: string }) => p.resource_id === resourceId).resource_scopes.sort(),
    ).toEqual(["read", "write"])

    const t4 = await requestTicket(op, pat, { resource_id: other, resource_scopes: ["view"] })
    expect((await umaGrant(op, requester, { ticket: t4, rpt: "unknown-rpt" })).body.upgraded).toBe(false)
  })

  it("expires RPTs after the configured lifetime (setRptTtl), then reset restores it", async () => {
    op.uma.setRptTtl(1)
    const { pat, requester, ticket } = await setup(["read"])
    const r = (await umaGrant(op, requester, { ticket })).body
    expect(r.expires_in).toBe(1)
    expect((await introspectRpt(op, pat, r.access_token)).body.active).toBe(true)
    await sleep(1_200)
    expect((await introspectRpt(op, pat, r.access_token)).body).toEqual({ active: false })

    op.reset()
    const { requester: r2, ticket: t2 } = await setup(["read"])
    expect((await umaGrant(op, r2, { ticket: t2 })).body.expires_in).toBe(3600)
  })

  it("honours ttl.RPT at start", async () => {
    const short = await startOp({ ttl: { RPT: 5 } })
    try {
      const { pat, resourceId } = await resourceServer(short)
      const requester = await registerRequester(short)
      const ticket = await requestTicket(short, pat, { resource_id: resourceId, resource_scopes: ["read"] })
      expect((await umaGrant(short, requester, { ticket })).body.expires_in).toBe(5)
    } finally {
      await short.close()
    }
  })
})

describe("counters", () => {
  it("count UMA introspections and grants; reset clears them and the policies", async () => {
    const { pat, requester, ticket } = await setup(["read"])
    op.uma.setPolicy("read", { kind: "grant" })
    op.reset()
    const rpt = (await umaGrant(op, requester, { ticket })).body.access_token
    for (let i = 0; i < 3; i++) await introspectRpt(op, pat, rpt)
    expect(op.counters()).toMatchObject({ "uma.introspection": 3, [`token.${UMA_TICKET_GRANT}`]: 1 })
    expect(op.uma.policies()).toEqual({})
    op.uma.setPolicy("read", { kind: "deny" })
    op.reset()
    expect(op.counters()).toEqual({})
    expect(op.uma.policies()).toEqual({})
  })
})
