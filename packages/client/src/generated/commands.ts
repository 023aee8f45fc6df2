/**
 * The params and results of every oxd command, generated from @oxd/core's command schemas (their JSON encoding, as
 * the wire carries it) by scripts/generate.ts; do not edit. Regenerate: pnpm --filter @oxd/client generate
 */

/** The params of `setup_client`: Register the setup client that protects this server's API (and, deprecated, one ordinary site). */
export type SetupClientParams = {
  /** Where the OP sends the user back with the code (an http(s) URL). Required unless the server has a default. */
  readonly authorization_redirect_uri?: string | number | boolean | null | undefined
  /** Further redirect URIs to register beside authorization_redirect_uri (post_logout_redirect_uri is then registered as one too, as oxd 3.1 does). */
  readonly redirect_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Issuer URL of the OpenID Provider; the server's default_op_host when absent. */
  readonly op_host?: string | number | boolean | null | undefined
  /** Discovery document path when not /.well-known/openid-configuration. */
  readonly op_discovery_path?: string | number | boolean | null | undefined
  readonly post_logout_redirect_uri?: string | number | boolean | null | undefined
  readonly application_type?: string | number | boolean | null | undefined
  readonly response_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly grant_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly acr_values?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_name?: string | number | boolean | null | undefined
  readonly client_jwks_uri?: string | number | boolean | null | undefined
  /** How the client authenticates at the token endpoint, sent to the OP and used for token, refresh and introspection calls: client_secret_basic, client_secret_post, client_secret_jwt or none (a public client: no secret, PKCE S256). Default: default_token_endpoint_auth_method. */
  readonly client_token_endpoint_auth_method?: string | number | boolean | null | undefined
  readonly client_token_endpoint_auth_signing_alg?: string | number | boolean | null | undefined
  readonly client_request_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_frontchannel_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_sector_identifier_uri?: string | number | boolean | ReadonlyArray<string | number | boolean> | null | undefined
  readonly contacts?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly ui_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly claims_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly claims_redirect_uri?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Use this existing client instead of registering one, with client_secret; without client_secret it is ignored and a client is registered (as oxd 3.1 does). */
  readonly client_id?: string | number | boolean | null | undefined
  readonly client_secret?: string | number | boolean | null | undefined
  readonly client_registration_access_token?: string | number | boolean | null | undefined
  readonly client_registration_client_uri?: string | number | boolean | null | undefined
  /** true: registered with oxAuthTrustedClient (a Gluu OP then skips the consent page); other OPs ignore it. */
  readonly trusted_client?: boolean | "true" | "false" | number | null | undefined
  /** The application's language, kept with the site (as oxd 3.1 does); never sent to the OP. */
  readonly oxd_rp_programming_language?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
  /** Where the OP POSTs logout tokens (Back-Channel Logout 1.0). register_site and setup_client: this server's own /backchannel-logout when absent and public_base_url is set (the server then records the logout: check_session, the session_logged_out event, logout_webhook_url). */
  readonly backchannel_logout_uri?: string | number | boolean | null | undefined
  /** Whether the OP must put sid in logout tokens; true by default when the server's own endpoint is registered. */
  readonly backchannel_logout_session_required?: boolean | "true" | "false" | number | null | undefined
  /** The page the OP loads in an iframe at logout (Front-Channel Logout 1.0); this server's own is <public_base_url>/frontchannel-logout. Over client_frontchannel_logout_uris when both are given. */
  readonly frontchannel_logout_uri?: string | number | boolean | null | undefined
  /** Whether the OP must add iss and sid to the front-channel logout URI. */
  readonly frontchannel_logout_session_required?: boolean | "true" | "false" | number | null | undefined
  /** Where this server POSTs each logout of the site's sessions it receives (JSON, signed with HMAC-SHA256 of logout_webhook_secret in X-Oxd-Signature; retried with backoff). Kept here, never sent to the OP; needs logout_webhook_secret. */
  readonly logout_webhook_url?: string | number | boolean | null | undefined
  /** client_name of the setup client at the OP (client_name names the ordinary site), as oxd 3.1 does. */
  readonly setup_client_name?: string | number | boolean | null | undefined
}

