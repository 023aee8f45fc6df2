import { type Ctx, scenario } from "../../scenario.js"
import { reference4 } from "../../source.js"
import { httpStatusOf } from "../../transports/https4.js"

// Citations of oxd 4.x (GluuFederation/oxd `master`): S4/ = oxd-server/src/main/java/org/gluu/oxd/server/,
// C4/ = oxd-common/src/main/java/org/gluu/oxd/common/. These scenarios run in the reference-4 profile, over the 4.x
// REST API (transport https4): replies are bare results, errors 4.x's ErrorResponse with the code's HTTP status.

const REGISTER_SITE = reference4(
  "S4/RestResource.java:92-98 (no token), C4/CommandType.java:20, S4/op/RegisterSiteOperation.java:58-79, C4/response/RegisterSiteResponse.java:13-30",
)
const GET_CLIENT_TOKEN = reference4(
  "S4/RestResource.java:68-74, S4/op/GetClientTokenOperation.java:72-83 (client_credentials, openid added :103), C4/response/GetClientTokenResponse.java:14-21",
)
const HTTP_STATUS = reference4("S4/HttpException.java:20: the code's own HTTP status (C4/ErrorResponseCode.java)")

/**
 * oxd 4.x's way in, without setup_client: register_site (no token) answers the site's client; get_client_token with
 * it gives the token the site's other commands need (S4/service/ValidationService.java:123-150). Sets t.token.
 */
const registerSite4 = async (
  t: Ctx,
  scope: ReadonlyArray<string> = ["openid", "profile", "oxd"],
  extra: Record<string, unknown> = {},
): Promise<{ oxdId: string; clientId: string; clientSecret: string; token: string }> => {
  const site = await t.ok(
    "register_site",
    {
      op_host: t.env.op.issuer,
      authorization_redirect_uri: t.env.redirectUri,
      post_logout_redirect_uri: t.env.postLogoutRedirectUri,
      scope,
      ...t.authParams().registration,
      ...extra,
    },
    REGISTER_SITE,
  )
  t.expect(
    typeof site["oxd_id"] === "string" &&
      typeof site["client_id"] === "string" &&
      typeof site["client_secret"] === "string",
    "register_site: expected oxd_id, client_id and client_secret",
    REGISTER_SITE,
  )
  const scopes = scope.includes("oxd") ? ["openid", "oxd"] : ["openid"]
  const token = await t.ok(
    "get_client_token",
    {
      ...t.authParams().token,
      op_host: t.env.op.issuer,
      client_id: site["client_id"],
      client_secret: site["client_secret"],
      scope: scopes,
    },
    GET_CLIENT_TOKEN,
  )
  t.expect(
    typeof token["access_token"] === "string" && Array.isArray(token["scope"]),
    "get_client_token: expected access_token and scope (a list)",
    GET_CLIENT_TOKEN,
  )
  return {
    oxdId: String(site["oxd_id"]),
    clientId: String(site["client_id"]),
    clientSecret: String(site["client_secret"]),
    token: String(token["access_token"]),
  }
}

/** `command` answers error `code` with HTTP `status`, as 4.x's HttpException writes it. */
const failsWith = async (
  t: Ctx,
  command: string,
  params: Record<string, unknown>,
  code: string,
  status: number,
  why: string,
) => {
  const e = await t.fails(command, params, code, why)
  t.expect(
    httpStatusOf(e) === status,
    `${command}: expected HTTP ${status} with ${code} (got ${httpStatusOf(e)})`,
    HTTP_STATUS,
  )
}

