import { createPublicKey, verify, type JsonWebKey } from "node:crypto"
import { type Ctx, scenario } from "../../scenario.js"
import { reference4 } from "../../source.js"
import { site4 } from "./sites.js"

// The oxd 4.x commands' own behaviour, cited from oxd 4.x (GluuFederation/oxd `master`; S4/ =
// oxd-server/src/main/java/org/gluu/oxd/server/, C4/ = oxd-common/src/main/java/org/gluu/oxd/common/). They run over
// every transport: over https4 the 4.x REST API (bare replies), over tcp, ws and https the 3.1 API's envelope, which
// the transports read into the same {status, data}. Each site is registered the way the transport's API wants
// (sites.ts: site4).

/** The claims of a JWT (no check: the server under test is what checks). */
const claimsOf = (jwt: string): Record<string, unknown> => {
  try {
    return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>
  } catch {
    return {}
  }
}

/** A claim of check_id_token's claims, a list of strings per claim there (C4/response/CheckIdTokenResponse.java:24). */
const firstOf = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v)

/** The ID token with its signature's bytes changed: what an attacker who cannot sign would send. */
const forge = (jwt: string): string => {
  const [h, p, s] = jwt.split(".") as [string, string, string]
  const sig = Buffer.from(s, "base64url")
  sig[3] = (sig[3] ?? 0) ^ 0xff
  return `${h}.${p}.${sig.toString("base64url")}`
}

export const v4OpInfo = scenario({
  id: "v4-op-info",
  title: "oxd 4.x: get_discovery, get_jwks and get_rp — the OP's document and keys, a site's registration",
  checks:
    "get_discovery (no token) answers the OP's issuer and endpoints under 4.x's names (user_info_endpoint); get_jwks the OP's keys; get_rp {node} with the site's oxd_id and client_id",
  tags: ["v4", "v4-commands"],
  source: reference4(
    "S4/op/GetDiscoveryOperation.java:35-41, S4/op/GetJwksOperation.java:35-58, S4/op/GetRpOperation.java:44-46",
  ),
  commands: ["get_discovery", "get_jwks", "get_rp", "register_site"],
  async run(t: Ctx) {
    const discovery = await t.ok(
      "get_discovery",
      { op_host: t.env.op.issuer },
      reference4("S4/RestResource.java:244-250 (no token), C4/CommandType.java:51 (authorizationRequired false)"),
    )
    t.expect(
      discovery["issuer"] === t.env.op.issuer,
      `get_discovery: expected issuer ${t.env.op.issuer} (got ${String(discovery["issuer"])})`,
      reference4("S4/op/GetDiscoveryOperation.java:36-40, C4/response/GetDiscoveryResponse.java:16-17"),
    )
    t.expect(
      typeof discovery["authorization_endpoint"] === "string" &&
        typeof discovery["token_endpoint"] === "string" &&
        typeof discovery["jwks_uri"] === "string",
      "get_discovery: expected authorization_endpoint, token_endpoint and jwks_uri",
      reference4("C4/response/GetDiscoveryResponse.java:18-33"),
    )
    t.expect(
      typeof discovery["user_info_endpoint"] === "string" && !("userinfo_endpoint" in discovery),
      "get_discovery: expected the userinfo endpoint as user_info_endpoint (oxAuth's bean name, copied property by property)",
      reference4(
        "S4/op/GetDiscoveryOperation.java:40 (BeanUtils.copyProperties), C4/response/GetDiscoveryResponse.java:24-25",
      ),
    )
    const jwks = await t.ok(
      "get_jwks",
      { op_host: t.env.op.issuer },
      reference4("S4/RestResource.java:236-242, C4/CommandType.java:50 (authorizationRequired false)"),
    )
    const keys = jwks["keys"]
    t.expect(
      Array.isArray(keys) &&
        keys.length > 0 &&
        keys.every((k) => typeof (k as Record<string, unknown>)["kty"] === "string"),
      "get_jwks: expected keys, the OP's JWKs (each with kty)",
      reference4("S4/op/GetJwksOperation.java:47-58, C4/response/GetJwksResponse.java:21-22"),
    )

    const site = await site4(t)
    const rp = await t.ok("get_rp", { oxd_id: site.oxdId }, reference4("S4/RestResource.java:228-234"))
    const node = rp["node"] as Record<string, unknown> | undefined
    t.expect(
      node?.["oxd_id"] === site.oxdId && typeof node["client_id"] === "string" && typeof node["op_host"] === "string",
      `get_rp: expected node, the site's Rp (oxd_id ${site.oxdId}, client_id, op_host), got ${JSON.stringify(rp).slice(0, 200)}`,
      reference4(
        "S4/op/GetRpOperation.java:44-46, C4/response/GetRpResponse.java:12-13, S4/service/Rp.java:20-23,48-49",
      ),
    )
    t.expect(
      site.clientId === undefined || node?.["client_id"] === site.clientId,
      "get_rp: expected the client_id register_site answered",
      reference4("S4/service/Rp.java:48-49"),
    )
  },
})