/** The `data` of `setup_client`'s ok reply. */
export type SetupClientResult = {
  /** oxd_id of the setup client. */
  readonly setup_client_oxd_id: string
  readonly client_id: string
  readonly client_secret: string | null
  readonly client_registration_access_token: string | null
  readonly client_registration_client_uri: string | null
  readonly client_id_issued_at: number
  readonly client_secret_expires_at: number
  readonly op_host: string
  /** Deprecated: oxd_id of an ordinary site registered alongside (use register_site). */
  readonly oxd_id: string
  /** Deprecated: client_id of that ordinary site. */
  readonly client_id_of_oxd_id: string
}

/** The params of `get_client_token`: Get an access token by client credentials (the protection_access_token for the other commands). */
export type GetClientTokenParams = {
  readonly client_id: string | number | boolean
  /** Required unless authentication_method is private_key_jwt. */
  readonly client_secret?: string | number | boolean | null | undefined
  /** Issuer URL; the server's default_op_host when absent. */
  readonly op_host?: string | number | boolean | null | undefined
  readonly op_discovery_path?: string | number | boolean | null | undefined
  /** Scopes to request; the protection scope (uma_protection) when absent. */
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** client_secret_basic (default), client_secret_post (the client authenticates with its secret in the form body) or private_key_jwt. */
  readonly authentication_method?: string | number | boolean | null | undefined
  /** Signing algorithm for private_key_jwt. */
  readonly algorithm?: string | number | boolean | null | undefined
  /** kid of the private key in the server's key store, for private_key_jwt. */
  readonly key_id?: string | number | boolean | null | undefined
}

/** The `data` of `get_client_token`'s ok reply. */
export type GetClientTokenResult = {
  readonly access_token: string
  readonly expires_in: number | null
  readonly refresh_token: string | null
  readonly scope: string | null
}

/** The params of `introspect_access_token`: Introspect an access token at the OP (RFC 7662). */
export type IntrospectAccessTokenParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The token to introspect (RFC 7662). */
  readonly access_token: string | number | boolean
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `introspect_access_token`'s ok reply. */
export type IntrospectAccessTokenResult = {
  readonly active: boolean
  /** The token's scopes (the older name; the same as scope). */
  readonly scopes: ReadonlyArray<string> | null
  /** The token's scopes, as a list. */
  readonly scope: ReadonlyArray<string> | null
  readonly client_id: string | null
  readonly username: string | null
  readonly token_type: string | null
  readonly exp: number | null
  readonly iat: number | null
  readonly sub: string | null
  readonly aud: string | null
  readonly iss: string | null
  readonly jti: string | null
  readonly acr_values: string | null
}