export const v4CodeFlow = scenario({
  id: "v4-code-flow",
  title: "oxd 4.x: register_site without setup_client, its own token, a login, tokens, userinfo, logout, removal",
  checks:
    "register_site (no token) → get_client_token (the site's client) → get_authorization_url → get_tokens_by_code → get_user_info → get_logout_uri → remove_site, bare replies",
  tags: ["v4", "oidc", "flow"],
  source: reference4(
    "S4/op/GetAuthorizationUrlOperation.java:44-104, S4/op/GetTokensByCodeOperation.java:48-138, S4/op/GetUserInfoOperation.java:42-55, S4/op/GetLogoutUrlOperation.java:41-79, S4/op/RemoveSiteOperation.java:29-32",
  ),
  commands: [
    "register_site",
    "get_client_token",
    "get_authorization_url",
    "get_tokens_by_code",
    "get_user_info",
    "get_logout_uri",
    "remove_site",
  ],
  async run(t: Ctx) {
    const site = await registerSite4(t)
    t.token = site.token
    const { authorization_url: url } = await t.ok("get_authorization_url", { oxd_id: site.oxdId })
    const authorizationUrl = new URL(String(url))
    const q = authorizationUrl.searchParams
    t.expect(
      q.get("client_id") === site.clientId && q.get("response_type") === "code",
      "get_authorization_url: expected the site's client_id and response_type=code",
      reference4("S4/op/GetAuthorizationUrlOperation.java:66-84"),
    )
    t.expect(
      (q.get("state") ?? "") !== "" && (q.get("nonce") ?? "") !== "",
      "get_authorization_url: expected state and nonce",
      reference4("S4/op/GetAuthorizationUrlOperation.java:72-82"),
    )
    const { code, state } = await t.env.op.login(authorizationUrl.href)
    const tokens = await t.ok("get_tokens_by_code", { oxd_id: site.oxdId, code, state: state ?? "" })
    t.expect(
      typeof tokens["access_token"] === "string" && String(tokens["id_token"]).split(".").length === 3,
      "get_tokens_by_code: expected access_token and id_token (a JWT)",
      reference4("C4/response/GetTokensByCodeResponse.java:14-23"),
    )
    const claims = tokens["id_token_claims"] as Record<string, unknown> | undefined
    t.expect(
      typeof claims?.["sub"] === "string",
      "get_tokens_by_code: expected id_token_claims as the token carries them (sub a string)",
      reference4("S4/op/GetTokensByCodeOperation.java:137 (readTree of the claims' JSON)"),
    )
    const info = await t.ok("get_user_info", { oxd_id: site.oxdId, access_token: tokens["access_token"] })
    t.expect(
      info["sub"] === claims?.["sub"],
      "get_user_info: expected the OP's userinfo JSON as it came, its sub the ID token's",
      reference4("S4/op/GetUserInfoOperation.java:55 (the response's body), :68-73 (sub checked)"),
    )
    const logout = await t.ok("get_logout_uri", { oxd_id: site.oxdId })
    t.expect(
      typeof logout["uri"] === "string" && URL.canParse(String(logout["uri"])),
      "get_logout_uri: expected uri, a URL",
      reference4("C4/response/GetLogoutUriResponse.java:12"),
    )
    const removed = await t.ok("remove_site", { oxd_id: site.oxdId })
    t.expect(
      removed["oxd_id"] === site.oxdId,
      "remove_site: expected the removed oxd_id",
      reference4("S4/op/RemoveSiteOperation.java:29-32"),
    )
  },
})

export const v4Protection = scenario({
  id: "v4-protection",
  title: "oxd 4.x: a command needs a token of the site's own client, with the oxd scope",
  checks:
    "blank_access_token, inactive_access_token, invalid_access_token (another site's token), access_token_insufficient_scope, each 403",
  tags: ["v4", "protection"],
  source: reference4("S4/RestResource.java:341-344, :379-401; S4/service/ValidationService.java:123-171"),
  commands: ["register_site", "get_client_token", "get_authorization_url"],
  async run(t: Ctx) {
    const a = await registerSite4(t)
    const b = await registerSite4(t)
    const params = { oxd_id: a.oxdId }
    await failsWith(t, "get_authorization_url", params, "blank_access_token", 403, "no Authorization header")
    await failsWith(
      t,
      "get_authorization_url",
      { ...params, protection_access_token: "not-a-token-the-op-issued" },
      "inactive_access_token",
      403,
      "a token the OP does not know (ValidationService.java:166-169)",
    )
    await failsWith(
      t,
      "get_authorization_url",
      { ...params, protection_access_token: b.token },
      "invalid_access_token",
      403,
      "another site's token (ValidationService.java:145-149)",
    )
    const noOxd = await registerSite4(t, ["openid"])
    await failsWith(
      t,
      "get_authorization_url",
      { oxd_id: noOxd.oxdId, protection_access_token: noOxd.token },
      "access_token_insufficient_scope",
      403,
      "a token without the oxd scope (ValidationService.java:140-143)",
    )
    await t.ok("get_authorization_url", { ...params, protection_access_token: a.token })
  },
})

export const v4Errors = scenario({
  id: "v4-errors",
  title: "oxd 4.x: bad params and unknown sites, with the code's HTTP status",
  checks: "invalid_oxd_id 400; get_tokens_by_code without code, and with a state not issued: bad_request 400",
  tags: ["v4", "errors"],
  source: reference4("C4/ErrorResponseCode.java:24-30,56; S4/HttpException.java:20"),
  commands: ["register_site", "get_client_token", "get_tokens_by_code"],
  async run(t: Ctx) {
    const site = await registerSite4(t)
    t.token = site.token
    await failsWith(
      t,
      "get_tokens_by_code",
      { oxd_id: "6f9619ff-8b86-4011-b42d-00cf4fc964ff", code: "c", state: "s" },
      "invalid_oxd_id",
      400,
      "an oxd_id no site has (RpService.java:73, ValidationService.java:178-181)",
    )
    await failsWith(
      t,
      "get_tokens_by_code",
      { oxd_id: site.oxdId, state: "s" },
      "bad_request",
      400,
      "no code (GetTokensByCodeOperation.java:150-151)",
    )
    await failsWith(
      t,
      "get_tokens_by_code",
      { oxd_id: site.oxdId, code: "c", state: "a-state-never-issued" },
      "bad_request",
      400,
      "a state oxd did not issue (GetTokensByCodeOperation.java:156-162, ErrorResponseCode.java:30)",
    )
  },
})

/** The scenarios of the reference-4 profile. */
export const v4Scenarios = [v4CodeFlow, v4Protection, v4Errors] as const
