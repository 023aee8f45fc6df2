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
  /** oxd 4.x: the URL of the OP's discovery document, instead of op_host (and op_discovery_path); it wins over them. */
  readonly op_configuration_endpoint?: string | number | boolean | null | undefined
  /** Where the OP may send the user after logout (registered as post_logout_redirect_uris); default_post_logout_redirect_uri when absent. get_logout_uri uses it when given none. */
  readonly post_logout_redirect_uri?: string | number | boolean | null | undefined
  /** web or native (OpenID Connect Dynamic Client Registration); default_application_type when absent. */
  readonly application_type?: string | number | boolean | null | undefined
  /** The response types the client uses, e.g. ["code"]; default_response_types when absent. */
  readonly response_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The grant types the client may use, e.g. ["authorization_code", "refresh_token"]; default_grant_types when absent. */
  readonly grant_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Scopes registered for the client and asked for by get_authorization_url when it names none, e.g. ["openid", "profile"]; default_scope when absent. An empty result is invalid_scope. */
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Authentication context classes to ask the OP for by default (registered as default_acr_values), e.g. ["basic"]; default_acr_values when absent. */
  readonly acr_values?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The client's name at the OP, shown to users; oxd client for rp: <oxd_id> when absent. */
  readonly client_name?: string | number | boolean | null | undefined
  /** URL of the client's JSON Web Key Set (registered as jwks_uri), for OPs that encrypt to it or verify its signed requests. */
  readonly client_jwks_uri?: string | number | boolean | null | undefined
  /** How the client authenticates at the token endpoint, sent to the OP and used for token, refresh and introspection calls: client_secret_basic, client_secret_post, client_secret_jwt or none (a public client: no secret, PKCE S256). Default: default_token_endpoint_auth_method. */
  readonly client_token_endpoint_auth_method?: string | number | boolean | null | undefined
  /** The JWS algorithm of the client's token-endpoint authentication JWT (token_endpoint_auth_signing_alg): none, HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384 or ES512; another is invalid_algorithm. */
  readonly client_token_endpoint_auth_signing_alg?: string | number | boolean | null | undefined
  /** request_uri values the client may use (registered as request_uris). */
  readonly client_request_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The client's front-channel logout URL (OpenID Connect Front-Channel Logout): the first is registered as frontchannel_logout_uri. */
  readonly client_frontchannel_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The oxd 3.0 name of client_frontchannel_logout_uris, used when that is absent. */
  readonly client_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** URL of the sector identifier document, for pairwise subject identifiers (registered as sector_identifier_uri); of a list, the first. */
  readonly client_sector_identifier_uri?: string | number | boolean | ReadonlyArray<string | number | boolean> | null | undefined
  /** E-mail addresses of the people responsible for the client; default_contacts when absent. */
  readonly contacts?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Preferred languages of the user interface (BCP 47 tags, e.g. ["en", "fr-CA"]); kept with the site, not sent to the OP (as oxd 3.1 does). */
  readonly ui_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Preferred languages of the claims returned (BCP 47 tags); kept with the site, not sent to the OP (as oxd 3.1 does). */
  readonly claims_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** UMA: the URLs the authorization server may send the user back to after claims gathering (registered as claims_redirect_uri); uma_rp_get_claims_gathering_url names one of them. */
  readonly claims_redirect_uri?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Use this existing client instead of registering one, with client_secret; without client_secret it is ignored and a client is registered (as oxd 3.1 does). */
  readonly client_id?: string | number | boolean | null | undefined
  /** The secret of the existing client named by client_id: with both, no client is registered. */
  readonly client_secret?: string | number | boolean | null | undefined
  /** The registration access token (RFC 7592) of the existing client given by client_id and client_secret; update_site needs it. */
  readonly client_registration_access_token?: string | number | boolean | null | undefined
  /** The client configuration URL (RFC 7592) of the existing client given by client_id and client_secret; update_site needs it. */
  readonly client_registration_client_uri?: string | number | boolean | null | undefined
  /** true: registered with oxAuthTrustedClient (a Gluu OP then skips the consent page); other OPs ignore it. */
  readonly trusted_client?: boolean | "true" | "false" | number | null | undefined
  /** The application's language, kept with the site (as oxd 3.1 does); never sent to the OP. */
  readonly oxd_rp_programming_language?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as access_token_as_jwt (client registration) and kept with the site. */
  readonly access_token_as_jwt?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as access_token_signing_alg (client registration) and kept with the site. */
  readonly access_token_signing_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as rpt_as_jwt (client registration) and kept with the site. */
  readonly rpt_as_jwt?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as logo_uri (client registration) and kept with the site. */
  readonly logo_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as client_uri (client registration) and kept with the site. */
  readonly client_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as policy_uri (client registration) and kept with the site. */
  readonly policy_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as tos_uri (client registration) and kept with the site. */
  readonly tos_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as subject_type (client registration) and kept with the site. */
  readonly subject_type?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_signed_response_alg (client registration) and kept with the site. */
  readonly id_token_signed_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_encrypted_response_alg (client registration) and kept with the site. */
  readonly id_token_encrypted_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_encrypted_response_enc (client registration) and kept with the site. */
  readonly id_token_encrypted_response_enc?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as userinfo_signed_response_alg (client registration) and kept with the site. */
  readonly user_info_signed_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as userinfo_encrypted_response_alg (client registration) and kept with the site. */
  readonly user_info_encrypted_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as userinfo_encrypted_response_enc (client registration) and kept with the site. */
  readonly user_info_encrypted_response_enc?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as request_object_signing_alg (client registration) and kept with the site. */
  readonly request_object_signing_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as request_object_encryption_alg (client registration) and kept with the site. */
  readonly request_object_encryption_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as request_object_encryption_enc (client registration) and kept with the site. */
  readonly request_object_encryption_enc?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as default_max_age (client registration) and kept with the site. */
  readonly default_max_age?: number | null | undefined
  /** oxd 4.x: sent to the OP as require_auth_time (client registration) and kept with the site. */
  readonly require_auth_time?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as initiate_login_uri (client registration) and kept with the site. */
  readonly initiate_login_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as authorized_origins (client registration) and kept with the site. */
  readonly authorized_origins?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** oxd 4.x: sent to the OP as access_token_lifetime (client registration) and kept with the site. */
  readonly access_token_lifetime?: number | null | undefined
  /** oxd 4.x: sent to the OP as software_id (client registration) and kept with the site. */
  readonly software_id?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as software_version (client registration) and kept with the site. */
  readonly software_version?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as software_statement (client registration) and kept with the site. */
  readonly software_statement?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as tls_client_auth_subject_dn (client registration) and kept with the site. */
  readonly tls_client_auth_subject_dn?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_token_binding_cnf (client registration) and kept with the site. */
  readonly id_token_binding_cnf?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as run_introspection_script_before_access_token_as_jwt_creation_and_include_claims (client registration) and kept with the site. */
  readonly run_introspection_script_beforeaccess_token_as_jwt_creation_and_include_claims?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as allow_spontaneous_scopes (client registration) and kept with the site. */
  readonly allow_spontaneous_scopes?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as spontaneous_scopes (client registration) and kept with the site. */
  readonly spontaneous_scopes?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** oxd 4.x: the client's public JSON Web Key Set by value (JSON text, as 4.x takes it, or an object), sent as jwks; not with client_jwks_uri (OpenID Connect Dynamic Client Registration §2). A key with private members is refused. */
  readonly jwks?: string | number | boolean | {
    readonly [key: string]: unknown
  } | null | undefined
  /** oxd 4.x: further registration members, each sent as given (a Gluu OP keeps them as the client's custom attributes). A name the registration has a param for (redirect_uris, grant_types, scope…) or oxAuthTrustedClient (use trusted_client) is refused with bad_request. */
  readonly custom_attributes?: {
    readonly [key: string]: string | number | boolean | null
  } | null | undefined
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
  /** The setup client's client_id at the OP: with client_secret, what get_client_token takes to issue the protection_access_token. */
  readonly client_id: string
  /** The setup client's secret; null when the OP issued none. */
  readonly client_secret: string | null
  /** The setup client's registration access token (RFC 7592); null when the OP gave none. */
  readonly client_registration_access_token: string | null
  /** The setup client's configuration URL at the OP (RFC 7592); null when the OP gave none. */
  readonly client_registration_client_uri: string | null
  /** When the OP issued client_id, in seconds since 1970; 0 when it did not say. */
  readonly client_id_issued_at: number
  /** When client_secret expires, in seconds since 1970; 0 when it does not expire (or the OP did not say). */
  readonly client_secret_expires_at: number
  /** The op_host the setup client is registered at, as given (or default_op_host). */
  readonly op_host: string
  /** Deprecated: oxd_id of an ordinary site registered alongside (use register_site). */
  readonly oxd_id: string
  /** Deprecated: client_id of that ordinary site. */
  readonly client_id_of_oxd_id: string
}

