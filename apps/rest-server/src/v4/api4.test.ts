import type { TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestRest, type RawReply, type TestRest } from "../test-support/http.js"
import { servedV4Paths, unservedV4Paths, V4_PATHS } from "./paths.js"

// Citations: RR = oxd 4.x oxd-server/src/main/java/org/gluu/oxd/server/RestResource.java, ERC = oxd-common/…/
// ErrorResponseCode.java, VS = …/server/service/ValidationService.java (GluuFederation/oxd `master`).
const REDIRECT_URI = "https://rp.example/cb"
let op: TestOp
let rest: TestRest

beforeAll(async () => {
  op = await startOp()
  rest = await startTestRest(
    { trusted_ca_file: op.caFile, allowed_op_hosts: [new URL(op.issuer).origin] },
    { api: "4" },
  )
})
afterAll(async () => {
  await rest?.close()
  await op?.close()
})

const bare = (r: RawReply): Record<string, any> => {
  expect(r.status, `expected 200, got ${r.status} ${r.text.slice(0, 300)}`).toBe(200)
  expect(r.body).not.toHaveProperty("status")
  return r.body
}
/** 4.x's ErrorResponse (HttpException.java:20): every field, nulls included, with the code's status. */
const v4Error = (r: RawReply, status: number, error: string) => {
  expect({ status: r.status, error: r.body?.error }, r.text.slice(0, 300)).toEqual({ status, error })
  expect(Object.keys(r.body).sort()).toEqual(["details", "error", "error_description", "reason"])
  expect(r.body.error_description).toEqual(expect.any(String))
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

/** 4.x's flow: register_site (no token) answers the client; get_client_token with it gives the site's token. */
const registerSite = async () => {
  const site = bare(
    await rest.send("/register-site", {
      body: { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, scope: ["openid", "oxd"] },
    }),
  )
  const { access_token } = bare(
    await rest.send("/get-client-token", {
      body: {
        op_host: op.issuer,
        client_id: site["client_id"],
        client_secret: site["client_secret"],
        scope: ["openid", "oxd"],
      },
    }),
  )
  return { oxdId: String(site["oxd_id"]), token: String(access_token), site }
}

describe("the oxd 4.x REST API", () => {
  it("serves the rows of the path table whose command is registered, and lists the others", () => {
    // every 4.x path whose command core has (issue 28's commands included); the others light up when registered
    expect(servedV4Paths().map((p) => p.command)).toEqual([
      "get_request_object",
      "get_rp_jwks",
      "get_client_token",
      "introspect_access_token",
      "introspect_rpt",
      "register_site",
      "update_site",
      "remove_site",
      "get_authorization_url",
      "get_authorization_code",
      "get_tokens_by_code",
      "get_user_info",
      "get_logout_uri",
      "get_access_token_by_refresh_token",
      "uma_rs_protect",
      "uma_rs_modify",
      "uma_rs_check_access",
      "uma_rp_get_rpt",
      "uma_rp_get_claims_gathering_url",
      "authorization_code_flow",
      "check_access_token",
      "check_id_token",
      "get_rp",
      "get_jwks",
      "get_discovery",
      "get_issuer",
      "get_request_object_uri",
      "implicit_flow",
      "initiate_third_party_login",
    ])
    // every row is served now
    expect(unservedV4Paths()).toEqual([])
    expect(unservedV4Paths().length + servedV4Paths().length).toBe(V4_PATHS.length)
  })

  it("answers an unserved row 404 until its command exists, in 4.x's error shape", async () => {
    const missing = unservedV4Paths().find((p) => p.method === "POST")
    if (!missing) return
    v4Error(await rest.send(missing.path, { body: {} }), 404, "unsupported_operation")
  })

  it("register_site needs no token and answers the client (RR:92-98, CommandType.java:20; RegisterSiteOperation.java:68-79)", async () => {
    const { site } = await registerSite()
    expect(site).toMatchObject({
      oxd_id: expect.any(String),
      client_id: expect.any(String),
      client_secret: expect.any(String),
    })
  })

  it("answers bare JSON: the result itself, no envelope (RR:296-300)", async () => {
    const { oxdId, token } = await registerSite()
    const r = await rest.send("/get-authorization-url", { body: { oxd_id: oxdId }, headers: bearer(token) })
    expect(Object.keys(bare(r))).toEqual(["authorization_url"])
    expect(r.headers["content-type"]).toMatch(/^application\/json/)
  })

  it("a protected command without a Bearer token: 403 blank_access_token (RR:388-397, ERC:67)", async () => {
    const { oxdId } = await registerSite()
    v4Error(await rest.send("/get-authorization-url", { body: { oxd_id: oxdId } }), 403, "blank_access_token")
    v4Error(
      await rest.send("/get-authorization-url", { body: { oxd_id: oxdId }, headers: { Authorization: "Bearer " } }),
      403,
      "blank_access_token",
    )
  })

  it("another site's token: 403 invalid_access_token; a made-up one: 403 inactive_access_token (VS:145-149, VS:166-169)", async () => {
    const a = await registerSite()
    const b = await registerSite()
    const params = { body: { oxd_id: a.oxdId } }
    v4Error(
      await rest.send("/get-authorization-url", { ...params, headers: bearer(b.token) }),
      403,
      "invalid_access_token",
    )
    v4Error(
      await rest.send("/get-authorization-url", { ...params, headers: bearer("made-up") }),
      403,
      "inactive_access_token",
    )
  })

  it("a token without the oxd scope: 403 access_token_insufficient_scope (VS:140-143, ERC:37)", async () => {
    const site = bare(
      await rest.send("/register-site", {
        body: { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, scope: ["openid"] },
      }),
    )
    const { access_token } = bare(
      await rest.send("/get-client-token", {
        body: {
          op_host: op.issuer,
          client_id: site["client_id"],
          client_secret: site["client_secret"],
          scope: ["openid"],
        },
      }),
    )
    v4Error(
      await rest.send("/get-authorization-url", { body: { oxd_id: site["oxd_id"] }, headers: bearer(access_token) }),
      403,
      "access_token_insufficient_scope",
    )
  })

  it("an unknown oxd_id: 400 invalid_oxd_id (ERC:56)", async () => {
    const { token } = await registerSite()
    v4Error(
      await rest.send("/get-authorization-url", {
        body: { oxd_id: "6f9619ff-8b86-4011-b42d-00cf4fc964ff" },
        headers: bearer(token),
      }),
      400,
      "invalid_oxd_id",
    )
  })

  it("GET /initiate-third-party-login/{oxd_id}?iss&login_hint&target_link_uri: the authorization URL, with the site's token (RR:268-274, CommandType.java:56)", async () => {
    const { oxdId, token } = await registerSite()
    const query = (iss: string) =>
      `/initiate-third-party-login/${oxdId}?${new URLSearchParams({ iss, login_hint: "alice", target_link_uri: `${REDIRECT_URI}/next` })}`
    const r = bare(await rest.send(query(op.issuer), { method: "GET", headers: bearer(token) }))
    const url = new URL(r["authorization_url"])
    expect(url.origin).toBe(op.issuer)
    expect(url.searchParams.get("login_hint")).toBe("alice")
    v4Error(await rest.send(query(op.issuer), { method: "GET" }), 403, "blank_access_token")
    v4Error(
      await rest.send(query("https://evil.example"), { method: "GET", headers: bearer(token) }),
      400,
      "bad_request",
    )
    v4Error(
      await rest.send(`/initiate-third-party-login/${oxdId}`, { method: "GET", headers: bearer(token) }),
      400,
      "bad_request_no_issuer",
    )
  })

  it("POST /implicit-flow (oxd-ts's path: 4.x has implicit_flow only as a command, CommandType.java:47): only with test_helpers_enabled", async () => {
    const { site, token } = await registerSite()
    const params = {
      oxd_id: site["oxd_id"],
      redirect_url: REDIRECT_URI,
      client_id: site["client_id"],
      client_secret: site["client_secret"],
      user_id: "bob",
      user_secret: "bob-password",
      scope: "openid",
    }
    // off by default: the disabled command's answer, before its params are read (ERC:61's status)
    const off = await rest.send("/implicit-flow", { body: params, headers: bearer(token) })
    v4Error(off, 500, "unsupported_operation")
    expect(off.body.error_description).toContain("test_helpers_enabled")
    const helpers = await startTestRest(
      { trusted_ca_file: op.caFile, allowed_op_hosts: [new URL(op.issuer).origin], test_helpers_enabled: true },
      { api: "4" },
    )
    try {
      const s = bare(
        await helpers.send("/register-site", {
          body: { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, scope: ["openid", "oxd"] },
        }),
      )
      const { access_token } = bare(
        await helpers.send("/get-client-token", {
          body: {
            op_host: op.issuer,
            client_id: s["client_id"],
            client_secret: s["client_secret"],
            scope: ["openid", "oxd"],
          },
        }),
      )
      const flow = bare(
        await helpers.send("/implicit-flow", {
          body: { ...params, oxd_id: s["oxd_id"], client_id: s["client_id"], client_secret: s["client_secret"] },
          headers: bearer(String(access_token)),
        }),
      )
      expect(flow).toMatchObject({ access_token: expect.any(String), authorization_code: expect.any(String) })
    } finally {
      await helpers.close()
    }
  })

  it("get_authorization_url's redirect_uri: one the site did not register, 400 redirect_uri_is_not_registered (GetAuthorizationUrlOperation.java:60-62, ERC:97)", async () => {
    const { oxdId, token } = await registerSite()
    v4Error(
      await rest.send("/get-authorization-url", {
        body: { oxd_id: oxdId, redirect_uri: "https://elsewhere.example/cb" },
        headers: bearer(token),
      }),
      400,
      "redirect_uri_is_not_registered",
    )
    const named = bare(
      await rest.send("/get-authorization-url", {
        body: { oxd_id: oxdId, redirect_uri: REDIRECT_URI, params: { login_hint: "alice" } },
        headers: bearer(token),
      }),
    )
    expect(new URL(named["authorization_url"]).searchParams.get("login_hint")).toBe("alice")
  })

  it("a scope_expression without rule: 400 invalid_scope_expression, 4.x's spelling (ERC:92; 3.1's is invalid_scope_expressioin)", async () => {
    const { oxdId, token } = await registerSite()
    const r = await rest.send("/uma-rs-protect", {
      body: {
        oxd_id: oxdId,
        resources: [{ path: "/photos", conditions: [{ httpMethods: ["GET"], scope_expression: { data: ["read"] } }] }],
      },
      headers: bearer(token),
    })
    v4Error(r, 400, "invalid_scope_expression")
  })

  it("AuthorizationOxdId naming the params' oxd_id is accepted; another site's is refused 400 invalid_authorization_oxd_id (RR:341-344, ERC:119)", async () => {
    const a = await registerSite()
    const b = await registerSite()
    const own = await rest.send("/get-authorization-url", {
      body: { oxd_id: a.oxdId },
      headers: { ...bearer(a.token), AuthorizationOxdId: a.oxdId },
    })
    bare(own)
    // a command that needs no token ignores the header, as 4.x does (RR:341: only when authorization is required)
    bare(
      await rest.send("/register-site", {
        body: { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, scope: ["openid", "oxd"] },
        headers: { AuthorizationOxdId: b.oxdId },
      }),
    )
    // in 4.x, b's token would open a's site with AuthorizationOxdId: b
    v4Error(
      await rest.send("/get-authorization-url", {
        body: { oxd_id: a.oxdId },
        headers: { ...bearer(b.token), AuthorizationOxdId: b.oxdId },
      }),
      400,
      "invalid_authorization_oxd_id",
    )
  })

  it("update_site and remove_site need the site's token (4.x asks none: CommandType.java:21-22)", async () => {
    const { oxdId, token } = await registerSite()
    v4Error(await rest.send("/remove-site", { body: { oxd_id: oxdId } }), 403, "blank_access_token")
    expect(bare(await rest.send("/remove-site", { body: { oxd_id: oxdId }, headers: bearer(token) }))).toEqual({
      oxd_id: oxdId,
    })
  })

  it("a body that is no JSON object: 400 in 4.x's shape (RR:276-284)", async () => {
    const r = await rest.send("/register-site", { body: "{not json", headers: { "Content-Type": "application/json" } })
    v4Error(r, 400, "bad_request")
    expect(r.body.error_description).toMatch(/^Invalid parameters\. Message: /)
  })

  it("GET /health-check: JSON application, version, status running (RR:40-52)", async () => {
    const r = await rest.send("/health-check", { method: "GET" })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ application: "oxd", version: expect.any(String), status: "running" })
  })

  it("an unknown path: 404; another method: 405, in 4.x's error shape", async () => {
    v4Error(await rest.send("/setup-client", { body: {} }), 404, "unsupported_operation")
    v4Error(await rest.send("/get-client-token", { method: "GET" }), 405, "bad_request")
  })

  it("serves its own OpenAPI document at /openapi.json", async () => {
    const r = await rest.send("/openapi.json", { method: "GET" })
    expect(r.status).toBe(200)
    expect(r.body.info.title).toMatch(/4\.x/)
    expect(Object.keys(r.body.paths)).toContain("/register-site")
    expect(Object.keys(r.body.paths)).not.toContain("/setup-client")
  })
})