/** The params of `register_site`: Register a site (an OpenID client) and get its oxd_id. */
export type RegisterSiteParams = {
  /** Where the OP sends the user back with the code (an http(s) URL). Required unless the server has a default. */
  readonly authorization_redirect_uri?: string | number | boolean | null | undefined
  /** Further redirect URIs to register beside authorization_redirect_uri (post_logout_redirect_uri is then registered as one too, as oxd 3.1 does). */
  readonly redirect_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Issuer URL of the OpenID Provider; the server's default_op_host when absent. */
  readonly op_host?: string | number | boolean | null | undefined
  /** Discovery document path when not /.well-known/openid-configuration. */
  readonly op_discovery_path?: string | number | boolean | null | undefined
  readonly post_logout_redirect_uri?: string | number | boolean | null | undefined
  readonly application_type?: string | number | boolean | null | undefined
  readonly response_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly grant_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly acr_values?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_name?: string | number | boolean | null | undefined
  readonly client_jwks_uri?: string | number | boolean | null | undefined
  /** How the client authenticates at the token endpoint, sent to the OP and used for token, refresh and introspection calls: client_secret_basic, client_secret_post, client_secret_jwt or none (a public client: no secret, PKCE S256). Default: default_token_endpoint_auth_method. */
  readonly client_token_endpoint_auth_method?: string | number | boolean | null | undefined
  readonly client_token_endpoint_auth_signing_alg?: string | number | boolean | null | undefined
  readonly client_request_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_frontchannel_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_sector_identifier_uri?: string | number | boolean | ReadonlyArray<string | number | boolean> | null | undefined
  readonly contacts?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly ui_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly claims_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly claims_redirect_uri?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Use this existing client instead of registering one, with client_secret; without client_secret it is ignored and a client is registered (as oxd 3.1 does). */
  readonly client_id?: string | number | boolean | null | undefined
  readonly client_secret?: string | number | boolean | null | undefined
  readonly client_registration_access_token?: string | number | boolean | null | undefined
  readonly client_registration_client_uri?: string | number | boolean | null | undefined
  /** true: registered with oxAuthTrustedClient (a Gluu OP then skips the consent page); other OPs ignore it. */
  readonly trusted_client?: boolean | "true" | "false" | number | null | undefined
  /** The application's language, kept with the site (as oxd 3.1 does); never sent to the OP. */
  readonly oxd_rp_programming_language?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
  /** Where the OP POSTs logout tokens (Back-Channel Logout 1.0). register_site and setup_client: this server's own /backchannel-logout when absent and public_base_url is set (the server then records the logout: check_session, the session_logged_out event, logout_webhook_url). */
  readonly backchannel_logout_uri?: string | number | boolean | null | undefined
  /** Whether the OP must put sid in logout tokens; true by default when the server's own endpoint is registered. */
  readonly backchannel_logout_session_required?: boolean | "true" | "false" | number | null | undefined
  /** The page the OP loads in an iframe at logout (Front-Channel Logout 1.0); this server's own is <public_base_url>/frontchannel-logout. Over client_frontchannel_logout_uris when both are given. */
  readonly frontchannel_logout_uri?: string | number | boolean | null | undefined
  /** Whether the OP must add iss and sid to the front-channel logout URI. */
  readonly frontchannel_logout_session_required?: boolean | "true" | "false" | number | null | undefined
  /** Where this server POSTs each logout of the site's sessions it receives (JSON, signed with HMAC-SHA256 of logout_webhook_secret in X-Oxd-Signature; retried with backoff). Kept here, never sent to the OP; needs logout_webhook_secret. */
  readonly logout_webhook_url?: string | number | boolean | null | undefined
}

/** The `data` of `register_site`'s ok reply. */
export type RegisterSiteResult = {
  /** Identifies the site in every later command. */
  readonly oxd_id: string
  /** The op_host the site is registered at, as given (or default_op_host). */
  readonly op_host: string
}

/** The params of `update_site`: Change a site's registration. */
export type UpdateSiteParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  readonly authorization_redirect_uri?: string | number | boolean | null | undefined
  /** The further redirect URIs (replacing those registered), with post_logout_redirect_uri among them when given, as oxd 3.1 does. */
  readonly redirect_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly post_logout_redirect_uri?: string | number | boolean | null | undefined
  readonly client_frontchannel_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly response_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly response_type?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly grant_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly acr_values?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_name?: string | number | boolean | null | undefined
  /** Requested client lifetime (milliseconds since 1970, as oxd documents it). */
  readonly client_secret_expires_at?: number | null | undefined
  readonly client_jwks_uri?: string | number | boolean | null | undefined
  readonly client_token_endpoint_auth_method?: string | number | boolean | null | undefined
  readonly client_token_endpoint_auth_signing_alg?: string | number | boolean | null | undefined
  readonly client_request_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly client_sector_identifier_uri?: string | number | boolean | ReadonlyArray<string | number | boolean> | null | undefined
  readonly contacts?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly ui_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly claims_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
  /** Where the OP POSTs logout tokens (Back-Channel Logout 1.0). register_site and setup_client: this server's own /backchannel-logout when absent and public_base_url is set (the server then records the logout: check_session, the session_logged_out event, logout_webhook_url). */
  readonly backchannel_logout_uri?: string | number | boolean | null | undefined
  /** Whether the OP must put sid in logout tokens; true by default when the server's own endpoint is registered. */
  readonly backchannel_logout_session_required?: boolean | "true" | "false" | number | null | undefined
  /** The page the OP loads in an iframe at logout (Front-Channel Logout 1.0); this server's own is <public_base_url>/frontchannel-logout. Over client_frontchannel_logout_uris when both are given. */
  readonly frontchannel_logout_uri?: string | number | boolean | null | undefined
  /** Whether the OP must add iss and sid to the front-channel logout URI. */
  readonly frontchannel_logout_session_required?: boolean | "true" | "false" | number | null | undefined
  /** Where this server POSTs each logout of the site's sessions it receives (JSON, signed with HMAC-SHA256 of logout_webhook_secret in X-Oxd-Signature; retried with backoff). Kept here, never sent to the OP; needs logout_webhook_secret. */
  readonly logout_webhook_url?: string | number | boolean | null | undefined
}