export const v4Issuer = scenario({
  id: "v4-issuer",
  title: "oxd 4.x: get_issuer — the user's OP by WebFinger, checked against the OP's discovery",
  checks:
    "get_issuer (no token) with acct:alice@<OP host> answers subject and links, one an issuer link to the OP; without resource: bad_request_no_resource",
  tags: ["v4", "v4-commands"],
  source: reference4("S4/op/GetIssuerOperation.java:29-78, C4/response/GetIssuerResponse.java:12-15"),
  commands: ["get_issuer"],
  async run(t: Ctx) {
    const host = new URL(t.env.op.issuer).host
    const found = await t.ok(
      "get_issuer",
      { op_host: t.env.op.issuer, resource: `acct:alice@${host}` },
      reference4("S4/RestResource.java:252-258 (no token), S4/op/GetIssuerOperation.java:29-36"),
    )
    const links = found["links"]
    t.expect(
      typeof found["subject"] === "string" &&
        Array.isArray(links) &&
        links.some(
          (l) =>
            (l as Record<string, unknown>)["rel"] === "http://openid.net/specs/connect/1.0/issuer" &&
            (l as Record<string, unknown>)["href"] === t.env.op.issuer,
        ),
      `get_issuer: expected subject and an issuer link to ${t.env.op.issuer}, got ${JSON.stringify(found).slice(0, 200)}`,
      reference4("S4/op/GetIssuerOperation.java:39-51, :71-77 (the discovered issuer among the links)"),
    )
    await t.fails(
      "get_issuer",
      { op_host: t.env.op.issuer },
      "bad_request_no_resource",
      "no resource",
      reference4("S4/op/GetIssuerOperation.java:65-68, C4/ErrorResponseCode.java:32"),
    )
  },
})

