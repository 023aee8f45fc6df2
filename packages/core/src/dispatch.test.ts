import { existsSync, readFileSync } from "node:fs"
import { createServer, type Server, type Socket } from "node:net"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "./makeOxd.js"
import {
  authorize,
  call,
  failure,
  ok,
  opOrigin,
  oxdFor,
  POST_LOGOUT_URI,
  protectionToken,
  REDIRECT_URI,
  registerSite,
  startOpAndOxd,
  UUID_V4,
} from "../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

describe("dispatch", () => {
  it("answers an unknown command with unsupported_operation", async () => {
    const e = await failure(call(oxd, "no_such_command", {}))
    expect(e.error).toBe("unsupported_operation")
    expect(e.error_description).toContain('Unknown command "no_such_command"')
  })

  it("does not resolve inherited object properties as commands (unsupported_operation)", async () => {
    for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      expect((await failure(call(oxd, name, {}))).error).toBe("unsupported_operation")
    }
  })

  // X2: params that are not an object: the reference's Convertor.asParams fails, internal_error ERC:21
  // (oxd-server/.../Convertor.java:37-52, oxd-common/.../ErrorResponseCode.java:21)
  it("X2: answers params that are an array with internal_error 'Command parameters are not specified or otherwise malformed.'", async () => {
    const e = await failure(call(oxd, "get_authorization_url", [{ oxd_id: "x" }]))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toBe(
      "Command parameters are not specified or otherwise malformed: params must be a JSON object",
    )
  })

  it("X2: answers params that are a string with internal_error (ERC:21)", async () => {
    const e = await failure(call(oxd, "get_authorization_url", "oxd_id=x"))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toContain("params must be a JSON object")
  })

  it("rejects a missing oxd_id with bad_request naming oxd_id", async () => {
    const e = await failure(call(oxd, "get_authorization_url", {}))
    expect(e).toMatchObject({ error: "bad_request", http: 400 })
    expect(e.error_description).toContain('"oxd_id"')
    expect(e.error_description).toContain("required")
  })

  // X6: a null oxd_id is an absent one (Jackson leaves the field null): bad_request ERC:22 (ValidationService.java:29-33)
  it("X6: answers a null oxd_id like a missing one with bad_request", async () => {
    const e = await failure(call(oxd, "get_authorization_url", { oxd_id: null }))
    expect(e).toMatchObject({ error: "bad_request", http: 400 })
    expect(e.error_description).toContain('"oxd_id" is required')
  })

  // X1: params missing or null: internal_error ERC:21 (Convertor.java:41-43)
  it("X1: answers null or missing params with internal_error (ERC:21), not as empty params", async () => {
    for (const params of [null, undefined]) {
      const e = await failure(call(oxd, "get_authorization_url", params))
      expect(e).toMatchObject({ error: "internal_error", http: 400 })
      expect(e.error_description).toBe(
        "Command parameters are not specified or otherwise malformed: params are missing",
      )
    }
  })

  // X3: a value of the wrong JSON type: Jackson 1.9 cannot map it, internal_error ERC:21; a number or boolean for a
  // string is read as its text (Jackson's String deserializer takes any scalar), so oxd_id 42 is an unknown "42"
  it("X3: answers an oxd_id that is an object with internal_error naming it, and reads a number as its text", async () => {
    const e = await failure(call(oxd, "get_authorization_url", { oxd_id: { id: "x" } }))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toMatch(
      /^Command parameters are not specified or otherwise malformed: "oxd_id" must be/,
    )
    const n = await failure(call(oxd, "get_authorization_url", { oxd_id: 42 }))
    expect(n.error).toBe("invalid_oxd_id")
    expect(n.error_description).toContain('"42"')
  })

  it("X3: answers a list param given an object or a number with internal_error, whatever the field's own code", async () => {
    const oxdId = await registerSite(oxd, op)
    for (const scope of [{ a: 1 }, 5]) {
      const e = await failure(call(oxd, "get_authorization_url", { oxd_id: oxdId, scope }))
      expect(e).toMatchObject({ error: "internal_error", http: 400 })
      expect(e.error_description).toContain('"scope"')
    }
  })

  it("rejects an unknown oxd_id with invalid_oxd_id", async () => {
    const e = await failure(call(oxd, "get_authorization_url", { oxd_id: "8b3c6d1e-0000-4000-8000-000000000000" }))
    expect(e).toMatchObject({ error: "invalid_oxd_id", http: 400 })
    expect(e.error_description).toContain("8b3c6d1e-0000-4000-8000-000000000000")
  })

  it("rejects register_site without authorization_redirect_uri with invalid_authorization_redirect_uri", async () => {
    const e = await failure(call(oxd, "register_site", { op_host: op.issuer }))
    expect(e).toMatchObject({ error: "invalid_authorization_redirect_uri", http: 400 })
    expect(e.error_description).toContain("authorization_redirect_uri")
  })

  it("rejects register_site with a relative authorization_redirect_uri with invalid_authorization_redirect_uri", async () => {
    const e = await failure(call(oxd, "register_site", { op_host: op.issuer, authorization_redirect_uri: "/callback" }))
    expect(e.error).toBe("invalid_authorization_redirect_uri")
    expect(e.error_description).toContain("absolute URL")
  })

  it("rejects register_site without op_host and no default with invalid_op_host", async () => {
    const e = await failure(call(oxd, "register_site", { authorization_redirect_uri: REDIRECT_URI }))
    expect(e).toMatchObject({ error: "invalid_op_host", http: 400 })
    expect(e.error_description).toContain("op_host is missing")
  })

  it("rejects an empty op_host like a missing one with invalid_op_host", async () => {
    expect(
      (await failure(call(oxd, "register_site", { op_host: "", authorization_redirect_uri: REDIRECT_URI }))).error,
    ).toBe("invalid_op_host")
  })

  it("rejects client_token_endpoint_auth_signing_alg XX999 with invalid_algorithm", async () => {
    const e = await failure(
      call(oxd, "register_site", {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        client_token_endpoint_auth_signing_alg: "XX999",
      }),
    )
    expect(e).toMatchObject({ error: "invalid_algorithm", http: 400 })
    expect(e.error_description).toContain('"XX999"')
  })

  it("rejects a non-string client_token_endpoint_auth_signing_alg with invalid_algorithm", async () => {
    const e = await failure(
      call(oxd, "register_site", {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        client_token_endpoint_auth_signing_alg: 256,
      }),
    )
    expect(e.error).toBe("invalid_algorithm")
  })

  it("registers a site at the real OP and answers a UUID v4 oxd_id", async () => {
    const before = op.counters()["registration"] ?? 0
    const oxdId = await registerSite(oxd, op)
    expect(oxdId).toMatch(UUID_V4)
    expect(op.counters()["registration"]).toBe(before + 1)
  })

  it("ignores unknown params (client libraries send their whole configuration)", async () => {
    const oxdId = await registerSite(oxd, op, {
      oxd_host: "127.0.0.1",
      oxd_port: 8099,
      some_flag: true,
      nested: { a: 1 },
    })
    expect(oxdId).toMatch(UUID_V4)
    const data = await ok(
      call(oxd, "get_authorization_url", { oxd_id: oxdId, https_extension: false, "x-whatever": [1, 2] }),
    )
    expect(data).toEqual({ authorization_url: expect.any(String) })
  })

  it("accepts null for every optional param", async () => {
    const oxdId = await registerSite(oxd, op, {
      op_discovery_path: null,
      application_type: null,
      response_types: null,
      grant_types: null,
      scope: null,
      acr_values: null,
      client_name: null,
      client_jwks_uri: null,
      client_token_endpoint_auth_method: null,
      client_token_endpoint_auth_signing_alg: null,
      client_request_uris: null,
      client_logout_uris: null,
      client_sector_identifier_uri: null,
      contacts: null,
      ui_locales: null,
      claims_locales: null,
      client_id: null,
      client_secret: null,
      protection_access_token: null,
    })
    expect(oxdId).toMatch(UUID_V4)
    const { authorization_url } = await ok<{ authorization_url: string }>(
      call(oxd, "get_authorization_url", {
        oxd_id: oxdId,
        scope: null,
        acr_values: null,
        prompt: null,
        custom_parameters: null,
        protection_access_token: null,
      }),
    )
    expect(new URL(authorization_url).searchParams.get("scope")).toBe("openid profile email")
  })

  it("answers update_site_registration (the older name) like update_site", async () => {
    const oxdId = await registerSite(oxd, op)
    const data = await ok(call(oxd, "update_site_registration", { oxd_id: oxdId, scope: ["openid", "email"] }))
    expect(data).toEqual({ oxd_id: oxdId })
    const { authorization_url } = await ok<{ authorization_url: string }>(
      call(oxd, "get_authorization_url", { oxd_id: oxdId }),
    )
    expect(new URL(authorization_url).searchParams.get("scope")).toBe("openid email")
    expect((await failure(call(oxd, "update_site_registration", {}))).error).toBe("bad_request")
  })

  /** A core that may also call `origin` (a loopback origin: refused unless listed). */
  const alsoAllowing = (origin: string, over: Parameters<typeof oxdFor>[1] = {}) =>
    oxdFor(op, { allowed_op_hosts: [opOrigin(op), origin], ...over })

  it("answers no_connect_discovery_response for op_host https://127.0.0.1:1 (a port fetch refuses to use)", async () => {
    const listing = alsoAllowing("https://127.0.0.1:1")
    try {
      const e = await failure(
        call(listing, "register_site", { op_host: "https://127.0.0.1:1", authorization_redirect_uri: REDIRECT_URI }),
      )
      expect(e).toMatchObject({ error: "no_connect_discovery_response", http: 500 })
      expect(e.error_description).toContain('OpenID discovery failed for "https://127.0.0.1:1"')
    } finally {
      await listing.dispose()
    }
  })

  // X10: a discovery that fails for any reason is no_connect_discovery_response (DiscoveryService.java:78-82); HTTP 502
  it("X10: answers no_connect_discovery_response (HTTP 502), not a crash, for an OP that refuses connections", async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve))
    const port = (closed.address() as { port: number }).port
    await new Promise((resolve) => closed.close(resolve))
    const listing = alsoAllowing(`https://127.0.0.1:${port}`)
    const started = Date.now()
    try {
      const e = await failure(
        call(listing, "register_site", {
          op_host: `https://127.0.0.1:${port}`,
          authorization_redirect_uri: REDIRECT_URI,
        }),
      )
      expect(e).toMatchObject({ error: "no_connect_discovery_response", http: 502 })
      expect(e.error_description).toContain("ECONNREFUSED")
      expect(Date.now() - started).toBeLessThan(10_000)
    } finally {
      await listing.dispose()
    }
  })

  describe("with an OP that accepts connections and never answers", () => {
    let silent: Server
    const sockets = new Set<Socket>()
    let slowOxd: Oxd
    beforeAll(async () => {
      silent = createServer((s) => {
        sockets.add(s)
        s.on("error", () => {})
      })
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve))
      slowOxd = alsoAllowing(`https://127.0.0.1:${(silent.address() as { port: number }).port}`, {
        op_timeout_in_seconds: 1,
      })
    })
    afterAll(async () => {
      await slowOxd?.dispose()
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => silent.close(resolve))
    })

    it("X10: gives up after op_timeout_in_seconds with no_connect_discovery_response", async () => {
      const port = (silent.address() as { port: number }).port
      const started = Date.now()
      const e = await failure(
        call(slowOxd, "register_site", {
          op_host: `https://127.0.0.1:${port}`,
          authorization_redirect_uri: REDIRECT_URI,
        }),
      )
      expect(e).toMatchObject({ error: "no_connect_discovery_response", http: 502 })
      expect(e.error_description).toContain("timed out")
      expect(Date.now() - started).toBeLessThan(5_000)
    })
  })

  it("answers no_connect_discovery_response for a host that is not an OP", async () => {
    // the test OP's origin with a path under which there is no discovery document
    const e = await failure(
      call(oxd, "register_site", { op_host: `${op.issuer}/not-an-issuer`, authorization_redirect_uri: REDIRECT_URI }),
    )
    expect(e).toMatchObject({ error: "no_connect_discovery_response", http: 500 })
    expect(e.error_description).toContain("OpenID discovery failed")
  })

  it("refuses an OP whose certificate it cannot verify (no trusted_ca_file): no_connect_discovery_response", async (ctx) => {
    // only meaningful when the process does not already trust the test CA
    const extra = process.env["NODE_EXTRA_CA_CERTS"]
    if (extra && existsSync(extra) && readFileSync(extra, "utf8").includes(op.caPem.trim())) ctx.skip()
    const untrusting = oxdFor(op, { trusted_ca_file: undefined })
    try {
      const r = await untrusting.dispatch(
        "register_site",
        { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI },
        { transport: "internal" },
      )
      const e = await failure(r)
      expect(e).toMatchObject({ error: "no_connect_discovery_response", http: 500 })
      expect(e.error_description).toMatch(/CERT|certificate/i)
    } finally {
      await untrusting.dispose()
    }
  })

  it("uses the request id it is given", async () => {
    const r = await oxd.dispatch("no_such_command", {}, { transport: "internal", requestId: "req-1" })
    expect(r.envelope.status).toBe("error")
  })
})