/** The `data` of `update_site`'s ok reply. */
export type UpdateSiteResult = {
  readonly oxd_id: string
}

/** The params of `remove_site`: Remove a site from this server. */
export type RemoveSiteParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `remove_site`'s ok reply. */
export type RemoveSiteResult = {
  readonly oxd_id: string
}

/** The params of `get_authorization_url`: Get the OP URL to send the user to for login. */
export type GetAuthorizationUrlParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** Scopes to request; those registered with the site when absent. */
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  readonly acr_values?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** e.g. login, to force re-authentication. */
  readonly prompt?: string | number | boolean | null | undefined
  /** Google's hosted domain parameter, sent as hd. */
  readonly hd?: string | number | boolean | null | undefined
  /** Extra authorization request parameters (login_hint, ui_locales, max_age, claims…): sent each on its own and, as oxd 3.1 sends them, together as custom_response_headers (a JSON array [{"name":"value"}]). Numbers and booleans are sent as text, null values not at all. Those that would change the protocol — state, nonce, code_challenge(_method), redirect_uri, client_id, response_type, scope, request, request_uri, response_mode, registration — are refused with bad_request. */
  readonly custom_parameters?: {
    readonly [key: string]: string | number | boolean | null
  } | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `get_authorization_url`'s ok reply. */
export type GetAuthorizationUrlResult = {
  readonly authorization_url: string
}

/** The params of `get_tokens_by_code`: Exchange the authorization code for tokens, validating the ID token. */
export type GetTokensByCodeParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The code from the OP's redirect. */
  readonly code: string
  /** The state from the OP's redirect; accepted once. */
  readonly state: string
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `get_tokens_by_code`'s ok reply. */
export type GetTokensByCodeResult = {
  readonly access_token: string
  /** Seconds the access token lives; -1 when the OP does not say (as oxd 3.1 answers). */
  readonly expires_in: number
  readonly refresh_token: string | null
  readonly id_token: string
  /** The validated ID token's claims, each as a list of strings (as oxd 3.1 returns them). */
  readonly id_token_claims: {
    readonly [key: string]: ReadonlyArray<string>
  }
}

/** The params of `get_access_token_by_refresh_token`: Get a new access token with a refresh token. */
export type GetAccessTokenByRefreshTokenParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The refresh token from get_tokens_by_code (or an earlier refresh). */
  readonly refresh_token?: string | null | undefined
  /** Scopes to ask for, openid added (as oxd 3.1 does); the original grant's when absent. */
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `get_access_token_by_refresh_token`'s ok reply. */
export type GetAccessTokenByRefreshTokenResult = {
  readonly access_token: string
  /** Seconds the access token lives; -1 when the OP does not say. */
  readonly expires_in: number
  /** The OP's new refresh token; null when it issued none (the one sent stays valid then). */
  readonly refresh_token: string | null
  /** The scope the OP granted, as it wrote it (space-separated); null when it did not say. */
  readonly scope: string | null
}

/** The params of `get_user_info`: Get the user's claims with an access token. */
export type GetUserInfoParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The user's access token; without one (or with one the OP refuses) the claims are {}. */
  readonly access_token?: string | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `get_user_info`'s ok reply. */
export type GetUserInfoResult = {
  /** Each claim as a list of strings, as oxd 3.1 returns them; {} when the OP refused the access token. */
  readonly claims: {
    readonly [key: string]: ReadonlyArray<string>
  }
  /** Always null (oxd 3.1's reply has the field). */
  readonly refresh_token: null
  /** Always null (oxd 3.1's reply has the field). */
  readonly access_token: null
}