export const v4CheckIdToken = scenario({
  id: "v4-check-id-token",
  title: "oxd 4.x: check_id_token — active for the site's ID token, inactive when forged or for another nonce",
  checks:
    "check_id_token: the ID token get_tokens_by_code answered is active, with iat, exp (seconds) and its claims; a forged signature and another nonce: active false; no id_token: no_id_token",
  tags: ["v4", "v4-commands", "id-token"],
  source: reference4("S4/op/CheckIdTokenOperation.java:37-65, C4/response/CheckIdTokenResponse.java:18-25"),
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code", "check_id_token"],
  async run(t: Ctx) {
    const site = await site4(t)
    const tokens = await t.signIn(site.oxdId)
    const idToken = String(tokens["id_token"])
    const claims = claimsOf(idToken)
    const checked = await t.ok(
      "check_id_token",
      { oxd_id: site.oxdId, id_token: idToken },
      reference4("S4/RestResource.java:220-226, C4/CommandType.java:34"),
    )
    t.expect(
      checked["active"] === true,
      `check_id_token: expected active true for the ID token the OP just issued to the site, got ${JSON.stringify(checked).slice(0, 200)}`,
      reference4("S4/op/CheckIdTokenOperation.java:61, S4/op/Validator.java:256-263"),
    )
    t.expect(
      checked["expires_at"] === claims["exp"] && checked["issued_at"] === claims["iat"],
      `check_id_token: expected expires_at and issued_at, the token's exp and iat in seconds (got ${String(checked["expires_at"])}, ${String(checked["issued_at"])})`,
      reference4("S4/op/CheckIdTokenOperation.java:62-63, S4/Utils.java:81-83 (getTime() / 1000)"),
    )
    const got = (checked["claims"] ?? {}) as Record<string, unknown>
    t.expect(
      firstOf(got["sub"]) === claims["sub"] && firstOf(got["iss"]) === claims["iss"],
      "check_id_token: expected the token's claims (sub, iss)",
      reference4("S4/op/CheckIdTokenOperation.java:64"),
    )
    const forged = await t.ok("check_id_token", { oxd_id: site.oxdId, id_token: forge(idToken) })
    t.expect(
      forged["active"] === false,
      "check_id_token: expected active false for an ID token whose signature is not the OP's",
      reference4("S4/op/Validator.java:340-346 (INVALID_ID_TOKEN_BAD_SIGNATURE), :256-263 (caught: false)"),
    )
    const otherNonce = await t.ok("check_id_token", {
      oxd_id: site.oxdId,
      id_token: idToken,
      nonce: "a-nonce-the-token-does-not-carry",
    })
    t.expect(
      otherNonce["active"] === false,
      "check_id_token: expected active false when the nonce given is not the token's",
      reference4("S4/op/Validator.java:281-284 (INVALID_ID_TOKEN_BAD_NONCE), :256-263"),
    )
    await t.fails(
      "check_id_token",
      { oxd_id: site.oxdId },
      "no_id_token",
      "no id_token",
      reference4("C4/ErrorResponseCode.java:35 (NO_ID_TOKEN_PARAM, 400)"),
    )
  },
})

export const v4CheckAccessToken = scenario({
  id: "v4-check-access-token",
  title: "oxd 4.x: check_access_token — active for the access token the ID token's at_hash binds",
  checks:
    "check_access_token: active true with the ID token's times (epoch ms) for its own access token, false for another; needs an OP that writes at_hash at the token endpoint (the test OP's with_at_hash)",
  tags: ["v4", "v4-commands", "id-token"],
  source: reference4("S4/op/CheckAccessTokenOperation.java:38-71, C4/response/CheckAccessTokenResponse.java:17-22"),
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code", "check_access_token"],
  async run(t: Ctx) {
    const site = await site4(t)
    await t.env.op.misbehave?.("with_at_hash")
    const tokens = await t.signIn(site.oxdId)
    const idToken = String(tokens["id_token"])
    const claims = claimsOf(idToken)
    if (typeof claims["at_hash"] !== "string")
      t.skip(
        "the OP's ID token from the token endpoint has no at_hash (OIDC Core 3.1.3.6: optional there): it binds no access token to check",
      )
    const accessToken = String(tokens["access_token"])
    const checked = await t.ok(
      "check_access_token",
      { oxd_id: site.oxdId, id_token: idToken, access_token: accessToken },
      reference4("S4/RestResource.java:212-218, C4/CommandType.java:35"),
    )
    t.expect(
      checked["active"] === true,
      `check_access_token: expected active true for the access token the ID token's at_hash names, got ${JSON.stringify(checked)}`,
      reference4("S4/op/CheckAccessTokenOperation.java:49, :55-66 (RSASigner.validateAccessToken)"),
    )
    t.expect(
      checked["expires_at"] === Number(claims["exp"]) * 1000 && checked["issued_at"] === Number(claims["iat"]) * 1000,
      `check_access_token: expected expires_at and issued_at, the ID token's exp and iat as Dates (epoch ms), got ${String(checked["expires_at"])}, ${String(checked["issued_at"])}`,
      reference4("S4/op/CheckAccessTokenOperation.java:45-51, C4/response/CheckAccessTokenResponse.java:19-22 (Date)"),
    )
    const other = await t.ok("check_access_token", {
      oxd_id: site.oxdId,
      id_token: idToken,
      access_token: `${accessToken}x`,
    })
    t.expect(
      other["active"] === false,
      "check_access_token: expected active false for an access token the ID token does not bind",
      reference4("S4/op/CheckAccessTokenOperation.java:55-71"),
    )
  },
})

