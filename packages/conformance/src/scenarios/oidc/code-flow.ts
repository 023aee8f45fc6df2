import { type Ctx, scenario } from "../../scenario.js"
import { hardening, reference } from "../../source.js"

const PKCE = hardening(
  "RFC 7636, RFC 9700 §2.1.1: PKCE (S256) binds the code to the client that asked for it, against authorization code injection; oxd 3.1.4 sends none (S/op/GetAuthorizationUrlOperation.java:51-72)",
)
const INTROSPECTION = hardening(
  "RFC 7662 §2.1: the site introspects with its own client credentials; oxd 3.1.4 authorises the call with the site's PAT (S/service/IntrospectionService.java:44), which a site without client_credentials and uma_protection cannot get: internal_error (audit IA2)",
)
const ID_TOKEN_HINT = hardening(
  "OpenID Connect RP-Initiated Logout 1.0 §2: id_token_hint (RECOMMENDED) names the session to end, so the OP need not trust a bare logout request; oxd 3.1.4 stopped sending it (S/op/GetLogoutUrlOperation.java:64-75)",
)

export const codeFlow = scenario({
  id: "code-flow",
  title: "the whole authorization code flow: URL, login, tokens, userinfo, refresh, introspection, logout",
  checks:
    "get_authorization_url (state, nonce, PKCE S256) → get_tokens_by_code → get_user_info → get_access_token_by_refresh_token → introspect_access_token → get_logout_uri",
  tags: ["oidc", "flow"],
  source: reference(
    "S/op/GetAuthorizationUrlOperation.java:39-85, S/op/GetTokensByCodeOperation.java:42-114, S/op/GetUserInfoOperation.java:30-39, S/op/GetAccessTokenByRefreshTokenOperation.java:38-77, S/op/GetLogoutUrlOperation.java:40-80",
  ),
  commands: [
    "register_site",
    "get_authorization_url",
    "get_tokens_by_code",
    "get_user_info",
    "introspect_access_token",
    "get_access_token_by_refresh_token",
    "get_logout_uri",
  ],
  async run(t: Ctx) {
    const oxdId = await t.registerSite()
    const { code, state, url } = await t.authorize(oxdId, {
      scope: ["openid", "profile", "email", "offline_access"],
      prompt: "consent",
    })
    const q = url.searchParams
    t.expect(q.get("response_type") === "code", "get_authorization_url: expected response_type=code")
    t.expect(
      (q.get("state") ?? "").length >= 16 && (q.get("nonce") ?? "").length >= 16,
      "get_authorization_url: expected a long random state and nonce",
    )
    t.expect(
      q.get("code_challenge_method") === "S256" && q.get("code_challenge"),
      "get_authorization_url: expected PKCE S256 when the OP supports it",
      PKCE,
    )
    t.expect(q.get("scope")?.split(" ").includes("openid"), "get_authorization_url: expected scope to include openid")

    const tokens = await t.ok("get_tokens_by_code", { oxd_id: oxdId, code, state })
    t.expect(typeof tokens["access_token"] === "string", "get_tokens_by_code: expected data.access_token")
    t.expect(
      typeof tokens["id_token"] === "string" && String(tokens["id_token"]).split(".").length === 3,
      "get_tokens_by_code: expected data.id_token, a JWT",
    )
    t.expect(
      typeof tokens["expires_in"] === "number" && tokens["expires_in"] > 0,
      "get_tokens_by_code: expected data.expires_in > 0",
    )
    const claims = tokens["id_token_claims"] as Record<string, unknown> | undefined
    t.expect(
      claims && claims["sub"] !== undefined && claims["nonce"] !== undefined,
      "get_tokens_by_code: expected id_token_claims with sub and nonce",
    )
    t.expect(
      String(claims["nonce"]) === q.get("nonce"),
      "get_tokens_by_code: id_token_claims.nonce must be the nonce of the authorization URL",
    )
    t.expect(
      String(claims["iss"]).replace(/\/$/, "") === t.env.op.issuer.replace(/\/$/, ""),
      "get_tokens_by_code: id_token_claims.iss must be the OP",
    )

    const info = await t.ok("get_user_info", { oxd_id: oxdId, access_token: tokens["access_token"] })
    const userClaims = info["claims"] as Record<string, unknown> | undefined
    t.expect(userClaims && userClaims["sub"] !== undefined, "get_user_info: expected data.claims.sub")
    t.expect(
      String(userClaims["sub"]) === String(claims["sub"]),
      "get_user_info: claims.sub must be the ID token's sub",
    )
    t.expect(userClaims["email"] !== undefined, "get_user_info: expected the email claim (scope email was granted)")

    const introspection = await t.ok(
      "introspect_access_token",
      { oxd_id: oxdId, access_token: tokens["access_token"] },
      INTROSPECTION,
    )
    t.expect(
      introspection["active"] === true,
      "introspect_access_token: expected active true for a fresh access token",
      INTROSPECTION,
    )

    t.expect(
      typeof tokens["refresh_token"] === "string",
      "get_tokens_by_code: expected a refresh_token (offline_access, refresh_token grant)",
    )
    const refreshed = await t.ok("get_access_token_by_refresh_token", {
      oxd_id: oxdId,
      refresh_token: tokens["refresh_token"],
    })
    t.expect(
      typeof refreshed["access_token"] === "string" && refreshed["access_token"] !== tokens["access_token"],
      "get_access_token_by_refresh_token: expected a new access_token",
    )
    await t.ok(
      "get_user_info",
      { oxd_id: oxdId, access_token: refreshed["access_token"] },
      "with the refreshed access token",
    )

    const logout = await t.ok("get_logout_uri", { oxd_id: oxdId, state: "after-logout" })
    const uri = new URL(String(logout["uri"]))
    // hardening: the reference stopped sending id_token_hint (GetLogoutUrlOperation.java:64-75); it is sent here, the
    // site's last ID token: the one from the code exchange, or a newer one from the refresh
    const hint = uri.searchParams.get("id_token_hint") ?? ""
    t.expect(
      hint.split(".").length === 3,
      "get_logout_uri: expected id_token_hint to default to the site's last ID token",
      ID_TOKEN_HINT,
    )
    t.expect(
      uri.searchParams.get("post_logout_redirect_uri") === t.env.postLogoutRedirectUri,
      "get_logout_uri: expected the registered post_logout_redirect_uri",
    )
    t.expect(uri.searchParams.get("state") === "after-logout", "get_logout_uri: expected state to be passed on")
  },
})