/** The params of `get_client_token`: Get an access token by client credentials (the protection_access_token for the other commands). */
export type GetClientTokenParams = {
  /** The client to get a token for: the setup client's client_id (from setup_client) for a protection_access_token. */
  readonly client_id: string | number | boolean
  /** Required unless authentication_method is private_key_jwt. */
  readonly client_secret?: string | number | boolean | null | undefined
  /** Issuer URL; the server's default_op_host when absent. */
  readonly op_host?: string | number | boolean | null | undefined
  /** Discovery document path when not /.well-known/openid-configuration. */
  readonly op_discovery_path?: string | number | boolean | null | undefined
  /** oxd 4.x: the URL of the OP's discovery document, instead of op_host; it wins over it. */
  readonly op_configuration_endpoint?: string | number | boolean | null | undefined
  /** Scopes to request, with openid; when absent, the protection scopes (protection_scope: oxd, uma_protection) on the 3.1 API and openid alone on the oxd 4.x API, as 4.x asks. */
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
  /** The access token; the setup client's is the protection_access_token of the other commands (on REST: Authorization: Bearer <it>). */
  readonly access_token: string
  /** Seconds the access token lives; null when the OP did not say. Get a new one before then. */
  readonly expires_in: number | null
  /** The OP's refresh token; null when it issued none (the client credentials grant usually issues none). */
  readonly refresh_token: string | null
  /** The scope the OP granted, space-separated as it wrote it; null when it did not say. */
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
  /** Whether the token is active (RFC 7662): issued by this OP, not expired, not revoked. When false, the OP usually says nothing more. */
  readonly active: boolean
  /** The token's scopes (the older name; the same as scope). */
  readonly scopes: ReadonlyArray<string> | null
  /** The token's scopes, as a list. */
  readonly scope: ReadonlyArray<string> | null
  /** The client the token was issued to; null when the OP gave none. */
  readonly client_id: string | null
  /** A human-readable name of the user who authorised the token; null when the OP gave none. */
  readonly username: string | null
  /** The token's type, e.g. bearer; null when the OP gave none. */
  readonly token_type: string | null
  /** When the token expires, in seconds since 1970; null when the OP gave none. */
  readonly exp: number | null
  /** When the token was issued, in seconds since 1970; null when the OP gave none. */
  readonly iat: number | null
  /** The subject of the token, usually the user's identifier at the OP; null when the OP gave none. */
  readonly sub: string | null
  /** The audience the token is meant for; null when the OP gave none. */
  readonly aud: string | null
  /** The issuer of the token; null when the OP gave none. */
  readonly iss: string | null
  /** The token's identifier; null when the OP gave none. */
  readonly jti: string | null
  /** The authentication context class the user signed in with (a Gluu extension); null when the OP gave none. */
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
  /** oxd 4.x: the URL of the OP's discovery document, instead of op_host (and op_discovery_path); it wins over them. */
  readonly op_configuration_endpoint?: string | number | boolean | null | undefined
  /** Where the OP may send the user after logout (registered as post_logout_redirect_uris); default_post_logout_redirect_uri when absent. get_logout_uri uses it when given none. */
  readonly post_logout_redirect_uri?: string | number | boolean | null | undefined
  /** web or native (OpenID Connect Dynamic Client Registration); default_application_type when absent. */
  readonly application_type?: string | number | boolean | null | undefined
  /** The response types the client uses, e.g. ["code"]; default_response_types when absent. */
  readonly response_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The grant types the client may use, e.g. ["authorization_code", "refresh_token"]; default_grant_types when absent. */
  readonly grant_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Scopes registered for the client and asked for by get_authorization_url when it names none, e.g. ["openid", "profile"]; default_scope when absent. An empty result is invalid_scope. */
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Authentication context classes to ask the OP for by default (registered as default_acr_values), e.g. ["basic"]; default_acr_values when absent. */
  readonly acr_values?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The client's name at the OP, shown to users; oxd client for rp: <oxd_id> when absent. */
  readonly client_name?: string | number | boolean | null | undefined
  /** URL of the client's JSON Web Key Set (registered as jwks_uri), for OPs that encrypt to it or verify its signed requests. */
  readonly client_jwks_uri?: string | number | boolean | null | undefined
  /** How the client authenticates at the token endpoint, sent to the OP and used for token, refresh and introspection calls: client_secret_basic, client_secret_post, client_secret_jwt or none (a public client: no secret, PKCE S256). Default: default_token_endpoint_auth_method. */
  readonly client_token_endpoint_auth_method?: string | number | boolean | null | undefined
  /** The JWS algorithm of the client's token-endpoint authentication JWT (token_endpoint_auth_signing_alg): none, HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384 or ES512; another is invalid_algorithm. */
  readonly client_token_endpoint_auth_signing_alg?: string | number | boolean | null | undefined
  /** request_uri values the client may use (registered as request_uris). */
  readonly client_request_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The client's front-channel logout URL (OpenID Connect Front-Channel Logout): the first is registered as frontchannel_logout_uri. */
  readonly client_frontchannel_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The oxd 3.0 name of client_frontchannel_logout_uris, used when that is absent. */
  readonly client_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** URL of the sector identifier document, for pairwise subject identifiers (registered as sector_identifier_uri); of a list, the first. */
  readonly client_sector_identifier_uri?: string | number | boolean | ReadonlyArray<string | number | boolean> | null | undefined
  /** E-mail addresses of the people responsible for the client; default_contacts when absent. */
  readonly contacts?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Preferred languages of the user interface (BCP 47 tags, e.g. ["en", "fr-CA"]); kept with the site, not sent to the OP (as oxd 3.1 does). */
  readonly ui_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Preferred languages of the claims returned (BCP 47 tags); kept with the site, not sent to the OP (as oxd 3.1 does). */
  readonly claims_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** UMA: the URLs the authorization server may send the user back to after claims gathering (registered as claims_redirect_uri); uma_rp_get_claims_gathering_url names one of them. */
  readonly claims_redirect_uri?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Use this existing client instead of registering one, with client_secret; without client_secret it is ignored and a client is registered (as oxd 3.1 does). */
  readonly client_id?: string | number | boolean | null | undefined
  /** The secret of the existing client named by client_id: with both, no client is registered. */
  readonly client_secret?: string | number | boolean | null | undefined
  /** The registration access token (RFC 7592) of the existing client given by client_id and client_secret; update_site needs it. */
  readonly client_registration_access_token?: string | number | boolean | null | undefined
  /** The client configuration URL (RFC 7592) of the existing client given by client_id and client_secret; update_site needs it. */
  readonly client_registration_client_uri?: string | number | boolean | null | undefined
  /** true: registered with oxAuthTrustedClient (a Gluu OP then skips the consent page); other OPs ignore it. */
  readonly trusted_client?: boolean | "true" | "false" | number | null | undefined
  /** The application's language, kept with the site (as oxd 3.1 does); never sent to the OP. */
  readonly oxd_rp_programming_language?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as access_token_as_jwt (client registration) and kept with the site. */
  readonly access_token_as_jwt?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as access_token_signing_alg (client registration) and kept with the site. */
  readonly access_token_signing_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as rpt_as_jwt (client registration) and kept with the site. */
  readonly rpt_as_jwt?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as logo_uri (client registration) and kept with the site. */
  readonly logo_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as client_uri (client registration) and kept with the site. */
  readonly client_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as policy_uri (client registration) and kept with the site. */
  readonly policy_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as tos_uri (client registration) and kept with the site. */
  readonly tos_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as subject_type (client registration) and kept with the site. */
  readonly subject_type?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_signed_response_alg (client registration) and kept with the site. */
  readonly id_token_signed_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_encrypted_response_alg (client registration) and kept with the site. */
  readonly id_token_encrypted_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_encrypted_response_enc (client registration) and kept with the site. */
  readonly id_token_encrypted_response_enc?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as userinfo_signed_response_alg (client registration) and kept with the site. */
  readonly user_info_signed_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as userinfo_encrypted_response_alg (client registration) and kept with the site. */
  readonly user_info_encrypted_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as userinfo_encrypted_response_enc (client registration) and kept with the site. */
  readonly user_info_encrypted_response_enc?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as request_object_signing_alg (client registration) and kept with the site. */
  readonly request_object_signing_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as request_object_encryption_alg (client registration) and kept with the site. */
  readonly request_object_encryption_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as request_object_encryption_enc (client registration) and kept with the site. */
  readonly request_object_encryption_enc?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as default_max_age (client registration) and kept with the site. */
  readonly default_max_age?: number | null | undefined
  /** oxd 4.x: sent to the OP as require_auth_time (client registration) and kept with the site. */
  readonly require_auth_time?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as initiate_login_uri (client registration) and kept with the site. */
  readonly initiate_login_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as authorized_origins (client registration) and kept with the site. */
  readonly authorized_origins?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** oxd 4.x: sent to the OP as access_token_lifetime (client registration) and kept with the site. */
  readonly access_token_lifetime?: number | null | undefined
  /** oxd 4.x: sent to the OP as software_id (client registration) and kept with the site. */
  readonly software_id?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as software_version (client registration) and kept with the site. */
  readonly software_version?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as software_statement (client registration) and kept with the site. */
  readonly software_statement?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as tls_client_auth_subject_dn (client registration) and kept with the site. */
  readonly tls_client_auth_subject_dn?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_token_binding_cnf (client registration) and kept with the site. */
  readonly id_token_binding_cnf?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as run_introspection_script_before_access_token_as_jwt_creation_and_include_claims (client registration) and kept with the site. */
  readonly run_introspection_script_beforeaccess_token_as_jwt_creation_and_include_claims?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as allow_spontaneous_scopes (client registration) and kept with the site. */
  readonly allow_spontaneous_scopes?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as spontaneous_scopes (client registration) and kept with the site. */
  readonly spontaneous_scopes?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** oxd 4.x: the client's public JSON Web Key Set by value (JSON text, as 4.x takes it, or an object), sent as jwks; not with client_jwks_uri (OpenID Connect Dynamic Client Registration §2). A key with private members is refused. */
  readonly jwks?: string | number | boolean | {
    readonly [key: string]: unknown
  } | null | undefined
  /** oxd 4.x: further registration members, each sent as given (a Gluu OP keeps them as the client's custom attributes). A name the registration has a param for (redirect_uris, grant_types, scope…) or oxAuthTrustedClient (use trusted_client) is refused with bad_request. */
  readonly custom_attributes?: {
    readonly [key: string]: string | number | boolean | null
  } | null | undefined
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
  /** The redirect URI to register in place of the site's (the OP judges it); the other registered ones stay. */
  readonly authorization_redirect_uri?: string | number | boolean | null | undefined
  /** The further redirect URIs (replacing those registered), with post_logout_redirect_uri among them when given, as oxd 3.1 does. */
  readonly redirect_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The URL the OP may send the user to after logout, in place of the site's. */
  readonly post_logout_redirect_uri?: string | number | boolean | null | undefined
  /** The client's front-channel logout URL: the first is registered as frontchannel_logout_uri. */
  readonly client_frontchannel_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The oxd 3.0 name of client_frontchannel_logout_uris, used when that is absent. */
  readonly client_logout_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The response types the client uses, e.g. ["code"]. */
  readonly response_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The name oxd 3.1's documentation gives response_types; used when that is absent. */
  readonly response_type?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The grant types the client may use, e.g. ["authorization_code", "refresh_token"]. */
  readonly grant_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The scopes to register for the client, in place of the site's. */
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The authentication context classes to ask for by default (default_acr_values), in place of the site's. */
  readonly acr_values?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The client's name at the OP, shown to users. */
  readonly client_name?: string | number | boolean | null | undefined
  /** Requested client lifetime (milliseconds since 1970, as oxd documents it). */
  readonly client_secret_expires_at?: number | null | undefined
  /** URL of the client's JSON Web Key Set (registered as jwks_uri). */
  readonly client_jwks_uri?: string | number | boolean | null | undefined
  /** How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, client_secret_jwt or none; the site's when absent. */
  readonly client_token_endpoint_auth_method?: string | number | boolean | null | undefined
  /** The JWS algorithm of the client's token-endpoint authentication JWT: none, HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384 or ES512. */
  readonly client_token_endpoint_auth_signing_alg?: string | number | boolean | null | undefined
  /** request_uri values the client may use (registered as request_uris). */
  readonly client_request_uris?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** URL of the sector identifier document, for pairwise subject identifiers; of a list, the first. */
  readonly client_sector_identifier_uri?: string | number | boolean | ReadonlyArray<string | number | boolean> | null | undefined
  /** E-mail addresses of the people responsible for the client. */
  readonly contacts?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Preferred languages of the user interface (BCP 47 tags); kept with the site, not sent to the OP. */
  readonly ui_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Preferred languages of the claims returned (BCP 47 tags); kept with the site, not sent to the OP. */
  readonly claims_locales?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** oxd 4.x: UMA's claims-gathering redirect URIs to register in place of the site's (UpdateSiteOperation.java:142-144); the registered ones stay when absent. */
  readonly claims_redirect_uri?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** oxd 4.x: sent to the OP as access_token_as_jwt (client registration) and kept with the site. */
  readonly access_token_as_jwt?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as access_token_signing_alg (client registration) and kept with the site. */
  readonly access_token_signing_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as rpt_as_jwt (client registration) and kept with the site. */
  readonly rpt_as_jwt?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as logo_uri (client registration) and kept with the site. */
  readonly logo_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as client_uri (client registration) and kept with the site. */
  readonly client_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as policy_uri (client registration) and kept with the site. */
  readonly policy_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as tos_uri (client registration) and kept with the site. */
  readonly tos_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as subject_type (client registration) and kept with the site. */
  readonly subject_type?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_signed_response_alg (client registration) and kept with the site. */
  readonly id_token_signed_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_encrypted_response_alg (client registration) and kept with the site. */
  readonly id_token_encrypted_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_encrypted_response_enc (client registration) and kept with the site. */
  readonly id_token_encrypted_response_enc?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as userinfo_signed_response_alg (client registration) and kept with the site. */
  readonly user_info_signed_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as userinfo_encrypted_response_alg (client registration) and kept with the site. */
  readonly user_info_encrypted_response_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as userinfo_encrypted_response_enc (client registration) and kept with the site. */
  readonly user_info_encrypted_response_enc?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as request_object_signing_alg (client registration) and kept with the site. */
  readonly request_object_signing_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as request_object_encryption_alg (client registration) and kept with the site. */
  readonly request_object_encryption_alg?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as request_object_encryption_enc (client registration) and kept with the site. */
  readonly request_object_encryption_enc?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as default_max_age (client registration) and kept with the site. */
  readonly default_max_age?: number | null | undefined
  /** oxd 4.x: sent to the OP as require_auth_time (client registration) and kept with the site. */
  readonly require_auth_time?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as initiate_login_uri (client registration) and kept with the site. */
  readonly initiate_login_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as authorized_origins (client registration) and kept with the site. */
  readonly authorized_origins?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** oxd 4.x: sent to the OP as access_token_lifetime (client registration) and kept with the site. */
  readonly access_token_lifetime?: number | null | undefined
  /** oxd 4.x: sent to the OP as software_id (client registration) and kept with the site. */
  readonly software_id?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as software_version (client registration) and kept with the site. */
  readonly software_version?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as software_statement (client registration) and kept with the site. */
  readonly software_statement?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as tls_client_auth_subject_dn (client registration) and kept with the site. */
  readonly tls_client_auth_subject_dn?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as id_token_token_binding_cnf (client registration) and kept with the site. */
  readonly id_token_binding_cnf?: string | number | boolean | null | undefined
  /** oxd 4.x: sent to the OP as run_introspection_script_before_access_token_as_jwt_creation_and_include_claims (client registration) and kept with the site. */
  readonly run_introspection_script_beforeaccess_token_as_jwt_creation_and_include_claims?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as allow_spontaneous_scopes (client registration) and kept with the site. */
  readonly allow_spontaneous_scopes?: boolean | "true" | "false" | number | null | undefined
  /** oxd 4.x: sent to the OP as spontaneous_scopes (client registration) and kept with the site. */
  readonly spontaneous_scopes?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** oxd 4.x: the client's public JSON Web Key Set by value (JSON text, as 4.x takes it, or an object), sent as jwks; not with client_jwks_uri (OpenID Connect Dynamic Client Registration §2). A key with private members is refused. */
  readonly jwks?: string | number | boolean | {
    readonly [key: string]: unknown
  } | null | undefined
  /** oxd 4.x: further registration members, each sent as given (a Gluu OP keeps them as the client's custom attributes). A name the registration has a param for (redirect_uris, grant_types, scope…) or oxAuthTrustedClient (use trusted_client) is refused with bad_request. */
  readonly custom_attributes?: {
    readonly [key: string]: string | number | boolean | null
  } | null | undefined
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
  /** The oxd_id of the updated site. */
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
  /** The oxd_id removed; it no longer works. */
  readonly oxd_id: string
}