export const v4UmaRsModify = scenario({
  id: "v4-uma-rs-modify",
  title: "oxd 4.x: uma_rs_modify — new scopes for a protected resource",
  checks:
    "uma_rs_modify of a protected (path, http_method) answers {oxd_id}; of a path not protected: invalid_request; without http_method: invalid_http_method",
  tags: ["v4", "v4-commands", "uma"],
  source: reference4("S4/op/RsModifyOperation.java:45-142, C4/response/RsModifyResponse.java:6-7"),
  commands: ["register_site", "uma_rs_protect", "uma_rs_check_access", "uma_rs_modify"],
  skip: (env) => (env.op.offersUma === false ? "the OP offers no UMA 2 (no uma2-configuration)" : undefined),
  async run(t: Ctx) {
    const site = await site4(t, "uma")
    const resources = [{ path: "/v4/photos", conditions: [{ httpMethods: ["GET"], scopes: ["read"] }] }]
    await t.protectAndTicket(site.oxdId, resources, "/v4/photos", "GET")
    const modified = await t.ok(
      "uma_rs_modify",
      { oxd_id: site.oxdId, path: "/v4/photos", http_method: "GET", scopes: ["write"] },
      reference4("S4/RestResource.java:172-178, C4/CommandType.java:39"),
    )
    t.expect(
      modified["oxd_id"] === site.oxdId,
      `uma_rs_modify: expected {oxd_id} of the site, got ${JSON.stringify(modified)}`,
      reference4("S4/op/RsModifyOperation.java:97-101, C4/response/RsModifyResponse.java:6-7"),
    )
    await t.fails(
      "uma_rs_modify",
      { oxd_id: site.oxdId, path: "/v4/not-protected", http_method: "GET", scopes: ["write"] },
      "invalid_request",
      "a path the site does not protect",
      reference4("S4/op/RsModifyOperation.java:62-73"),
    )
    await t.fails(
      "uma_rs_modify",
      { oxd_id: site.oxdId, path: "/v4/photos", scopes: ["write"] },
      "invalid_http_method",
      "no http_method",
      reference4("S4/op/RsModifyOperation.java:150-152, C4/ErrorResponseCode.java:83"),
    )
  },
})

