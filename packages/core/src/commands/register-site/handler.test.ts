import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createClient } from "@libsql/client"
import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import {
  call,
  failure,
  ok,
  oxdFor,
  POST_LOGOUT_URI,
  REDIRECT_URI,
  registerAtOp,
  registerSite,
  signIn,
  startOpAndOxd,
  UUID_V4,
} from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

/** The client a site is registered as, as the OP holds it. */
const clientAtOp = async (oxdId: string) => {
  const { authorization_url } = await ok<{ authorization_url: string }>(
    call(oxd, "get_authorization_url", { oxd_id: oxdId }),
  )
  const client = await op.provider.Client.find(new URL(authorization_url).searchParams.get("client_id")!)
  return client!.metadata() as Record<string, any>
}

describe("register_site", () => {
  it("registers a client at the OP and answers a fresh UUID v4 oxd_id each time", async () => {
    const before = op.counters()["registration"] ?? 0
    const a = await registerSite(oxd, op)
    const b = await registerSite(oxd, op)
    expect(a).toMatch(UUID_V4)
    expect(b).toMatch(UUID_V4)
    expect(a).not.toBe(b)
    expect(op.counters()["registration"]).toBe(before + 2)
  })

  it("gives a site that signs users in", async () => {
    const oxdId = await registerSite(oxd, op)
    expect((await signIn(oxd, op, oxdId)).id_token_claims["sub"]).toEqual(["248289761001"])
  })

  it("registers the grant_types asked for at the OP (authorization_code only: no refresh token)", async () => {
    const oxdId = await registerSite(oxd, op, {
      client_name: "My RP",
      contacts: ["ops@example.org"],
      grant_types: ["authorization_code"],
    })
    const tokens = await signIn(oxd, op, oxdId)
    expect(tokens.access_token).toEqual(expect.any(String))
    expect(tokens.refresh_token).toBeNull()
    const usual = await signIn(oxd, op, await registerSite(oxd, op))
    expect(usual.refresh_token).toEqual(expect.any(String))
  })

  it("uses default_op_host and default_authorization_redirect_uri from the configuration", async () => {
    const withDefaults = oxdFor(op, { default_op_host: op.issuer, default_authorization_redirect_uri: REDIRECT_URI })
    try {
      const r = await ok<{ oxd_id: string }>(withDefaults.dispatch("register_site", {}, { transport: "internal" }))
      expect(r.oxd_id).toMatch(UUID_V4)
    } finally {
      await withDefaults.dispose()
    }
  })

  it("accepts the standard op_discovery_path, written out or empty", async () => {
    expect(await registerSite(oxd, op, { op_discovery_path: "/.well-known/openid-configuration" })).toMatch(UUID_V4)
    const oxdId = await registerSite(oxd, op, { op_discovery_path: "" })
    expect((await signIn(oxd, op, oxdId)).id_token_claims["sub"]).toEqual(["248289761001"])
  })

  it("reports an op_discovery_path where the OP has no document with no_connect_discovery_response", async () => {
    const e = await failure(
      call(oxd, "register_site", {
        op_host: op.issuer,
        op_discovery_path: "oxauth",
        authorization_redirect_uri: REDIRECT_URI,
      }),
    )
    expect(e).toMatchObject({ error: "no_connect_discovery_response", http: 500 })
    expect(e.error_description).toContain("HTTP 404")
  })

  // R8: client_id without client_secret is ignored: a client is registered (RegisterSiteOperation.java:239,256-258)
  it("R8: registers a client when client_id comes without client_secret (dynamic registration)", async () => {
    const before = op.counters()["registration"] ?? 0
    const oxdId = await registerSite(oxd, op, { client_id: "existing" })
    expect(op.counters()["registration"]).toBe(before + 1)
    const tokens = await signIn(oxd, op, oxdId)
    expect(tokens.id_token_claims["aud"]).not.toEqual(["existing"])
  })

  // audit top-10 item 5: redirect_uris are registered beside authorization_redirect_uri, and then the post-logout
  // URI too (RegisterSiteOperation.java:169-177, RegisterSiteParams.java:28-29)
  it("registers redirect_uris beside authorization_redirect_uri, with post_logout_redirect_uri among them", async () => {
    const more = ["https://rp.example.org/callback2", "https://admin.rp.example.org/cb"]
    const oxdId = await registerSite(oxd, op, { redirect_uris: more })
    expect((await clientAtOp(oxdId))["redirect_uris"]).toEqual([REDIRECT_URI, ...more, POST_LOGOUT_URI])
    // without redirect_uris: the authorization redirect URI alone, as before
    expect((await clientAtOp(await registerSite(oxd, op)))["redirect_uris"]).toEqual([REDIRECT_URI])
    // the login still comes back to authorization_redirect_uri
    expect((await signIn(oxd, op, oxdId)).access_token).toEqual(expect.any(String))
  })

  // trusted_client: Gluu's custom attribute oxAuthTrustedClient=true skips consent (RegisterSiteOperation.java:320-322)
  it("sends trusted_client as Gluu's oxAuthTrustedClient custom attribute, and nothing when false", async () => {
    expect((await clientAtOp(await registerSite(oxd, op, { trusted_client: true })))["oxAuthTrustedClient"]).toBe(
      "true",
    )
    expect((await clientAtOp(await registerSite(oxd, op, { trusted_client: "true" })))["oxAuthTrustedClient"]).toBe(
      "true",
    )
    expect(
      (await clientAtOp(await registerSite(oxd, op, { trusted_client: false })))["oxAuthTrustedClient"],
    ).toBeUndefined()
    expect((await clientAtOp(await registerSite(oxd, op)))["oxAuthTrustedClient"]).toBeUndefined()
  })

  // oxd_rp_programming_language: stored with the site, never sent (RegisterSiteOperation.java:374)
  it("keeps oxd_rp_programming_language with the site", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "oxd-rp-language-")), "oxd.db")
    const onFile = oxdFor(op, { database_url: `file:${db}` })
    try {
      const oxdId = await registerSite(onFile, op, { oxd_rp_programming_language: "python" })
      const sql = createClient({ url: `file:${db}` })
      const row = (await sql.execute({ sql: "select metadata from sites where oxd_id = ?", args: [oxdId] })).rows[0]
      sql.close()
      expect(JSON.parse(String(row?.["metadata"]))).toMatchObject({ oxd_rp_programming_language: "python" })
    } finally {
      await onFile.dispose()
    }
  })

  // R5: the reference refuses what java.net.URL cannot parse, a custom scheme included (Utils.java:79-89, ERC:53)
  it("R5: refuses an authorization_redirect_uri with a custom scheme with invalid_authorization_redirect_uri", async () => {
    const e = await failure(
      call(oxd, "register_site", { op_host: op.issuer, authorization_redirect_uri: "com.example.app:/callback" }),
    )
    expect(e).toMatchObject({ error: "invalid_authorization_redirect_uri", http: 400 })
  })

  // R6: no scope and none by default: invalid_scope "Invalid scope parameter (empty or blank)." (RegisterSiteOperation.java:200-206)
  it("R6: refuses a registration without scope when default_scope is empty with invalid_scope", async () => {
    const noDefault = oxdFor(op, { default_scope: [] })
    try {
      const e = await failure(
        call(noDefault, "register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }),
      )
      expect(e).toMatchObject({ error: "invalid_scope", http: 400 })
      expect(e.error_description).toContain("Invalid scope parameter (empty or blank).")
    } finally {
      await noDefault.dispose()
    }
  })

  // R10: the reference answers an OP without registration_endpoint with invalid_uma_request, its constant
  // NO_UMA_RESOURCES_TO_PROTECT (RegisterSiteOperation.java:262-266)
  it("R10: answers an OP without a registration endpoint with invalid_uma_request, saying to pass client_id and client_secret", async () => {
    const fresh = oxdFor(op) // no cached discovery
    op.rewriteDiscovery({ openid: { registration_endpoint: null } })
    try {
      const e = await failure(
        call(fresh, "register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }),
      )
      expect(e).toMatchObject({ error: "invalid_uma_request", http: 400 })
      expect(e.error_description).toContain("client_id and client_secret")
    } finally {
      op.rewriteDiscovery(null)
      await fresh.dispose()
    }
  })

  // issue 24, seen at an independent OP: discovery listing a grant type among the response types is not taken up:
  // the site registers and signs in with response_type code (OIDC Discovery §3: response_types_supported is what
  // the OP supports; the client registers the one it uses)
  it("registers and signs in at an OP whose discovery lists client_credentials under response_types_supported", async () => {
    const fresh = oxdFor(op) // no cached discovery
    op.rewriteDiscovery({ openid: { response_types_supported: ["code", "client_credentials", "id_token"] } })
    try {
      const oxdId = await registerSite(fresh, op)
      const { authorization_url } = await ok<{ authorization_url: string }>(
        call(fresh, "get_authorization_url", { oxd_id: oxdId }),
      )
      expect(new URL(authorization_url).searchParams.get("response_type")).toBe("code")
      const client = await op.provider.Client.find(new URL(authorization_url).searchParams.get("client_id")!)
      expect(client!.metadata()["response_types"]).toEqual(["code"])
      expect((await signIn(fresh, op, oxdId)).id_token).toEqual(expect.any(String))
    } finally {
      op.rewriteDiscovery(null)
      await fresh.dispose()
    }
  })

  it("uses an existing client with client_id and client_secret: no registration at the OP", async () => {
    const client = await registerAtOp(op)
    const before = op.counters()["registration"] ?? 0
    const oxdId = await registerSite(oxd, op, {
      client_id: client["client_id"],
      client_secret: client["client_secret"],
    })
    expect(oxdId).toMatch(UUID_V4)
    expect(op.counters()["registration"] ?? 0).toBe(before)
    const tokens = await signIn(oxd, op, oxdId)
    expect(tokens.id_token_claims["aud"]).toEqual([client["client_id"]])
  })

  // R2: the reference prepends https:// to an op_host without a scheme (DiscoveryService.java:133-141) and answers
  // op_host as given (RegisterSiteOperation.java:72-75, RegisterSiteResponse.java:12-15)
  it("R2: registers at an op_host given without a scheme (https:// prepended), answering op_host as given", async () => {
    const bare = new URL(op.issuer).host
    const data = await ok<{ oxd_id: string; op_host: string }>(
      call(oxd, "register_site", { op_host: bare, authorization_redirect_uri: REDIRECT_URI }),
    )
    expect(data).toEqual({ oxd_id: expect.stringMatching(UUID_V4), op_host: bare })
    expect((await signIn(oxd, op, data.oxd_id)).id_token_claims["iss"]).toEqual([op.issuer])
  })

  it("answers op_host beside oxd_id, as the reference's RegisterSiteResponse does", async () => {
    expect(
      await ok(call(oxd, "register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })),
    ).toEqual({ oxd_id: expect.stringMatching(UUID_V4), op_host: op.issuer })
  })

  // R11 / X9: the OP refusing the registration is the reference's internal_error (RegisterSiteOperation.java:286, :104-109)
  it("R11: answers metadata the OP refuses with internal_error carrying the OP's error", async () => {
    const e = await failure(
      call(oxd, "register_site", {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        response_types: ["no_such_type"],
      }),
    )
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toContain("invalid_client_metadata")
  })

  it("accepts a lone string where a list is expected", async () => {
    const oxdId = await registerSite(oxd, op, { scope: "openid", response_types: "code" })
    const { authorization_url } = await ok<{ authorization_url: string }>(
      call(oxd, "get_authorization_url", { oxd_id: oxdId }),
    )
    expect(new URL(authorization_url).searchParams.get("scope")).toBe("openid")
  })
})
