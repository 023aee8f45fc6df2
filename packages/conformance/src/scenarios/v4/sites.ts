import type { Ctx } from "../../scenario.js"
import { reference4 } from "../../source.js"

// Citations of oxd 4.x (GluuFederation/oxd `master`): S4/ = oxd-server/src/main/java/org/gluu/oxd/server/,
// C4/ = oxd-common/src/main/java/org/gluu/oxd/common/.

const REGISTER_SITE = reference4(
  "S4/RestResource.java:92-98 (no token), C4/CommandType.java:20, S4/op/RegisterSiteOperation.java:58-79, C4/response/RegisterSiteResponse.java:13-30",
)
const GET_CLIENT_TOKEN = reference4(
  "S4/RestResource.java:68-74, S4/op/GetClientTokenOperation.java:72-83 (client_credentials, openid added :103), C4/response/GetClientTokenResponse.java:14-21",
)

/**
 * oxd 4.x's way in, without setup_client: register_site (no token) answers the site's client; get_client_token with
 * it gives the token the site's other commands need (S4/service/ValidationService.java:123-150). Sets t.token.
 */
export const registerSite4 = async (
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

/** A site of the scenario's, and what the transport's API told about its client. */
export interface Site4 {
  readonly oxdId: string
  /** Absent when the API's register_site does not say (3.1's answers only oxd_id): read it with get_rp. */
  readonly clientId?: string
  readonly clientSecret?: string
}

const UMA_GRANTS = ["authorization_code", "client_credentials", "urn:ietf:params:oauth:grant-type:uma-ticket"]

/**
 * A site, the way the transport's API registers one, with t.token set to what its commands need. Over https4 (the 4.x
 * REST API): register_site without a token, the site's own client's token (oxd 4.x). Over tcp, ws and https the 4.x
 * commands come in the 3.1 API: a setup client's token when the target is protected (protect_commands_with_access_token
 * over tcp), as the 3.1 reference registers a site. `uma`: a site that protects resources (uma_protection, its PAT by
 * client_credentials).
 */
export const site4 = async (t: Ctx, kind: "oidc" | "uma" = "oidc"): Promise<Site4> => {
  if (t.transport.name === "https4") {
    const site =
      kind === "uma"
        ? await registerSite4(t, ["openid", "oxd", "uma_protection"], {
            grant_types: UMA_GRANTS,
            claims_redirect_uri: [t.env.claimsRedirectUri],
          })
        : await registerSite4(t)
    t.token = site.token
    return site
  }
  const oxdId = kind === "uma" ? await t.registerUmaSite() : await t.registerSite()
  return { oxdId }
}
