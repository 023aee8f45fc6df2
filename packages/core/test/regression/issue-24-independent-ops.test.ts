/**
 * Issue 24: what independent OPs (LemonLDAP::NG…) do differently from oidc-provider, played by the real test OP with
 * its quirks and faults: a public client registered when token_endpoint_auth_method is omitted, a registration answer
 * without a secret, a token endpoint answering 403 with an empty body, an issuer with a path, response_types_supported
 * listing a grant, a post-logout URI kept in the singular. Errors keep the reference's codes (internal_error…).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { request } from "node:https"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TestOp } from "@oxd/test-op"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { Config } from "../../src/config/OxdConfig.js"
import type { Oxd } from "../../src/makeOxd.js"
import {
  authorize,
  call,
  failure,
  ok,
  opJson,
  oxdFor,
  POST_LOGOUT_URI,
  registerSite,
  signIn,
  startOp,
} from "../support.js"

let op: TestOp
const opened: Oxd[] = []
const fresh = async (over: Partial<Config> = {}) => {
  const oxd = oxdFor(op, over)
  opened.push(oxd)
  await oxd.ready()
  return oxd
}
let oxd: Oxd
beforeAll(async () => {
  op = await startOp()
  oxd = await fresh()
})
afterEach(() => op.reset())
afterAll(async () => {
  await Promise.all(opened.map((o) => o.dispose()))
  await op?.close()
})

/** A page of the OP, trusting only the test CA. */
const getPage = (o: TestOp, url: string) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    request(url, { ca: o.caPem }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }))
    })
      .on("error", reject)
      .end()
  })

/** An error an OP's answer produced must not read as unreachability. */
const NOT_UNREACHABLE = /could not be used|Retry later/

describe("the auth method is sent at registration and used at the token endpoint (point 1)", () => {
  it("an OP that registers a public client when the method is omitted: register_site sends client_secret_basic, so the login works", async () => {
    op.quirks(["public_when_auth_method_omitted"])
    const site = await registerSite(oxd, op)
    const tokens = await signIn(oxd, op, site)
    expect(tokens.access_token).toEqual(expect.any(String))
    expect(op.counters()["token.authorization_code"]).toBe(1)
  })

  it("the quirk is real: a client registered without the method is public there (so omitting it would break the login)", async () => {
    op.quirks(["public_when_auth_method_omitted"])
    const discovery = await opJson(op, `${op.issuer}/.well-known/openid-configuration`)
    const res = await opJson(op, discovery.body.registration_endpoint, {
      method: "POST",
      body: { redirect_uris: ["https://rp.example.org/callback"] },
    })
    expect(res.body).toMatchObject({ token_endpoint_auth_method: "none" })
    expect(res.body.client_secret).toBeUndefined()
  })

  it("a public client (none): no secret, PKCE S256 on every login even when the OP does not advertise it, tokens obtained", async () => {
    const site = await registerSite(oxd, op, { client_token_endpoint_auth_method: "none" })
    // a fresh server reads the rewritten discovery: no code_challenge_methods_supported
    op.rewriteDiscovery({ openid: { code_challenge_methods_supported: null } })
    const other = await fresh({ database_url: ":memory:" })
    const otherSite = await registerSite(other, op, { client_token_endpoint_auth_method: "none" })
    for (const [server, id] of [
      [oxd, site],
      [other, otherSite],
    ] as const) {
      const { code, state, authorizationUrl } = await authorize(server, op, id)
      const q = new URL(authorizationUrl).searchParams
      expect(q.get("code_challenge_method")).toBe("S256")
      expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const tokens = await ok<{ access_token: string; id_token: string }>(
        call(server, "get_tokens_by_code", { oxd_id: id, code, state }),
      )
      expect(tokens.id_token.split(".")).toHaveLength(3)
    }
  })

  it("default_token_endpoint_auth_method none makes register_site's sites public", async () => {
    const publicByDefault = await fresh({ default_token_endpoint_auth_method: "none" })
    op.quirks(["registration_without_secret"]) // a confidential client would fail here: no secret comes back
    const site = await registerSite(publicByDefault, op)
    op.reset()
    expect((await signIn(publicByDefault, op, site)).access_token).toEqual(expect.any(String))
  })

  it("an OP answering a registration without the secret a confidential client needs: register_site fails at once, saying what to configure", async () => {
    op.quirks(["registration_without_secret"])
    const e = await failure(
      call(oxd, "register_site", { op_host: op.issuer, authorization_redirect_uri: "https://rp.example.org/callback" }),
    )
    expect(e).toMatchObject({ error: "internal_error", http: 500 })
    expect(e.error_description).toMatch(
      /^register_site failed: the OP registered client \S+ with token_endpoint_auth_method client_secret_basic and no client_secret: /,
    )
    expect(e.error_description).toContain("client_token_endpoint_auth_method none")
    expect(e.error_description).toContain("Configure the OP to issue client secrets")
    // setup_client checks its clients the same way
    expect(
      await failure(
        call(oxd, "setup_client", {
          op_host: op.issuer,
          authorization_redirect_uri: "https://rp.example.org/callback",
        }),
      ),
    ).toMatchObject({
      error: "internal_error",
      error_description: expect.stringMatching(/^setup_client failed: the OP registered client/),
    })
  })

  it("a method a site cannot use is refused before anything is registered", async () => {
    const before = op.counters()["registration"] ?? 0
    const e = await failure(
      call(oxd, "register_site", {
        op_host: op.issuer,
        authorization_redirect_uri: "https://rp.example.org/callback",
        client_token_endpoint_auth_method: "private_key_jwt",
      }),
    )
    expect(e).toMatchObject({ error: "bad_request", http: 400 })
    expect(e.error_description).toContain('"client_token_endpoint_auth_method" cannot be used by a site here')
    expect(op.counters()["registration"] ?? 0).toBe(before)
  })

  it("client_secret_post: registered so at the OP and used so at the token endpoint (the OP refuses any other)", async () => {
    const site = await registerSite(oxd, op, { client_token_endpoint_auth_method: "client_secret_post" })
    expect((await signIn(oxd, op, site)).access_token).toEqual(expect.any(String))
  })
})