/** The params of `get_logout_uri`: Get the OP's logout (end-session) URL for the user. */
export type GetLogoutUriParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The user's ID token; the site's last one when absent. */
  readonly id_token_hint?: string | null | undefined
  /** Where the OP sends the user after logout; the registered one when absent. */
  readonly post_logout_redirect_uri?: string | null | undefined
  readonly state?: string | null | undefined
  readonly session_state?: string | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `get_logout_uri`'s ok reply. */
export type GetLogoutUriResult = {
  readonly uri: string
}

/** The params of `uma_rs_protect`: Protect the site's resources (paths, methods, scopes) at the UMA authorization server. */
export type UmaRsProtectParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  readonly resources: ReadonlyArray<{
    /** The path as the resource server sees it, e.g. /photo. */
    readonly path: string
    readonly conditions: ReadonlyArray<{
      /** Methods this condition guards (GET, POST, PUT, DELETE, …); each at most once per path. */
      readonly httpMethods: ReadonlyArray<string>
      /** Any one of these scopes grants access ("or" rule). */
      readonly scopes?: ReadonlyArray<string> | null | undefined
      /** Scopes a denied check asks the ticket for; the scopes when absent. */
      readonly ticketScopes?: ReadonlyArray<string> | null | undefined
      /** Instead of scopes: a JsonLogic rule over scopes (Gluu extension). */
      readonly scope_expression?: {
        /** A JsonLogic rule; {"var": i} stands for "the RPT grants data[i]". */
        readonly rule: unknown
        /** The scopes the rule refers to, by index. */
        readonly data: ReadonlyArray<string>
      } | null | undefined
    }>
  }>
  /** Replace resources already protected for this oxd_id (they are deleted at the AS). */
  readonly overwrite?: boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `uma_rs_protect`'s ok reply. */
export type UmaRsProtectResult = {
  readonly oxd_id: string
}

/** The params of `uma_rs_check_access`: Check whether a request to a protected resource may proceed, with the requester's RPT. */
export type UmaRsCheckAccessParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The RPT the requesting party sent (Authorization: Bearer …); empty when it sent none. */
  readonly rpt?: string | null | undefined
  /** The request's HTTP method (any letter case). */
  readonly http_method: string
  /** The requested path, e.g. /photo (matched in any letter case, as oxd 3.1 matches it). */
  readonly path: string
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `uma_rs_check_access`'s ok reply. */
export type UmaRsCheckAccessResult = {
  readonly access: "granted" | "denied"
  /** For a denied request: the WWW-Authenticate header to answer with (401); null when granted. */
  readonly "www-authenticate_header": string | null
  /** For a denied request: the permission ticket; null when granted. */
  readonly ticket: string | null
}

/** The params of `introspect_rpt`: Introspect an RPT at the UMA authorization server. */
export type IntrospectRptParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The RPT to introspect. */
  readonly rpt?: string | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `introspect_rpt`'s ok reply. */
export type IntrospectRptResult = {
  readonly active: boolean
  readonly exp: number | null
  readonly iat: number | null
  readonly nbf: number | null
  readonly permissions: ReadonlyArray<{
    readonly resource_id: string | null
    readonly resource_scopes: ReadonlyArray<string> | null
    readonly exp: number | null
  }> | null
  readonly client_id: string | null
  readonly sub: string | null
  readonly aud: string | ReadonlyArray<string> | null
  readonly iss: string | null
  readonly jti: string | null
}