export const v4RequestObject = scenario({
  id: "v4-request-object",
  title: "oxd 4.x: get_request_object_uri, the request object behind it, and get_rp_jwks that verifies it",
  checks:
    "get_rp_jwks (no token) answers the server's public keys; get_request_object_uri (RS256) answers request_uri <oxd_host_url>/get-request-object/<id>; the request object there is a JWT signed by a key of get_rp_jwks, iss and client_id the site's client, the given claims in; without oxd_host_url: bad_request_no_oxd_host; an unknown id: request_object_not_found",
  tags: ["v4", "v4-commands"],
  source: reference4(
    "S4/op/GetRequestObjectUriOperation.java:37-117, S4/op/GetRequestObjectOperation.java:23-40, S4/op/GetRpJwksOperation.java:17-20",
  ),
  commands: ["register_site", "get_rp", "get_rp_jwks", "get_request_object_uri", "get_request_object"],
  async run(t: Ctx) {
    const site = await site4(t)
    const jwks = await t.ok(
      "get_rp_jwks",
      {},
      reference4("S4/RestResource.java:61-66 (GET, no token), C4/CommandType.java:53"),
    )
    const keys = (Array.isArray(jwks["keys"]) ? jwks["keys"] : []) as Array<Record<string, unknown>>
    t.expect(
      keys.length > 0 && keys.every((k) => typeof k["kid"] === "string" && !("d" in k)),
      "get_rp_jwks: expected the server's public keys (kid, no private part)",
      reference4("S4/op/GetRpJwksOperation.java:20 (getKeyGeneratorService().getKeys())"),
    )
    const oxdHostUrl = "https://oxd.example.org:8543"
    const made = await t.ok(
      "get_request_object_uri",
      {
        oxd_id: site.oxdId,
        request_object_signing_alg: "RS256",
        oxd_host_url: oxdHostUrl,
        params: { state: "v4-state", nonce: "v4-nonce", scope: "openid" },
      },
      reference4("S4/RestResource.java:260-266, C4/CommandType.java:55"),
    )
    const requestUri = String(made["request_uri"])
    const prefix = `${oxdHostUrl}/get-request-object/`
    t.expect(
      requestUri.startsWith(prefix) && requestUri.length > prefix.length,
      `get_request_object_uri: expected request_uri ${prefix}<id>, got ${requestUri}`,
      reference4(
        "S4/op/GetRequestObjectUriOperation.java:56-64, :119-127, C4/response/GetRequestObjectUriResponse.java:7",
      ),
    )
    const id = requestUri.slice(prefix.length)
    const jwt = await t.ok(
      "get_request_object",
      { request_object_id: id },
      reference4(
        "S4/RestResource.java:54-59 (GET /get-request-object/{id}, text/plain), S4/op/GetRequestObjectOperation.java:26-33",
      ),
    )
    const text = typeof jwt === "string" ? (jwt as string) : ""
    const [h = "", p = "", s = ""] = text.split(".")
    const header = claimsOf(`.${h}`)
    const claims = claimsOf(text)
    const rp = (await t.ok("get_rp", { oxd_id: site.oxdId }, reference4("S4/RestResource.java:228-234")))["node"] as
      Record<string, unknown> | undefined
    const clientId = site.clientId ?? rp?.["client_id"]
    t.expect(
      claims["iss"] === clientId &&
        claims["client_id"] === clientId &&
        claims["oxd_id"] === site.oxdId &&
        claims["state"] === "v4-state" &&
        claims["nonce"] === "v4-nonce",
      `the request object: expected iss and client_id the site's client, its oxd_id and the given claims, got ${JSON.stringify(claims).slice(0, 300)}`,
      reference4("S4/op/GetRequestObjectUriOperation.java:89-108"),
    )
    const key = keys.find((k) => k["kid"] === header["kid"])
    const verified =
      header["alg"] === "RS256" &&
      key !== undefined &&
      verify(
        "sha256",
        Buffer.from(`${h}.${p}`),
        createPublicKey({ key: key as JsonWebKey, format: "jwk" }),
        Buffer.from(s, "base64url"),
      )
    t.expect(
      verified,
      `the request object: expected an RS256 JWT signed by the get_rp_jwks key its kid names (header ${JSON.stringify(header)})`,
      reference4("S4/op/GetRequestObjectUriOperation.java:80-84 (kid), :54 (signed with the server's keys)"),
    )
    await t.fails(
      "get_request_object_uri",
      { oxd_id: site.oxdId, request_object_signing_alg: "RS256" },
      "bad_request_no_oxd_host",
      "no oxd_host_url",
      reference4("S4/op/GetRequestObjectUriOperation.java:112-117, C4/ErrorResponseCode.java:103"),
    )
    await t.fails(
      "get_request_object",
      { request_object_id: "00000000-0000-4000-8000-000000000000" },
      "request_object_not_found",
      "an id no request object has",
      reference4("S4/op/GetRequestObjectOperation.java:28-31, C4/ErrorResponseCode.java:102"),
    )
  },
})