/** The params of `get_authorization_url`: Get the OP URL to send the user to for login. */
export type GetAuthorizationUrlParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** Scopes to request; those registered with the site when absent. */
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Authentication context classes to ask for (acr_values), e.g. ["duo"]; those registered with the site when absent. */
  readonly acr_values?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** e.g. login, to force re-authentication. */
  readonly prompt?: string | number | boolean | null | undefined
  /** Google's hosted domain parameter, sent as hd. */
  readonly hd?: string | number | boolean | null | undefined
  /** Extra authorization request parameters (login_hint, ui_locales, max_age, claims…): sent each on its own and, as oxd 3.1 sends them, together as custom_response_headers (a JSON array [{"name":"value"}]). Numbers and booleans are sent as text, null values not at all. Those that would change the protocol — state, nonce, code_challenge(_method), redirect_uri, client_id, response_type, scope, request, request_uri, response_mode, registration — are refused with bad_request. */
  readonly custom_parameters?: {
    readonly [key: string]: string | number | boolean | null
  } | null | undefined
  /** oxd 4.x: extra authorization request parameters, each sent on its own (not as custom_response_headers). The same refusals as custom_parameters: state, nonce, PKCE, redirect_uri, client_id, response_type, scope, request, request_uri, response_mode and registration are bad_request. */
  readonly params?: {
    readonly [key: string]: string | number | boolean | null
  } | null | undefined
  /** oxd 4.x: the redirect URI to name in the request instead of authorization_redirect_uri; it must be one the site registered (redirect_uris), else redirect_uri_is_not_registered. get_tokens_by_code names the same one. */
  readonly redirect_uri?: string | number | boolean | null | undefined
  /** oxd 4.x: the response types to ask for; used when the site registered them all, else the site's registered ones. */
  readonly response_types?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** oxd 4.x: the state to send instead of the server's (16 to 512 visible ASCII characters, a random value); stored until get_tokens_by_code takes it, once. Not with a redirect_uri other than authorization_redirect_uri. */
  readonly state?: string | number | boolean | null | undefined
  /** oxd 4.x: the nonce to send instead of the server's (at most 512 visible ASCII characters); the ID token must carry it. */
  readonly nonce?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `get_authorization_url`'s ok reply. */