/** The params of `uma_rp_get_rpt`: Get an RPT for a permission ticket (UMA 2 grant). */
export type UmaRpGetRptParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The permission ticket (from the resource server's denial, or the claims-gathering redirect). */
  readonly ticket?: string | null | undefined
  readonly claim_token?: string | null | undefined
  /** The format of claim_token, e.g. http://openid.net/specs/openid-connect-core-1_0.html#IDToken (the AS requires it with claim_token) */
  readonly claim_token_format?: string | null | undefined
  /** A persisted claims token from an earlier RPT. */
  readonly pct?: string | null | undefined
  /** An RPT to upgrade. */
  readonly rpt?: string | null | undefined
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The state from uma_rp_get_claims_gathering_url, when coming back from claims gathering. */
  readonly state?: string | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `uma_rp_get_rpt`'s ok reply. */
export type UmaRpGetRptResult = {
  readonly access_token: string
  /** As the AS wrote it (Bearer when it wrote none). */
  readonly token_type: string
  readonly pct: string | null
  /** The AS's upgraded: true when the RPT passed in rpt was upgraded (oxd 3.1 names it updated). */
  readonly updated: boolean
}

/** The params of `uma_rp_get_claims_gathering_url`: Get the URL of the AS's claims-gathering page for a ticket. */
export type UmaRpGetClaimsGatheringUrlParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The newest ticket, usually from need_info. */
  readonly ticket: string
  /** Where the AS sends the user back with a new ticket; registered for the site. */
  readonly claims_redirect_uri: string
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `uma_rp_get_claims_gathering_url`'s ok reply. */
export type UmaRpGetClaimsGatheringUrlResult = {
  readonly url: string
  readonly state: string
}

/** The params of `check_session`: Tell whether the OP ended a session of the site (back-channel or front-channel logout). */
export type CheckSessionParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The OP session's id: the sid claim of the ID token get_tokens_by_code answered. */
  readonly sid?: string | number | boolean | null | undefined
  /** The user's sub (with sid: that session of that user; alone: any session of the user at this site). */
  readonly sub?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `check_session`'s ok reply. */
export type CheckSessionResult = {
  /** active: signed in through this server and not logged out; logged_out: the OP said the session ended; unknown: no such session is remembered here (never signed in through this server, or older than logout_session_max_age_in_seconds). */
  readonly status: "active" | "logged_out" | "unknown"
  /** When the logout was received, seconds since 1970; null unless logged_out. */
  readonly logged_out_at: number | null
  /** How the OP said so; null unless logged_out. */
  readonly channel: "backchannel" | "frontchannel" | null
}

/** Every command by its oxd wire name: its params and the `data` of its ok reply. */
export interface Commands {
  readonly setup_client: { readonly params: SetupClientParams; readonly result: SetupClientResult }
  readonly get_client_token: { readonly params: GetClientTokenParams; readonly result: GetClientTokenResult }
  readonly introspect_access_token: { readonly params: IntrospectAccessTokenParams; readonly result: IntrospectAccessTokenResult }
  readonly register_site: { readonly params: RegisterSiteParams; readonly result: RegisterSiteResult }
  readonly update_site: { readonly params: UpdateSiteParams; readonly result: UpdateSiteResult }
  readonly remove_site: { readonly params: RemoveSiteParams; readonly result: RemoveSiteResult }
  readonly get_authorization_url: { readonly params: GetAuthorizationUrlParams; readonly result: GetAuthorizationUrlResult }
  readonly get_tokens_by_code: { readonly params: GetTokensByCodeParams; readonly result: GetTokensByCodeResult }
  readonly get_access_token_by_refresh_token: { readonly params: GetAccessTokenByRefreshTokenParams; readonly result: GetAccessTokenByRefreshTokenResult }
  readonly get_user_info: { readonly params: GetUserInfoParams; readonly result: GetUserInfoResult }
  readonly get_logout_uri: { readonly params: GetLogoutUriParams; readonly result: GetLogoutUriResult }
  readonly uma_rs_protect: { readonly params: UmaRsProtectParams; readonly result: UmaRsProtectResult }
  readonly uma_rs_check_access: { readonly params: UmaRsCheckAccessParams; readonly result: UmaRsCheckAccessResult }
  readonly introspect_rpt: { readonly params: IntrospectRptParams; readonly result: IntrospectRptResult }
  readonly uma_rp_get_rpt: { readonly params: UmaRpGetRptParams; readonly result: UmaRpGetRptResult }
  readonly uma_rp_get_claims_gathering_url: { readonly params: UmaRpGetClaimsGatheringUrlParams; readonly result: UmaRpGetClaimsGatheringUrlResult }
  readonly check_session: { readonly params: CheckSessionParams; readonly result: CheckSessionResult }
}

/** Older wire names the server still answers, and the command each one is. */
export interface CommandAliases {
  readonly update_site_registration: "update_site"
}