describe("an OP that answered is not unreachable (point 2)", () => {
  it("the token endpoint answering 403 with an empty body: internal_error naming the endpoint, the status and what to check", async () => {
    const site = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, site)
    op.fault({ mode: "forbidden", paths: ["/token"] })
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: site, code, state }))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toBe(
      "The OP's token endpoint answered the token request with HTTP 403 and an empty body, not an OAuth answer. Check at the OP that the client may use " +
        "the authorization_code grant (its allowed grant types) and that it authenticates with client_secret_basic (its token_endpoint_auth_method; " +
        "register_site's client_token_endpoint_auth_method or default_token_endpoint_auth_method).",
    )
    expect(e.error_description).not.toMatch(NOT_UNREACHABLE)
  })

  it("the same for client_credentials (get_client_token) and a refresh, and http_status_403 for introspection (passed through, as the reference)", async () => {
    const site = await registerSite(oxd, op, {
      grant_types: ["authorization_code", "refresh_token", "client_credentials"],
    })
    const signed = await signIn(oxd, op, site)
    op.fault({ mode: "forbidden", paths: ["/token"] })
    const refresh = await failure(
      call(oxd, "get_access_token_by_refresh_token", { oxd_id: site, refresh_token: signed.refresh_token }),
    )
    expect(refresh).toMatchObject({ error: "internal_error" })
    expect(refresh.error_description).toMatch(
      /token endpoint answered the refresh request with HTTP 403 and an empty body.*refresh_token grant/,
    )
    const introspection = await failure(
      call(oxd, "introspect_access_token", { oxd_id: site, access_token: signed.access_token }),
    )
    expect(introspection).toMatchObject({ error: "http_status_403" })
    expect(introspection.error_description).toMatch(
      /introspection endpoint answered the introspection request with HTTP 403/,
    )
    for (const d of [refresh.error_description, introspection.error_description]) expect(d).not.toMatch(NOT_UNREACHABLE)
  })

  it("an HTML error page at the token endpoint: named by its content type, with the status", async () => {
    const site = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, site)
    op.fault({ mode: "http500", paths: ["/token"] })
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: site, code, state }))
    expect(e).toMatchObject({ error: "internal_error", http: 502 })
    expect(e.error_description).toMatch(
      /^The OP's token endpoint answered the token request with HTTP 500 and a text\/html body, not an OAuth answer\. The OP failed/,
    )
  })

  it("an OP that cannot be reached still says so: discovery (no_connect_discovery_response) and the token endpoint (internal_error, 502)", async () => {
    const closed = await startOp()
    const issuer = closed.issuer
    await closed.close()
    const other = await fresh({ allowed_op_hosts: [new URL(op.issuer).origin, new URL(issuer).origin] })
    const e = await failure(
      call(other, "register_site", { op_host: issuer, authorization_redirect_uri: "https://rp.example.org/callback" }),
    )
    expect(e).toMatchObject({ error: "no_connect_discovery_response", http: 502 })
    expect(e.error_description).toMatch(/could not be used for discovery: ECONNREFUSED/)

    const site = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, site)
    op.fault({ mode: "down", paths: ["/token"] })
    const down = await failure(call(oxd, "get_tokens_by_code", { oxd_id: site, code, state }))
    expect(down).toMatchObject({ error: "internal_error", http: 502 })
    expect(down.error_description).toMatch(/^The OP could not be used for token: .*Retry later or check the OP\.$/)
  })
})