export type GetAuthorizationUrlResult = {
  /** The OP's authorization endpoint with the request (client_id, redirect_uri, response_type, scope, state, nonce, PKCE challenge…): send the user's browser there. */
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
  /** The user's access token (get_user_info takes it). */
  readonly access_token: string
  /** Seconds the access token lives; -1 when the OP does not say (as oxd 3.1 answers). */
  readonly expires_in: number
  /** For get_access_token_by_refresh_token; null when the OP issued none. */
  readonly refresh_token: string | null
  /** The ID token (a JWT), validated; kept as the site's last one for get_logout_uri's id_token_hint. */
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
  /** The new access token. */
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
  /** oxd 4.x: the ID token of the sign-in the access token came with; the userinfo answer must be about its sub (else invalid_subject_identifier). */
  readonly id_token?: string | number | boolean | null | undefined
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
  /** Sent to the OP as state; it gives it back on the redirect to post_logout_redirect_uri. */
  readonly state?: string | null | undefined
  /** Sent to the OP as session_state (OpenID Connect Session Management). */
  readonly session_state?: string | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `get_logout_uri`'s ok reply. */
export type GetLogoutUriResult = {
  /** The OP's end-session URL with id_token_hint, post_logout_redirect_uri, state and session_state (those known): send the user's browser there. */
  readonly uri: string
}

/** The params of `uma_rs_protect`: Protect the site's resources (paths, methods, scopes) at the UMA authorization server. */
export type UmaRsProtectParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The resources to protect: each a path and its conditions. */
  readonly resources: ReadonlyArray<{
    /** The path as the resource server sees it, e.g. /photo. */
    readonly path: string
    /** Who may do what on the path: each condition names HTTP methods and the scopes (or scope_expression) they need. */
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
  /** The oxd_id whose resources are now protected. */
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
  /** oxd 4.x: the scopes this request needs, any one of which opens it, in place of the resource's scopes or scope_expression; the permission ticket asks for them too. Absent or empty: the resource's. */
  readonly scopes?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `uma_rs_check_access`'s ok reply. */
export type UmaRsCheckAccessResult = {
  /** granted: let the request through. denied: refuse it; when www-authenticate_header and ticket are given, answer 401 with that header, so the requester can get an RPT for the ticket (uma_rp_get_rpt). */
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
  /** Whether the RPT is active: false for an unknown, expired or revoked one (the other fields are then null). */
  readonly active: boolean
  /** When the RPT expires, in seconds since 1970; null when the AS gave none. */
  readonly exp: number | null
  /** When the RPT was issued, in seconds since 1970; null when the AS gave none. */
  readonly iat: number | null
  /** Not to be used before, in seconds since 1970; null when the AS gave none. */
  readonly nbf: number | null
  /** What the RPT grants: one entry per resource; null when the AS gave none. */
  readonly permissions: ReadonlyArray<{
    /** The resource's id at the AS (uma_rs_protect registered it); null when the AS gave none. */
    readonly resource_id: string | null
    /** The scopes granted on that resource; null when the AS gave none. */
    readonly resource_scopes: ReadonlyArray<string> | null
    /** When this permission expires, in seconds since 1970; null when the AS gave none. */
    readonly exp: number | null
  }> | null
  /** The client the RPT was issued to; null when the AS gave none. */
  readonly client_id: string | null
  /** The requesting party the RPT was issued for; null when the AS gave none. */
  readonly sub: string | null
  /** The audience of the RPT, one or a list, as the AS wrote it; null when the AS gave none. */
  readonly aud: string | ReadonlyArray<string> | null
  /** The issuer of the RPT (the AS); null when the AS gave none. */
  readonly iss: string | null
  /** The RPT's identifier; null when the AS gave none. */
  readonly jti: string | null
}

/** The params of `uma_rp_get_rpt`: Get an RPT for a permission ticket (UMA 2 grant). */
export type UmaRpGetRptParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The permission ticket (from the resource server's denial, or the claims-gathering redirect). */
  readonly ticket?: string | null | undefined
  /** A token of claims about the requesting party pushed to the AS (e.g. the user's ID token), with claim_token_format. */
  readonly claim_token?: string | null | undefined
  /** The format of claim_token, e.g. http://openid.net/specs/openid-connect-core-1_0.html#IDToken (the AS requires it with claim_token) */
  readonly claim_token_format?: string | null | undefined
  /** A persisted claims token from an earlier RPT. */
  readonly pct?: string | null | undefined
  /** An RPT to upgrade. */
  readonly rpt?: string | null | undefined
  /** Scopes to ask for besides those the ticket names. */
  readonly scope?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** The state from uma_rp_get_claims_gathering_url, when coming back from claims gathering. */
  readonly state?: string | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `uma_rp_get_rpt`'s ok reply. */
export type UmaRpGetRptResult = {
  /** The RPT: the requesting party's token, sent to the resource server as Authorization: Bearer <it>. */
  readonly access_token: string
  /** As the AS wrote it (Bearer when it wrote none). */
  readonly token_type: string
  /** A persisted claims token for a later uma_rp_get_rpt (its pct param); null when the AS issued none. */
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
  /** The AS's claims-gathering page (claims_interaction_endpoint) with client_id, ticket, claims_redirect_uri and state: send the user's browser there. */
  readonly url: string
  /** The state in that URL: the AS gives it back on the redirect to claims_redirect_uri, with a new ticket; pass both to uma_rp_get_rpt. */
  readonly state: string
}

/** The params of `get_rp`: Get the site's registration, without secrets (oxd 4.x). */
export type GetRpParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** oxd 4.x lists every site of the server with list: true; this server refuses it (one caller may not see other tenants' sites). */
  readonly list?: boolean | "true" | "false" | number | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `get_rp`'s ok reply. */
export type GetRpResult = {
  /** The site by oxd 4.x's Rp field names (oxd_id, op_host, client_id, redirect_uri, scope, response_types, …); secrets and tokens (client_secret, client_registration_access_token, id_token, pat, rpt…) are never included. */
  readonly node: {
    readonly [key: string]: string | number | boolean | null | ReadonlyArray<string>
  }
}

/** The params of `get_discovery`: Get the OP's discovery document (oxd 4.x). */
export type GetDiscoveryParams = {
  /** URL of the OP's discovery document (https://op.example.com/.well-known/openid-configuration); preferred over op_host. */
  readonly op_configuration_endpoint?: string | number | boolean | null | undefined
  /** Issuer URL of the OP (oxd 4.x: deprecated for op_configuration_endpoint); default_op_host when absent. */
  readonly op_host?: string | number | boolean | null | undefined
  /** Path of the discovery document under op_host when not /.well-known/openid-configuration. */
  readonly op_discovery_path?: string | number | boolean | null | undefined
}

/** The `data` of `get_discovery`'s ok reply. */
export type GetDiscoveryResult = {
  /** The discovery document's issuer. */
  readonly issuer?: string | undefined
  /** The discovery document's authorization_endpoint. */
  readonly authorization_endpoint?: string | undefined
  /** The discovery document's token_endpoint. */
  readonly token_endpoint?: string | undefined
  /** The discovery document's revocation_endpoint. */
  readonly token_revocation_endpoint?: string | undefined
  /** The discovery document's userinfo_endpoint. */
  readonly user_info_endpoint?: string | undefined
  /** The discovery document's client_info_endpoint. */
  readonly client_info_endpoint?: string | undefined
  /** The discovery document's check_session_iframe. */
  readonly check_session_iframe?: string | undefined
  /** The discovery document's end_session_endpoint. */
  readonly end_session_endpoint?: string | undefined
  /** The discovery document's jwks_uri. */
  readonly jwks_uri?: string | undefined
  /** The discovery document's registration_endpoint. */
  readonly registration_endpoint?: string | undefined
  /** The discovery document's id_generation_endpoint. */
  readonly id_generation_endpoint?: string | undefined
  /** The discovery document's introspection_endpoint. */
  readonly introspection_endpoint?: string | undefined
  /** The discovery document's scopes_supported. */
  readonly scopes_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's response_types_supported. */
  readonly response_types_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's grant_types_supported. */
  readonly grant_types_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's acr_values_supported. */
  readonly acr_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's subject_types_supported. */
  readonly subject_types_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's userinfo_signing_alg_values_supported. */
  readonly user_info_signing_alg_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's userinfo_encryption_alg_values_supported. */
  readonly user_info_encryption_alg_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's userinfo_encryption_enc_values_supported. */
  readonly user_info_encryption_enc_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's id_token_signing_alg_values_supported. */
  readonly id_token_signing_alg_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's id_token_encryption_alg_values_supported. */
  readonly id_token_encryption_alg_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's id_token_encryption_enc_values_supported. */
  readonly id_token_encryption_enc_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's request_object_signing_alg_values_supported. */
  readonly request_object_signing_alg_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's request_object_encryption_alg_values_supported. */
  readonly request_object_encryption_alg_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's request_object_encryption_enc_values_supported. */
  readonly request_object_encryption_enc_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's token_endpoint_auth_methods_supported. */
  readonly token_endpoint_auth_methods_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's token_endpoint_auth_signing_alg_values_supported. */
  readonly token_endpoint_auth_signing_alg_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's display_values_supported. */
  readonly display_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's claim_types_supported. */
  readonly claim_types_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's claims_supported. */
  readonly claims_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's id_token_token_binding_cnf_values_supported. */
  readonly id_token_token_binding_cnf_values_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's service_documentation. */
  readonly service_documentation?: string | undefined
  /** The discovery document's claims_locales_supported. */
  readonly claims_locales_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's ui_locales_supported. */
  readonly ui_locales_supported?: ReadonlyArray<string> | undefined
  /** The discovery document's claims_parameter_supported. */
  readonly claims_parameter_supported?: boolean | undefined
  /** The discovery document's request_parameter_supported. */
  readonly request_parameter_supported?: boolean | undefined
  /** The discovery document's request_uri_parameter_supported. */
  readonly request_uri_parameter_supported?: boolean | undefined
  /** The discovery document's require_request_uri_registration. */
  readonly require_request_uri_registration?: boolean | undefined
  /** The discovery document's tls_client_certificate_bound_access_tokens. */
  readonly tls_client_certificate_bound_access_tokens?: boolean | undefined
  /** The discovery document's frontchannel_logout_supported. */
  readonly front_channel_logout_supported?: boolean | undefined
  /** The discovery document's frontchannel_logout_session_supported. */
  readonly front_channel_logout_session_supported?: boolean | undefined
  /** The discovery document's op_policy_uri. */
  readonly op_policy_uri?: string | undefined
  /** The discovery document's op_tos_uri. */
  readonly op_tos_uri?: string | undefined
  /** The discovery document's scope_to_claims_mapping. */
  readonly scope_to_claims_mapping?: {
    readonly [key: string]: ReadonlyArray<string>
  } | undefined
}

/** The params of `get_jwks`: Get the OP's signing keys (JWKS) (oxd 4.x). */
export type GetJwksParams = {
  /** URL of the OP's discovery document (https://op.example.com/.well-known/openid-configuration); preferred over op_host. */
  readonly op_configuration_endpoint?: string | number | boolean | null | undefined
  /** Issuer URL of the OP (oxd 4.x: deprecated for op_configuration_endpoint); default_op_host when absent. */
  readonly op_host?: string | number | boolean | null | undefined
  /** Path of the discovery document under op_host when not /.well-known/openid-configuration. */
  readonly op_discovery_path?: string | number | boolean | null | undefined
}

/** The `data` of `get_jwks`'s ok reply. */
export type GetJwksResult = {
  /** The keys of the OP's jwks_uri. */
  readonly keys: ReadonlyArray<{
    readonly [key: string]: string | number | boolean | ReadonlyArray<string>
  }>
}

/** The params of `get_issuer`: Discover the user's OP by WebFinger and check it is the given OP (oxd 4.x). */
export type GetIssuerParams = {
  /** URL of the OP's discovery document (https://op.example.com/.well-known/openid-configuration); preferred over op_host. */
  readonly op_configuration_endpoint?: string | number | boolean | null | undefined
  /** Issuer URL of the OP (oxd 4.x: deprecated for op_configuration_endpoint); default_op_host when absent. */
  readonly op_host?: string | number | boolean | null | undefined
  /** Path of the discovery document under op_host when not /.well-known/openid-configuration. */
  readonly op_discovery_path?: string | number | boolean | null | undefined
  /** The user's identifier to discover the issuer of: acct:user@host, user@host or an https URL (OpenID Connect Discovery 1.0 §2). */
  readonly resource?: string | number | boolean | null | undefined
}

/** The `data` of `get_issuer`'s ok reply. */
export type GetIssuerResult = {
  /** The JRD's subject: the normalised resource. */
  readonly subject: string
  /** The JRD's links (rel and href of each). */
  readonly links: ReadonlyArray<{
    /** http://openid.net/specs/connect/1.0/issuer for an issuer link. */
    readonly rel: string
    /** The issuer. */
    readonly href: string
  }>
}

/** The params of `check_id_token`: Validate an ID token of the site (oxd 4.x). */
export type CheckIdTokenParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The ID token to check (issued to this site's client). */
  readonly id_token: string | number | boolean
  /** The nonce the ID token must carry, when given. */
  readonly nonce?: string | number | boolean | null | undefined
  /** The state whose s_hash the ID token must carry, when it has one. */
  readonly state?: string | number | boolean | null | undefined
  /** The authorization code the ID token's c_hash must match, when given. */
  readonly code?: string | number | boolean | null | undefined
  /** The access token the ID token's at_hash must match, when given. */
  readonly access_token?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `check_id_token`'s ok reply. */
export type CheckIdTokenResult = {
  /** Whether the ID token is valid: signed by the OP, issued to this site, not expired, the nonce's. */
  readonly active: boolean
  /** Its exp (seconds since the epoch); 0 when inactive. */
  readonly expires_at: number
  /** Its iat (seconds since the epoch); 0 when inactive. */
  readonly issued_at: number
  /** Its claims, each as a list of strings; {} when inactive. */
  readonly claims: {
    readonly [key: string]: ReadonlyArray<string>
  }
}

/** The params of `check_access_token`: Check that an access token is the one its ID token was issued with (oxd 4.x). */
export type CheckAccessTokenParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The ID token the access token came with. */
  readonly id_token: string | number | boolean
  /** The access token whose hash the ID token's at_hash must be. */
  readonly access_token?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `check_access_token`'s ok reply. */
export type CheckAccessTokenResult = {
  /** Whether the ID token is valid and its at_hash is the access token's. */
  readonly active: boolean
  /** The ID token's exp in milliseconds since the epoch; null when inactive. */
  readonly expires_at: number | null
  /** The ID token's iat in milliseconds since the epoch; null when inactive. */
  readonly issued_at: number | null
}

/** The params of `uma_rs_modify`: Change the scopes of one protected resource (oxd 4.x). */
export type UmaRsModifyParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** A method the protected resource guards (GET, POST, …). */
  readonly http_method: string | number | boolean
  /** The protected path, as given to uma_rs_protect. */
  readonly path: string | number | boolean
  /** The resource's new scopes (any one grants access); ignored when scope_expression is given. */
  readonly scopes?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** A JsonLogic scope expression {"rule": …, "data": [scopes]} — as JSON text (oxd 4.x) or an object — replacing the scopes; "null" or empty: none. */
  readonly scope_expression?: string | number | boolean | {
    /** A JsonLogic rule; {"var": i} stands for "the RPT grants data[i]". */
    readonly rule: unknown
    /** The scopes the rule refers to, by index. */
    readonly data: ReadonlyArray<string>
  } | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `uma_rs_modify`'s ok reply. */
export type UmaRsModifyResult = {
  /** The site whose protected resource was changed. */
  readonly oxd_id: string
}

/** The params of `get_rp_jwks`: Get the server's public signing keys (oxd 4.x). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type GetRpJwksParams = {}

/** The `data` of `get_rp_jwks`'s ok reply. */
export type GetRpJwksResult = {
  /** Public JWKs (kid, alg, use sig): the current period's and the previous one's. */
  readonly keys: ReadonlyArray<{
    readonly [key: string]: string | number | boolean | ReadonlyArray<string>
  }>
}

/** The params of `get_request_object_uri`: Build, sign and keep a request object; get its request_uri (oxd 4.x). */
export type GetRequestObjectUriParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** Claims of the request object (scope, redirect_uri, state, nonce, claims…); iss, aud, client_id, oxd_id, jti, iat and exp are the server's and cannot be set. */
  readonly params?: {
    readonly [key: string]: unknown
  } | null | undefined
  /** How the request object is signed: none, HS256/384/512 (the client secret), RS256/384/512, PS256/384/512, ES256/384/512 (the server's keys, get_rp_jwks); the site's request_object_signing_alg when absent. */
  readonly request_object_signing_alg?: string | number | boolean | null | undefined
  /** The public URL of this server's 4.x REST API: the request_uri is <oxd_host_url>/get-request-object/<id> (https:// added without a scheme). */
  readonly oxd_host_url?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `get_request_object_uri`'s ok reply. */
export type GetRequestObjectUriResult = {
  /** Where the OP fetches the request object; pass it to the OP. */
  readonly request_uri: string
}

/** The params of `get_request_object`: Get a request object by its id (oxd 4.x; the JWT the request_uri names). */
export type GetRequestObjectParams = {
  /** The id ending the request_uri get_request_object_uri returned (/get-request-object/{id}). */
  readonly request_object_id: string | number | boolean
}

/** The `data` of `get_request_object`'s ok reply. */
export type GetRequestObjectResult = string

/** The params of `initiate_third_party_login`: Start a login the OP initiated (third-party initiated login, oxd 4.x): the authorization URL. */
export type InitiateThirdPartyLoginParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The issuer of the OP that initiates the login (OpenID Connect Core §4); required, and it must be the site's OP's issuer. */
  readonly iss?: string | number | boolean | null | undefined
  /** The OP's hint of who is to log in; sent on in the authorization request. */
  readonly login_hint?: string | number | boolean | null | undefined
  /** Where the OP wants the user to end up after login; its host must be the host of one of the site's redirect URIs (else bad_request_invalid_target_uri). Not followed by the server: the RP redirects there once get_tokens_by_code succeeds. */
  readonly target_link_uri?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `initiate_third_party_login`'s ok reply. */
export type InitiateThirdPartyLoginResult = {
  /** The OP's authorization endpoint with the site's request (state, nonce and PKCE as get_authorization_url's, and login_hint): send the user's browser there. */
  readonly authorization_url: string
}

/** The params of `get_authorization_code`: Test helper: log a user in by password and get an authorization code (oxd 4.x; test_helpers_enabled). */
export type GetAuthorizationCodeParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The user's name at the OP. */
  readonly username: string | number | boolean
  /** The user's password at the OP. */
  readonly password: string | number | boolean
  /** The site's when absent. */
  readonly acr_values?: ReadonlyArray<string | number | boolean> | string | null | undefined
  /** Ignored: the state is the server's (returned in the reply). */
  readonly state?: string | number | boolean | null | undefined
  /** Ignored: the nonce is the server's, bound to its state. */
  readonly nonce?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `get_authorization_code`'s ok reply. */
export type GetAuthorizationCodeResult = {
  /** The authorization code; redeem it with get_tokens_by_code. */
  readonly code: string
  /** The state to pass to get_tokens_by_code with the code. */
  readonly state: string
}

/** The params of `authorization_code_flow`: Test helper: a code flow by password, login to tokens (oxd 4.x; test_helpers_enabled). */
export type AuthorizationCodeFlowParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The client's registered redirect URI. */
  readonly redirect_url: string | number | boolean
  /** The client to log in for (not necessarily the site's). */
  readonly client_id: string | number | boolean
  /** Its secret (client_secret_basic at the token endpoint). */
  readonly client_secret: string | number | boolean
  /** The user's name at the OP. */
  readonly user_id: string | number | boolean
  /** The user's password at the OP. */
  readonly user_secret: string | number | boolean
  /** Scopes, space-separated; openid when absent. */
  readonly scope?: string | number | boolean | null | undefined
  /** The nonce of the request (random when absent). */
  readonly nonce?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
  /** acr_values, space-separated. */
  readonly acr?: string | number | boolean | null | undefined
}

/** The `data` of `authorization_code_flow`'s ok reply. */
export type AuthorizationCodeFlowResult = {
  /** The access token the OP issued. */
  readonly access_token: string
  /** The OP's expires_in; null when it gave none. */
  readonly expires_in_seconds: number | null
  /** The refresh token; null when the OP gave none. */
  readonly refresh_token: string | null
  /** The code the login returned (already exchanged). */
  readonly authorization_code: string
  /** The granted scope, as the token answer gives it. */
  readonly scope: string | null
  /** The ID token (validated: signature, issuer, audience, nonce); null when the OP gave none. */
  readonly id_token: string | null
}

/** The params of `implicit_flow`: Test helper: as authorization_code_flow (oxd 4.x; test_helpers_enabled). */
export type ImplicitFlowParams = {
  /** The oxd_id returned by register_site (or setup_client). */
  readonly oxd_id: string | number | boolean
  /** The client's registered redirect URI. */
  readonly redirect_url: string | number | boolean
  /** The client to log in for (not necessarily the site's). */
  readonly client_id: string | number | boolean
  /** Its secret (client_secret_basic at the token endpoint). */
  readonly client_secret: string | number | boolean
  /** The user's name at the OP. */
  readonly user_id: string | number | boolean
  /** The user's password at the OP. */
  readonly user_secret: string | number | boolean
  /** Scopes, space-separated; openid when absent. */
  readonly scope?: string | number | boolean | null | undefined
  /** The nonce of the request (random when absent). */
  readonly nonce?: string | number | boolean | null | undefined
  /** Token from get_client_token for the setup client; required when protection is on (always on REST). */
  readonly protection_access_token?: string | number | boolean | null | undefined
}

/** The `data` of `implicit_flow`'s ok reply. */
export type ImplicitFlowResult = {
  /** The access token the OP issued. */
  readonly access_token: string
  /** The OP's expires_in; null when it gave none. */
  readonly expires_in_seconds: number | null
  /** The refresh token; null when the OP gave none. */
  readonly refresh_token: string | null
  /** The code the login returned (already exchanged). */
  readonly authorization_code: string
  /** The granted scope, as the token answer gives it. */
  readonly scope: string | null
  /** The ID token (validated: signature, issuer, audience, nonce); null when the OP gave none. */
  readonly id_token: string | null
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
  readonly get_rp: { readonly params: GetRpParams; readonly result: GetRpResult }
  readonly get_discovery: { readonly params: GetDiscoveryParams; readonly result: GetDiscoveryResult }
  readonly get_jwks: { readonly params: GetJwksParams; readonly result: GetJwksResult }
  readonly get_issuer: { readonly params: GetIssuerParams; readonly result: GetIssuerResult }
  readonly check_id_token: { readonly params: CheckIdTokenParams; readonly result: CheckIdTokenResult }
  readonly check_access_token: { readonly params: CheckAccessTokenParams; readonly result: CheckAccessTokenResult }
  readonly uma_rs_modify: { readonly params: UmaRsModifyParams; readonly result: UmaRsModifyResult }
  readonly get_rp_jwks: { readonly params: GetRpJwksParams; readonly result: GetRpJwksResult }
  readonly get_request_object_uri: { readonly params: GetRequestObjectUriParams; readonly result: GetRequestObjectUriResult }
  readonly get_request_object: { readonly params: GetRequestObjectParams; readonly result: GetRequestObjectResult }
  readonly initiate_third_party_login: { readonly params: InitiateThirdPartyLoginParams; readonly result: InitiateThirdPartyLoginResult }
  readonly get_authorization_code: { readonly params: GetAuthorizationCodeParams; readonly result: GetAuthorizationCodeResult }
  readonly authorization_code_flow: { readonly params: AuthorizationCodeFlowParams; readonly result: AuthorizationCodeFlowResult }
  readonly implicit_flow: { readonly params: ImplicitFlowParams; readonly result: ImplicitFlowResult }
  readonly check_session: { readonly params: CheckSessionParams; readonly result: CheckSessionResult }
}

/** Older wire names the server still answers, and the command each one is. */
export interface CommandAliases {
  readonly update_site_registration: "update_site"
  readonly issuer_discovery: "get_issuer"
  readonly id_token_status: "check_id_token"
  readonly access_token_status: "check_access_token"
  readonly get_request_uri: "get_request_object_uri"
  readonly get_request_object_jwt: "get_request_object"
}
