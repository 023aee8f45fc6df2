import { type Ctx, scenario } from "../../scenario.js"
import { registerSite4 } from "./sites.js"
import { reference4 } from "../../source.js"
import { httpStatusOf } from "../../transports/https4.js"

// Citations of oxd 4.x (GluuFederation/oxd `master`): S4/ = oxd-server/src/main/java/org/gluu/oxd/server/,
// C4/ = oxd-common/src/main/java/org/gluu/oxd/common/. These scenarios are about the 4.x REST API itself (transport
// https4 only): register_site without a token, bare replies, errors 4.x's ErrorResponse with the code's HTTP status.
// The 4.x commands' own behaviour, over every transport, is in commands4.ts.

const HTTP_STATUS = reference4("S4/HttpException.java:20: the code's own HTTP status (C4/ErrorResponseCode.java)")

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
  transports: ["https4"],
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
  transports: ["https4"],
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
  transports: ["https4"],
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
