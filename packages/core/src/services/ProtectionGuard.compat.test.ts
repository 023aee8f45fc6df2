/**
 * The protection rules an oxd 3.1 client meets (issue 22; the audit's rows in docs/compatibility.md): the `oxd` scope
 * its setup asks for, the order of the checks, register_site's token with protection off, and an op_host without a
 * scheme. Tenant isolation is unchanged: a token still works only for the sites of its own setup client.
 */
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../makeOxd.js"
import { call, failure, ok, oxdFor, REDIRECT_URI, registerSite, startOp, UUID_V4 } from "../../test/support.js"

let op: TestOp
let guarded: Oxd
let open: Oxd
beforeAll(async () => {
  op = await startOp()
  guarded = oxdFor(op, { protect_commands_with_access_token: true })
  open = oxdFor(op)
})
afterAll(async () => {
  await guarded?.dispose()
  await open?.dispose()
  await op?.close()
})

/** A setup client of `oxd` and a token of it with `scope` (get_client_token always adds openid, as the reference). */
const setupAndToken = async (oxd: Oxd, scope: ReadonlyArray<string>, opHost = op.issuer) => {
  const setup = await ok(call(oxd, "setup_client", { op_host: opHost, authorization_redirect_uri: REDIRECT_URI }))
  const { access_token, scope: granted } = await ok<{ access_token: string; scope: string }>(
    call(oxd, "get_client_token", {
      op_host: opHost,
      client_id: setup["client_id"],
      client_secret: setup["client_secret"],
      scope,
    }),
  )
  return { setup, token: access_token, granted: granted.split(" ") }
}
/** A site command on a protected call, as REST makes every call. */
const asProtected = (oxd: Oxd, command: string, params: Record<string, unknown>, token: string) =>
  oxd.dispatch(command, params, { transport: "internal", requireProtection: true, protectionToken: token })

describe("the protection scope", () => {
  // X17: a 3.1 client's token carries oxd (ValidationService.java:138-140 requires it; ERC:29 tells 3.1 users to ask for it)
  it("X17: accepts a token of the site's setup client with the reference's oxd scope (and not uma_protection)", async () => {
    const { token, granted } = await setupAndToken(guarded, ["oxd"])
    expect(granted.sort()).toEqual(["openid", "oxd"])
    const oxdId = await registerSite(guarded, op, {}, { protectionToken: token })
    await ok(call(guarded, "get_authorization_url", { oxd_id: oxdId }, { protectionToken: token }))
  })

  // X16: the reference refuses it (insufficient_scope); tokens oxd-ts setups asked for before keep working (DELIBERATE)
  it("X16: accepts a token with uma_protection (and not oxd)", async () => {
    const { token, granted } = await setupAndToken(guarded, ["uma_protection"])
    expect(granted).not.toContain("oxd")
    const oxdId = await registerSite(guarded, op, {}, { protectionToken: token })
    await ok(call(guarded, "get_authorization_url", { oxd_id: oxdId }, { protectionToken: token }))
  })

  it("refuses a token with neither with protection_access_token_insufficient_scope naming both", async () => {
    const { token } = await setupAndToken(guarded, ["openid"])
    const e = await failure(
      call(
        guarded,
        "register_site",
        { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI },
        { protectionToken: token },
      ),
    )
    expect(e).toMatchObject({ error: "protection_access_token_insufficient_scope", http: 403 })
    expect(e.error_description).toContain('"oxd" or "uma_protection"')
  })

  it("asks for the protection scopes (and openid) when get_client_token names none", async () => {
    const { granted } = await setupAndToken(guarded, [])
    expect(granted.sort()).toEqual(["openid", "oxd", "uma_protection"])
  })

  it("keeps tenant isolation: a token with oxd of another setup client is refused with invalid_protection_access_token", async () => {
    const a = await setupAndToken(guarded, ["oxd"])
    const b = await setupAndToken(guarded, ["oxd"])
    const siteOfA = await registerSite(guarded, op, {}, { protectionToken: a.token })
    const e = await failure(call(guarded, "get_authorization_url", { oxd_id: siteOfA }, { protectionToken: b.token }))
    expect(e).toMatchObject({ error: "invalid_protection_access_token", http: 403 })
  })

  // X18: scope before owner (ValidationService.java:138-146)
  it("X18: answers another client's token without a protection scope with protection_access_token_insufficient_scope", async () => {
    const a = await setupAndToken(guarded, ["oxd"])
    const b = await setupAndToken(guarded, ["openid"])
    const siteOfA = await registerSite(guarded, op, {}, { protectionToken: a.token })
    const e = await failure(call(guarded, "get_authorization_url", { oxd_id: siteOfA }, { protectionToken: b.token }))
    expect(e).toMatchObject({ error: "protection_access_token_insufficient_scope", http: 403 })
  })
})