/** The test OP's user, when the run names none (Env.user; the CLI's --username, --password). */
const TEST_OP_USER = { username: "alice", password: "alice-password" }

export const v4TestHelpers = scenario({
  id: "v4-test-helpers",
  title: "oxd 4.x: the test helpers get_authorization_code and authorization_code_flow log a user in by password",
  checks:
    "get_authorization_code answers a code get_tokens_by_code redeems; authorization_code_flow answers tokens (when the site's secret is known). Skipped when the target switches them off (oxd-ts: test_helpers_enabled, off by default) or the OP takes no password at its authorization endpoint",
  tags: ["v4", "v4-commands", "test-helpers"],
  source: reference4(
    "S4/op/GetAuthorizationCodeOperation.java:41-72, S4/op/AuthorizationCodeFlowOperation.java:41-107",
  ),
  optional: "test helpers that log a user in with a password; oxd-ts serves them only with test_helpers_enabled: true",
  commands: ["register_site", "get_authorization_code", "get_tokens_by_code", "authorization_code_flow"],
  async run(t: Ctx) {
    const site = await site4(t)
    const user = t.env.user ?? TEST_OP_USER
    const reply = await t.call("get_authorization_code", { oxd_id: site.oxdId, ...user })
    if (reply.status === "error" && reply.data.error === "unsupported_operation")
      t.skip(
        `the target does not offer the test helpers (get_authorization_code: ${reply.data.error_description}); oxd-ts serves them with test_helpers_enabled: true`,
      )
    const code = await t.ok(
      "get_authorization_code",
      { oxd_id: site.oxdId, ...user },
      reference4("S4/RestResource.java:124-130, C4/CommandType.java:26"),
    )
    t.expect(
      typeof code["code"] === "string" && code["code"].length > 0,
      `get_authorization_code: expected code, got ${JSON.stringify(code).slice(0, 200)}`,
      reference4("S4/op/GetAuthorizationCodeOperation.java:67, C4/response/GetAuthorizationCodeResponse.java:12"),
    )
    const tokens = await t.ok(
      "get_tokens_by_code",
      { oxd_id: site.oxdId, code: code["code"], state: code["state"] ?? "" },
      reference4("S4/op/GetTokensByCodeOperation.java:48-138 (the code redeemed)"),
    )
    t.expect(
      typeof tokens["access_token"] === "string" && typeof tokens["id_token"] === "string",
      "get_tokens_by_code: expected access_token and id_token for the helper's code",
      reference4("C4/response/GetTokensByCodeResponse.java:14-23"),
    )
    if (site.clientId === undefined || site.clientSecret === undefined) return
    const flow = await t.ok(
      "authorization_code_flow",
      {
        oxd_id: site.oxdId,
        client_id: site.clientId,
        client_secret: site.clientSecret,
        redirect_url: t.env.redirectUri,
        user_id: user.username,
        user_secret: user.password,
        scope: "openid",
      },
      reference4("S4/RestResource.java:204-210, C4/CommandType.java:46"),
    )
    t.expect(
      typeof flow["access_token"] === "string" &&
        typeof flow["authorization_code"] === "string" &&
        String(flow["id_token"]).split(".").length === 3,
      `authorization_code_flow: expected access_token, authorization_code and id_token, got ${JSON.stringify(flow).slice(0, 200)}`,
      reference4(
        "S4/op/AuthorizationCodeFlowOperation.java:91-98, C4/response/AuthorizationCodeFlowResponse.java:16-26",
      ),
    )
  },
})

/** The 4.x commands' scenarios of the reference-4 profile, over every transport. */
export const v4CommandScenarios = [
  v4OpInfo,
  v4Issuer,
  v4CheckIdToken,
  v4CheckAccessToken,
  v4UmaRsModify,
  v4RequestObject,
  v4TestHelpers,
] as const