describe("the state is kept when get_tokens_by_code fails before calling the token endpoint", () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "oxd-i24-"))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("a discovery that fails (another instance, nothing cached) leaves the state usable; a bad state is still reported first", async () => {
    const database_url = `file:${join(dir, "oxd.db")}`
    const a = await fresh({ database_url })
    const site = await registerSite(a, op)
    const { code, state } = await authorize(a, op, site)
    const b = await fresh({ database_url })
    op.fault({ mode: "forbidden", paths: ["/.well-known/openid-configuration"] })
    const e = await failure(call(b, "get_tokens_by_code", { oxd_id: site, code, state }))
    expect(e).toMatchObject({ error: "no_connect_discovery_response" })
    expect(e.error_description).toContain("it answered HTTP 403 and an empty body, not a discovery document")
    expect(
      await failure(call(b, "get_tokens_by_code", { oxd_id: site, code, state: `${state.slice(0, -2)}xx` })),
    ).toMatchObject({ error: "bad_request" })
    op.reset()
    expect(
      (await ok<{ access_token: string }>(call(b, "get_tokens_by_code", { oxd_id: site, code, state }))).access_token,
    ).toEqual(expect.any(String))
    // used once: still single-use
    expect(await failure(call(b, "get_tokens_by_code", { oxd_id: site, code, state }))).toMatchObject({
      error: "bad_request",
    })
  })
})

describe("handled well, kept so (point 3)", () => {
  it("an issuer with a path (https://127.0.0.1:PORT/api/oidc): register, sign in, log out", async () => {
    const mounted = await startOp({ mountPath: "/api/oidc" })
    try {
      expect(mounted.issuer).toMatch(/\/api\/oidc$/)
      const server = oxdFor(mounted)
      opened.push(server)
      const site = await registerSite(server, mounted)
      const tokens = await signIn(server, mounted, site)
      expect(JSON.parse(Buffer.from(tokens.id_token.split(".")[1]!, "base64url").toString()).iss).toBe(mounted.issuer)
      const { uri } = await ok<{ uri: string }>(call(server, "get_logout_uri", { oxd_id: site }))
      expect(uri.startsWith(`${mounted.issuer}/`)).toBe(true)
    } finally {
      await mounted.close()
    }
  })

  it("discovery listing client_credentials under response_types_supported: registration, login and client token work", async () => {
    op.rewriteDiscovery({
      openid: { response_types_supported: ["code", "id_token", "code id_token", "client_credentials"] },
    })
    const other = await fresh({ database_url: ":memory:" })
    const site = await registerSite(other, op, { grant_types: ["authorization_code", "client_credentials"] })
    expect((await signIn(other, op, site)).access_token).toEqual(expect.any(String))
    const setup = await ok(
      call(other, "setup_client", {
        op_host: op.issuer,
        authorization_redirect_uri: "https://rp.example.org/callback",
      }),
    )
    await ok(
      call(other, "get_client_token", {
        op_host: op.issuer,
        client_id: setup["client_id"],
        client_secret: setup["client_secret"],
        scope: ["openid"],
      }),
    )
  })

  it("an OP keeping only a singular post_logout_redirect_uri: register_site, the login and the logout URI work, and the OP accepts that URI", async () => {
    op.quirks(["singular_post_logout_redirect_uri"])
    const site = await registerSite(oxd, op)
    await signIn(oxd, op, site)
    const { uri } = await ok<{ uri: string }>(call(oxd, "get_logout_uri", { oxd_id: site }))
    expect(new URL(uri).searchParams.get("post_logout_redirect_uri")).toBe(POST_LOGOUT_URI)
    const page = await getPage(op, uri)
    expect(page.status).toBe(200) // on to the sign-out confirmation
    expect(page.text).toContain("/session/end/confirm")
    // the control: a post-logout URI the OP does not hold is refused
    const other = new URL(uri)
    other.searchParams.set("post_logout_redirect_uri", "https://rp.example.org/elsewhere")
    expect((await getPage(op, other.href)).status).toBe(400)
  })
})