describe("the protection token's introspection and the site's setup client", () => {
  // X20: the OP refusing the introspection is let through as http_status_<status> (IntrospectionService.java:46-55,
  // Processor.java:87-92); here the setup client the server introspects with holds a wrong secret
  it("X20: answers the OP refusing the protection token's introspection with http_status_<status>", async () => {
    const fresh = oxdFor(op, { protect_commands_with_access_token: true })
    try {
      const real = await ok(
        call(fresh, "setup_client", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }),
      )
      const { access_token } = await ok<{ access_token: string }>(
        call(fresh, "get_client_token", {
          op_host: op.issuer,
          client_id: real["client_id"],
          client_secret: real["client_secret"],
          scope: ["oxd"],
        }),
      )
      // the latest setup client at this OP: the same client, with a secret the OP refuses
      await ok(
        call(fresh, "setup_client", {
          op_host: op.issuer,
          authorization_redirect_uri: REDIRECT_URI,
          client_id: real["client_id"],
          client_secret: "not-its-secret",
        }),
      )
      const e = await failure(
        call(
          fresh,
          "register_site",
          { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI },
          { protectionToken: access_token },
        ),
      )
      expect(e.error).toBe("http_status_401")
      expect(e.error_description).toContain("invalid_client")
    } finally {
      await fresh.dispose()
    }
  })

  // X13: a site whose setup client is gone has no setup client: no_setup_client_for_oxd_id (ValidationService.java:128-130)
  it("X13: answers a site whose setup client was removed with no_setup_client_for_oxd_id", async () => {
    const { setup, token } = await setupAndToken(guarded, ["oxd"])
    const oxdId = await registerSite(guarded, op, {}, { protectionToken: token })
    await ok(call(guarded, "remove_site", { oxd_id: setup["setup_client_oxd_id"] }, { protectionToken: token }))
    const e = await failure(call(guarded, "get_authorization_url", { oxd_id: oxdId }, { protectionToken: token }))
    expect(e).toMatchObject({ error: "no_setup_client_for_oxd_id", http: 403 })
    expect(e.error_description).toContain("no longer exists")
  })
})

// R12 / X21: with protection off, register_site still checks a token it is given and ties the site to its setup
// client (RegisterSiteOperation.java:78-98); no other command looks at one
describe("register_site's token with protection off", () => {
  it("R12: refuses a bogus token with inactive_protection_access_token, registering nothing", async () => {
    await setupAndToken(open, ["oxd"]) // a setup client at the OP to ask it
    const before = op.counters()["registration"] ?? 0
    const e = await failure(
      call(open, "register_site", {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        protection_access_token: "bogus",
      }),
    )
    expect(e).toMatchObject({ error: "inactive_protection_access_token", http: 403 })
    expect(op.counters()["registration"] ?? 0).toBe(before)
  })

  it("R12: refuses a token without a protection scope with protection_access_token_insufficient_scope", async () => {
    const { token } = await setupAndToken(open, ["openid"])
    const e = await failure(
      call(open, "register_site", {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        protection_access_token: token,
      }),
    )
    expect(e).toMatchObject({ error: "protection_access_token_insufficient_scope", http: 403 })
  })

  it("R12: ties the site to the token's setup client, so that token (alone) drives it when protection is asked for", async () => {
    const a = await setupAndToken(open, ["oxd"])
    const b = await setupAndToken(open, ["oxd"])
    const oxdId = await registerSite(open, op, { protection_access_token: a.token })
    await ok(asProtected(open, "get_authorization_url", { oxd_id: oxdId }, a.token))
    expect(await failure(asProtected(open, "get_authorization_url", { oxd_id: oxdId }, b.token))).toMatchObject({
      error: "invalid_protection_access_token",
    })
    // without a token: registered unprotected, as before
    const unbound = await registerSite(open, op)
    expect(await failure(asProtected(open, "get_authorization_url", { oxd_id: unbound }, a.token))).toMatchObject({
      error: "no_setup_client_for_oxd_id",
    })
  })

  it("X21: other commands ignore a token with protection off", async () => {
    const oxdId = await registerSite(open, op)
    await ok(call(open, "get_authorization_url", { oxd_id: oxdId, protection_access_token: "bogus" }))
  })
})

// SC2 / R2 / GC2: one op_host normalisation (https:// prepended), in the commands and in the guard alike
describe("op_host without a scheme under protection", () => {
  it("sets up, gets a token and registers a site at a bare op_host; the site is its setup client's, and whoami says so", async () => {
    const bare = new URL(op.issuer).host
    const { setup, token } = await setupAndToken(guarded, ["oxd"], bare)
    const data = await ok<{ oxd_id: string; op_host: string }>(
      call(
        guarded,
        "register_site",
        { op_host: bare, authorization_redirect_uri: REDIRECT_URI },
        { protectionToken: token },
      ),
    )
    expect(data).toEqual({ oxd_id: expect.stringMatching(UUID_V4), op_host: bare })
    await ok(call(guarded, "get_authorization_url", { oxd_id: data.oxd_id }, { protectionToken: token }))
    for (const opHost of [bare, op.issuer, undefined]) {
      expect((await guarded.whoami(token, { opHost })).envelope).toEqual({
        status: "ok",
        data: { op_host: op.issuer, setup_client_id: setup["client_id"] },
      })
    }
  })
})