describe("dispatch with protect_commands_with_access_token", () => {
  let guarded: Oxd
  beforeAll(() => {
    guarded = oxdFor(op, { protect_commands_with_access_token: true })
  })
  afterAll(() => guarded?.dispose())

  it("rejects register_site without a token with blank_protection_access_token (403)", async () => {
    const e = await failure(
      call(guarded, "register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }),
    )
    expect(e).toMatchObject({ error: "blank_protection_access_token", http: 403 })
    expect(e.error_description).toContain("get_client_token")
  })

  it("rejects a protected site command without a token with blank_protection_access_token", async () => {
    const e = await failure(call(guarded, "get_authorization_url", { oxd_id: "whatever" }))
    expect(e).toMatchObject({ error: "blank_protection_access_token", http: 403 })
  })

  it("runs setup_client and get_client_token without a token", async () => {
    const { token, setup } = await protectionToken(guarded, op)
    expect(token).toEqual(expect.any(String))
    expect(setup["setup_client_oxd_id"]).toMatch(UUID_V4)
  })

  it("accepts a token of a setup client, in params or from the transport", async () => {
    const { token } = await protectionToken(guarded, op)
    const viaParams = await registerSite(guarded, op, { protection_access_token: token })
    expect(viaParams).toMatch(UUID_V4)
    const viaTransport = await registerSite(guarded, op, {}, { protectionToken: token })
    await ok(call(guarded, "get_authorization_url", { oxd_id: viaTransport }, { protectionToken: token }))
    await ok(call(guarded, "get_authorization_url", { oxd_id: viaParams, protection_access_token: token }))
  })

  it("completes a code flow with protection on", async () => {
    const { token } = await protectionToken(guarded, op)
    const oxdId = await registerSite(guarded, op, {}, { protectionToken: token })
    const { code, state } = await authorize(guarded, op, oxdId, {}, { protectionToken: token })
    const tokens = await ok(
      call(guarded, "get_tokens_by_code", { oxd_id: oxdId, code, state }, { protectionToken: token }),
    )
    expect(tokens["id_token_claims"]["sub"]).toEqual(["248289761001"])
    const logout = await ok(call(guarded, "get_logout_uri", { oxd_id: oxdId }, { protectionToken: token }))
    expect(new URL(logout["uri"]).searchParams.get("post_logout_redirect_uri")).toBe(POST_LOGOUT_URI)
  })

  it("rejects a bogus token with inactive_protection_access_token", async () => {
    await protectionToken(guarded, op) // a setup client must exist to ask the OP
    const e = await failure(
      call(
        guarded,
        "register_site",
        { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI },
        { protectionToken: "bogus-token" },
      ),
    )
    expect(e).toMatchObject({ error: "inactive_protection_access_token", http: 403 })
    expect(e.error_description).toContain("expired or revoked")
  })

  it("rejects a bogus token on a site command with inactive_protection_access_token", async () => {
    const { token } = await protectionToken(guarded, op)
    const oxdId = await registerSite(guarded, op, {}, { protectionToken: token })
    const e = await failure(
      call(guarded, "get_authorization_url", { oxd_id: oxdId }, { protectionToken: "bogus-token" }),
    )
    expect(e).toMatchObject({ error: "inactive_protection_access_token", http: 403 })
  })

  it("rejects another setup client's token on a site with invalid_protection_access_token", async () => {
    const a = await protectionToken(guarded, op)
    const b = await protectionToken(guarded, op)
    const oxdId = await registerSite(guarded, op, {}, { protectionToken: a.token })
    const e = await failure(call(guarded, "get_authorization_url", { oxd_id: oxdId }, { protectionToken: b.token }))
    expect(e).toMatchObject({ error: "invalid_protection_access_token", http: 403 })
    expect(e.error_description).toContain("another client")
    await ok(call(guarded, "get_authorization_url", { oxd_id: oxdId }, { protectionToken: a.token }))
  })

  it("rejects a cached token of another setup client with invalid_protection_access_token", async () => {
    const a = await protectionToken(guarded, op)
    const b = await protectionToken(guarded, op)
    const siteOfA = await registerSite(guarded, op, {}, { protectionToken: a.token })
    const siteOfB = await registerSite(guarded, op, {}, { protectionToken: b.token })
    await ok(call(guarded, "get_authorization_url", { oxd_id: siteOfB }, { protectionToken: b.token })) // b's token is now cached
    const e = await failure(call(guarded, "get_authorization_url", { oxd_id: siteOfA }, { protectionToken: b.token }))
    expect(e).toMatchObject({ error: "invalid_protection_access_token", http: 403 })
  })

  it("requires a token when the edge asks for protection, even with the flag off", async () => {
    const r = await oxd.dispatch(
      "register_site",
      { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI },
      { transport: "https", requireProtection: true },
    )
    expect(await failure(r)).toMatchObject({ error: "blank_protection_access_token", http: 403 })
  })

  // X18: the scope is checked before the owner (ValidationService.java:138-146): a user's token without a protection
  // scope is insufficient_scope; one with it (the setup_client site's logins carry oxd) is still another client's
  it("rejects a user's access token (not a setup client's): insufficient_scope without a protection scope, else invalid_protection_access_token", async () => {
    const { token, setup } = await protectionToken(guarded, op)
    const oxdId = await registerSite(guarded, op, {}, { protectionToken: token })
    const { code, state } = await authorize(guarded, op, oxdId, {}, { protectionToken: token })
    const user = await ok(
      call(guarded, "get_tokens_by_code", { oxd_id: oxdId, code, state }, { protectionToken: token }),
    )
    const e = await failure(
      call(guarded, "get_authorization_url", { oxd_id: oxdId }, { protectionToken: user["access_token"] }),
    )
    expect(e.error).toBe("protection_access_token_insufficient_scope")
    // the ordinary site of setup_client is registered with oxd and uma_protection (SetupClientOperation.java:87-103):
    // its user's token has the scopes, and is still refused, as another client's
    const site = setup["oxd_id"]
    const login = await authorize(guarded, op, site, {}, { protectionToken: token })
    const withScopes = await ok(
      call(
        guarded,
        "get_tokens_by_code",
        { oxd_id: site, code: login.code, state: login.state },
        { protectionToken: token },
      ),
    )
    const refused = await failure(
      call(guarded, "get_authorization_url", { oxd_id: site }, { protectionToken: withScopes["access_token"] }),
    )
    expect(refused).toMatchObject({ error: "invalid_protection_access_token", http: 403 })
  })

  // X13: the reference's no_setup_client_for_oxd_id (ValidationService.java:128-130, ERC:48)
  it("X13: rejects a token on a site registered without protection with no_setup_client_for_oxd_id", async () => {
    // an edge may switch protection off for a call (TCP without the flag): the site then has no setup client
    const r = await guarded.dispatch(
      "register_site",
      { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI },
      { transport: "internal", requireProtection: false },
    )
    const { oxd_id } = await ok<{ oxd_id: string }>(r)
    const { token } = await protectionToken(guarded, op)
    const e = await failure(call(guarded, "get_authorization_url", { oxd_id }, { protectionToken: token }))
    expect(e).toMatchObject({ error: "no_setup_client_for_oxd_id", http: 403 })
    expect(e.error_description).toContain("registered without a protection token")
  })

  it("rejects a setup client's token without the protection scope with protection_access_token_insufficient_scope", async () => {
    const { setup } = await protectionToken(guarded, op)
    const { access_token } = await ok<{ access_token: string }>(
      call(guarded, "get_client_token", {
        op_host: op.issuer,
        client_id: setup["client_id"],
        client_secret: setup["client_secret"],
        scope: ["openid"],
      }),
    )
    const e = await failure(
      call(
        guarded,
        "register_site",
        { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI },
        { protectionToken: access_token },
      ),
    )
    expect(e).toMatchObject({ error: "protection_access_token_insufficient_scope", http: 403 })
    expect(e.error_description).toContain("uma_protection")
  })

  it("introspects one token once for a burst of commands", async () => {
    const { token } = await protectionToken(guarded, op)
    const oxdId = await registerSite(guarded, op, {}, { protectionToken: token })
    const before = op.counters()["introspection"] ?? 0
    for (let i = 0; i < 3; i++)
      await ok(call(guarded, "get_authorization_url", { oxd_id: oxdId }, { protectionToken: token }))
    expect(op.counters()["introspection"] ?? 0).toBe(before)
    const { token: fresh } = await protectionToken(guarded, op)
    await registerSite(guarded, op, {}, { protectionToken: fresh })
    await registerSite(guarded, op, {}, { protectionToken: fresh })
    expect(op.counters()["introspection"]).toBe(before + 1)
  })
})
