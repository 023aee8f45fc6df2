/**
 * Generated from apps/rest-server/openapi.json by openapi-typescript; do not edit.
 * Regenerate: pnpm --filter @oxd/client-rest generate
 */

export interface paths {
    "/setup-client": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register the setup client that protects this server's API (and, deprecated, one ordinary site).
         * @description The oxd command `setup_client`: the JSON body is its params, the reply the oxd envelope. Needs no token.
         */
        post: operations["setup_client"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-client-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get an access token by client credentials (the protection_access_token for the other commands).
         * @description The oxd command `get_client_token`: the JSON body is its params, the reply the oxd envelope. Needs no token.
         */
        post: operations["get_client_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/introspect-access-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Introspect an access token at the OP (RFC 7662).
         * @description The oxd command `introspect_access_token`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["introspect_access_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/register-site": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register a site (an OpenID client) and get its oxd_id.
         * @description The oxd command `register_site`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["register_site"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/update-site": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a site's registration.
         * @description The oxd command `update_site`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["update_site"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/remove-site": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove a site from this server.
         * @description The oxd command `remove_site`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["remove_site"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-authorization-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get the OP URL to send the user to for login.
         * @description The oxd command `get_authorization_url`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["get_authorization_url"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-tokens-by-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange the authorization code for tokens, validating the ID token.
         * @description The oxd command `get_tokens_by_code`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["get_tokens_by_code"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-access-token-by-refresh-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a new access token with a refresh token.
         * @description The oxd command `get_access_token_by_refresh_token`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["get_access_token_by_refresh_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-user-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get the user's claims with an access token.
         * @description The oxd command `get_user_info`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["get_user_info"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-logout-uri": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get the OP's logout (end-session) URL for the user.
         * @description The oxd command `get_logout_uri`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["get_logout_uri"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/uma-rs-protect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Protect the site's resources (paths, methods, scopes) at the UMA authorization server.
         * @description The oxd command `uma_rs_protect`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["uma_rs_protect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/uma-rs-check-access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check whether a request to a protected resource may proceed, with the requester's RPT.
         * @description The oxd command `uma_rs_check_access`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["uma_rs_check_access"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/introspect-rpt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Introspect an RPT at the UMA authorization server.
         * @description The oxd command `introspect_rpt`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["introspect_rpt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/uma-rp-get-rpt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get an RPT for a permission ticket (UMA 2 grant).
         * @description The oxd command `uma_rp_get_rpt`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["uma_rp_get_rpt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/uma-rp-get-claims-gathering-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get the URL of the AS's claims-gathering page for a ticket.
         * @description The oxd command `uma_rp_get_claims_gathering_url`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["uma_rp_get_claims_gathering_url"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/check-session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tell whether the OP ended a session of the site (back-channel or front-channel logout).
         * @description The oxd command `check_session`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["check_session"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/update-site-registration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a site's registration. (older name of update_site)
         * @deprecated
         * @description Deprecated: the oxd 3.1 name of `/update-site`, answered the same way. The oxd command `update_site`: the JSON body is its params, the reply the oxd envelope. Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used.
         */
        post: operations["update_site_registration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the server runs: `running`, as oxd-https-extension 3.1 answers.
         * @description For load balancers: 200 with the text `running` while the process serves requests, whatever its database (oxd-https-extension 3.1's answer). Whether the database answers: GET /health/ready (JSON, 503 when it does not). Needs no token.
         */
        get: operations["health_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Whether the OP ended a session of the site (back-channel or front-channel logout; docs/logout.md): for applications that poll rather than follow the session_logged_out event. */
        CheckSessionParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The OP session's id: the sid claim of the ID token get_tokens_by_code answered. */
            sid?: string | number | boolean | null;
            /** @description The user's sub (with sid: that session of that user; alone: any session of the user at this site). */
            sub?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of check_session: {"status":"ok","data":<CheckSessionResult>}. */
        CheckSessionReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["CheckSessionResult"];
        };
        CheckSessionResult: {
            /**
             * @description active: signed in through this server and not logged out; logged_out: the OP said the session ended; unknown: no such session is remembered here (never signed in through this server, or older than logout_session_max_age_in_seconds).
             * @enum {string}
             */
            status: "active" | "logged_out" | "unknown";
            /** @description When the logout was received, seconds since 1970; null unless logged_out. */
            logged_out_at: number | null;
            /** @description How the OP said so; null unless logged_out. */
            channel: ("backchannel" | "frontchannel") | null;
        } & {
            [key: string]: unknown;
        };
        ErrorData: {
            /** @description The oxd error code, with its HTTP status under rest_error_status: http: bad_request (400), blank_protection_access_token (403), http_method_not_unique (400), inactive_protection_access_token (403), internal_error (400/500), invalid_access_token_bad_hash (500), invalid_algorithm (400), invalid_authorization_code_bad_hash (500), invalid_introspection_response (500), invalid_op_host (400), invalid_oxd_id (400), invalid_protection_access_token (403), invalid_request (400), invalid_scope_expressioin (400), invalid_uma_request (400), need_info (403), no_access_token (500), no_connect_discovery_response (500), no_end_session_endpoint_at_op (500), no_id_token (500), no_setup_client_for_oxd_id (403), no_uma_discovery_response (500), protection_access_token_insufficient_scope (403), rate_limited (429), remove_site_failed (500), uma_protection_exists (400), unsupported_operation (500); invalid_nonce or invalid_id_token_unknown for a rejected ID token (the reason in error_description); for a param, the reference code of that param (e.g. invalid_authorization_redirect_uri); http_status_<NNN> for an OP/AS error passed through (e.g. the AS's refusal of uma_rp_get_rpt; HTTP NNN in both modes); and 403 (HTTP 403 in both modes) for a protected command without a Bearer token. */
            error: string;
            /** @description What went wrong and what to fix, for people. */
            error_description: string;
            /** @description need_info: the UMA authorization server's answer (ticket, required_claims, redirect_user). */
            details?: unknown;
        };
        /** @description Every error: {"status":"error","data":{"error":<code>,"error_description":<text>}}. */
        ErrorEnvelope: {
            /** @enum {string} */
            status: "error";
            data: components["schemas"]["ErrorData"];
        };
        /** @description Gets a new access token with a refresh token. */
        GetAccessTokenByRefreshTokenParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The refresh token from get_tokens_by_code (or an earlier refresh). */
            refresh_token?: string | null;
            /** @description Scopes to ask for, openid added (as oxd 3.1 does); the original grant's when absent. */
            scope?: (string | number | boolean)[] | string | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of get_access_token_by_refresh_token: {"status":"ok","data":<GetAccessTokenByRefreshTokenResult>}. */
        GetAccessTokenByRefreshTokenReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["GetAccessTokenByRefreshTokenResult"];
        };
        GetAccessTokenByRefreshTokenResult: {
            access_token: string;
            /** @description Seconds the access token lives; -1 when the OP does not say. */
            expires_in: number;
            /** @description The OP's new refresh token; null when it issued none (the one sent stays valid then). */
            refresh_token: string | null;
            /** @description The scope the OP granted, as it wrote it (space-separated); null when it did not say. */
            scope: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Builds the URL to send the user to for login; state, nonce and PKCE are generated and remembered. */
        GetAuthorizationUrlParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description Scopes to request; those registered with the site when absent. */
            scope?: (string | number | boolean)[] | string | null;
            acr_values?: (string | number | boolean)[] | string | null;
            /** @description e.g. login, to force re-authentication. */
            prompt?: string | number | boolean | null;
            /** @description Google's hosted domain parameter, sent as hd. */
            hd?: string | number | boolean | null;
            /** @description Extra authorization request parameters (login_hint, ui_locales, max_age, claims…): sent each on its own and, as oxd 3.1 sends them, together as custom_response_headers (a JSON array [{"name":"value"}]). Numbers and booleans are sent as text, null values not at all. Those that would change the protocol — state, nonce, code_challenge(_method), redirect_uri, client_id, response_type, scope, request, request_uri, response_mode, registration — are refused with bad_request. */
            custom_parameters?: {
                [key: string]: string | number | boolean | null;
            } | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of get_authorization_url: {"status":"ok","data":<GetAuthorizationUrlResult>}. */
        GetAuthorizationUrlReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["GetAuthorizationUrlResult"];
        };
        GetAuthorizationUrlResult: {
            authorization_url: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Obtains an access token by client credentials, e.g. the protection_access_token of the setup client. */
        GetClientTokenParams: {
            client_id: string | number | boolean;
            /** @description Required unless authentication_method is private_key_jwt. */
            client_secret?: string | number | boolean | null;
            /** @description Issuer URL; the server's default_op_host when absent. */
            op_host?: string | number | boolean | null;
            op_discovery_path?: string | number | boolean | null;
            /** @description Scopes to request; the protection scope (uma_protection) when absent. */
            scope?: (string | number | boolean)[] | string | null;
            /** @description client_secret_basic (default), client_secret_post (the client authenticates with its secret in the form body) or private_key_jwt. */
            authentication_method?: string | number | boolean | null;
            /** @description Signing algorithm for private_key_jwt. */
            algorithm?: string | number | boolean | null;
            /** @description kid of the private key in the server's key store, for private_key_jwt. */
            key_id?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of get_client_token: {"status":"ok","data":<GetClientTokenResult>}. */
        GetClientTokenReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["GetClientTokenResult"];
        };
        GetClientTokenResult: {
            access_token: string;
            expires_in: number | null;
            refresh_token: string | null;
            scope: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Builds the OP's end-session URL (OpenID Connect RP-Initiated Logout). */
        GetLogoutUriParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The user's ID token; the site's last one when absent. */
            id_token_hint?: string | null;
            /** @description Where the OP sends the user after logout; the registered one when absent. */
            post_logout_redirect_uri?: string | null;
            state?: string | null;
            session_state?: string | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of get_logout_uri: {"status":"ok","data":<GetLogoutUriResult>}. */
        GetLogoutUriReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["GetLogoutUriResult"];
        };
        GetLogoutUriResult: {
            uri: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Exchanges the code for tokens and validates the ID token fully (signature, iss, aud, azp, exp, iat, nonce, at_hash). */
        GetTokensByCodeParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The code from the OP's redirect. */
            code: string;
            /** @description The state from the OP's redirect; accepted once. */
            state: string;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of get_tokens_by_code: {"status":"ok","data":<GetTokensByCodeResult>}. */
        GetTokensByCodeReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["GetTokensByCodeResult"];
        };
        GetTokensByCodeResult: {
            access_token: string;
            /** @description Seconds the access token lives; -1 when the OP does not say (as oxd 3.1 answers). */
            expires_in: number;
            refresh_token: string | null;
            id_token: string;
            /** @description The validated ID token's claims, each as a list of strings (as oxd 3.1 returns them). */
            id_token_claims: {
                [key: string]: string[];
            };
        } & {
            [key: string]: unknown;
        };
        /** @description Fetches the user's claims from the OP's userinfo endpoint. */
        GetUserInfoParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The user's access token; without one (or with one the OP refuses) the claims are {}. */
            access_token?: string | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of get_user_info: {"status":"ok","data":<GetUserInfoResult>}. */
        GetUserInfoReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["GetUserInfoResult"];
        };
        GetUserInfoResult: {
            /** @description Each claim as a list of strings, as oxd 3.1 returns them; {} when the OP refused the access token. */
            claims: {
                [key: string]: string[];
            };
            /** @description Always null (oxd 3.1's reply has the field). */
            refresh_token: null;
            /** @description Always null (oxd 3.1's reply has the field). */
            access_token: null;
        } & {
            [key: string]: unknown;
        };
        /** @description Asks the OP whether an access token is active, and what it grants. */
        IntrospectAccessTokenParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The token to introspect (RFC 7662). */
            access_token: string | number | boolean;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of introspect_access_token: {"status":"ok","data":<IntrospectAccessTokenResult>}. */
        IntrospectAccessTokenReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["IntrospectAccessTokenResult"];
        };
        IntrospectAccessTokenResult: {
            active: boolean;
            /** @description The token's scopes (the older name; the same as scope). */
            scopes: string[] | null;
            /** @description The token's scopes, as a list. */
            scope: string[] | null;
            client_id: string | null;
            username: string | null;
            token_type: string | null;
            exp: number | null;
            iat: number | null;
            sub: string | null;
            aud: string | null;
            iss: string | null;
            jti: string | null;
            acr_values: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Asks the UMA authorization server what an RPT grants (UMA FedAuthz §5). */
        IntrospectRptParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The RPT to introspect. */
            rpt?: string | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of introspect_rpt: {"status":"ok","data":<IntrospectRptResult>}. */
        IntrospectRptReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["IntrospectRptResult"];
        };
        IntrospectRptResult: {
            active: boolean;
            exp: number | null;
            iat: number | null;
            nbf: number | null;
            permissions: ({
                resource_id: string | null;
                resource_scopes: string[] | null;
                exp: number | null;
            } & {
                [key: string]: unknown;
            })[] | null;
            client_id: string | null;
            sub: string | null;
            aud: string | string[] | null;
            iss: string | null;
            jti: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Registers the application (an OpenID client) at the OP, dynamically unless client_id is given, and returns its oxd_id. */
        RegisterSiteParams: {
            /** @description Where the OP sends the user back with the code (an http(s) URL). Required unless the server has a default. */
            authorization_redirect_uri?: string | number | boolean | null;
            /** @description Further redirect URIs to register beside authorization_redirect_uri (post_logout_redirect_uri is then registered as one too, as oxd 3.1 does). */
            redirect_uris?: (string | number | boolean)[] | string | null;
            /** @description Issuer URL of the OpenID Provider; the server's default_op_host when absent. */
            op_host?: string | number | boolean | null;
            /** @description Discovery document path when not /.well-known/openid-configuration. */
            op_discovery_path?: string | number | boolean | null;
            post_logout_redirect_uri?: string | number | boolean | null;
            application_type?: string | number | boolean | null;
            response_types?: (string | number | boolean)[] | string | null;
            grant_types?: (string | number | boolean)[] | string | null;
            scope?: (string | number | boolean)[] | string | null;
            acr_values?: (string | number | boolean)[] | string | null;
            client_name?: string | number | boolean | null;
            client_jwks_uri?: string | number | boolean | null;
            /** @description How the client authenticates at the token endpoint, sent to the OP and used for token, refresh and introspection calls: client_secret_basic, client_secret_post, client_secret_jwt or none (a public client: no secret, PKCE S256). Default: default_token_endpoint_auth_method. */
            client_token_endpoint_auth_method?: string | number | boolean | null;
            client_token_endpoint_auth_signing_alg?: string | number | boolean | null;
            client_request_uris?: (string | number | boolean)[] | string | null;
            client_frontchannel_logout_uris?: (string | number | boolean)[] | string | null;
            client_logout_uris?: (string | number | boolean)[] | string | null;
            client_sector_identifier_uri?: string | number | boolean | (string | number | boolean)[] | null;
            contacts?: (string | number | boolean)[] | string | null;
            ui_locales?: (string | number | boolean)[] | string | null;
            claims_locales?: (string | number | boolean)[] | string | null;
            claims_redirect_uri?: (string | number | boolean)[] | string | null;
            /** @description Use this existing client instead of registering one, with client_secret; without client_secret it is ignored and a client is registered (as oxd 3.1 does). */
            client_id?: string | number | boolean | null;
            client_secret?: string | number | boolean | null;
            client_registration_access_token?: string | number | boolean | null;
            client_registration_client_uri?: string | number | boolean | null;
            /** @description true: registered with oxAuthTrustedClient (a Gluu OP then skips the consent page); other OPs ignore it. */
            trusted_client?: boolean | ("true" | "false") | number | null;
            /** @description The application's language, kept with the site (as oxd 3.1 does); never sent to the OP. */
            oxd_rp_programming_language?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
            /** @description Where the OP POSTs logout tokens (Back-Channel Logout 1.0). register_site and setup_client: this server's own /backchannel-logout when absent and public_base_url is set (the server then records the logout: check_session, the session_logged_out event, logout_webhook_url). */
            backchannel_logout_uri?: string | number | boolean | null;
            /** @description Whether the OP must put sid in logout tokens; true by default when the server's own endpoint is registered. */
            backchannel_logout_session_required?: boolean | ("true" | "false") | number | null;
            /** @description The page the OP loads in an iframe at logout (Front-Channel Logout 1.0); this server's own is <public_base_url>/frontchannel-logout. Over client_frontchannel_logout_uris when both are given. */
            frontchannel_logout_uri?: string | number | boolean | null;
            /** @description Whether the OP must add iss and sid to the front-channel logout URI. */
            frontchannel_logout_session_required?: boolean | ("true" | "false") | number | null;
            /** @description Where this server POSTs each logout of the site's sessions it receives (JSON, signed with HMAC-SHA256 of logout_webhook_secret in X-Oxd-Signature; retried with backoff). Kept here, never sent to the OP; needs logout_webhook_secret. */
            logout_webhook_url?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of register_site: {"status":"ok","data":<RegisterSiteResult>}. */
        RegisterSiteReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["RegisterSiteResult"];
        };
        RegisterSiteResult: {
            /** @description Identifies the site in every later command. */
            oxd_id: string;
            /** @description The op_host the site is registered at, as given (or default_op_host). */
            op_host: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Forgets the site: its oxd_id stops working. The client stays registered at the OP. */
        RemoveSiteParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of remove_site: {"status":"ok","data":<RemoveSiteResult>}. */
        RemoveSiteReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["RemoveSiteResult"];
        };
        RemoveSiteResult: {
            oxd_id: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Registers the setup client that protects the API (its tokens from get_client_token authorise the other commands), and, as oxd 3.1.3 did, one ordinary site. */
        SetupClientParams: {
            /** @description Where the OP sends the user back with the code (an http(s) URL). Required unless the server has a default. */
            authorization_redirect_uri?: string | number | boolean | null;
            /** @description Further redirect URIs to register beside authorization_redirect_uri (post_logout_redirect_uri is then registered as one too, as oxd 3.1 does). */
            redirect_uris?: (string | number | boolean)[] | string | null;
            /** @description Issuer URL of the OpenID Provider; the server's default_op_host when absent. */
            op_host?: string | number | boolean | null;
            /** @description Discovery document path when not /.well-known/openid-configuration. */
            op_discovery_path?: string | number | boolean | null;
            post_logout_redirect_uri?: string | number | boolean | null;
            application_type?: string | number | boolean | null;
            response_types?: (string | number | boolean)[] | string | null;
            grant_types?: (string | number | boolean)[] | string | null;
            scope?: (string | number | boolean)[] | string | null;
            acr_values?: (string | number | boolean)[] | string | null;
            client_name?: string | number | boolean | null;
            client_jwks_uri?: string | number | boolean | null;
            /** @description How the client authenticates at the token endpoint, sent to the OP and used for token, refresh and introspection calls: client_secret_basic, client_secret_post, client_secret_jwt or none (a public client: no secret, PKCE S256). Default: default_token_endpoint_auth_method. */
            client_token_endpoint_auth_method?: string | number | boolean | null;
            client_token_endpoint_auth_signing_alg?: string | number | boolean | null;
            client_request_uris?: (string | number | boolean)[] | string | null;
            client_frontchannel_logout_uris?: (string | number | boolean)[] | string | null;
            client_logout_uris?: (string | number | boolean)[] | string | null;
            client_sector_identifier_uri?: string | number | boolean | (string | number | boolean)[] | null;
            contacts?: (string | number | boolean)[] | string | null;
            ui_locales?: (string | number | boolean)[] | string | null;
            claims_locales?: (string | number | boolean)[] | string | null;
            claims_redirect_uri?: (string | number | boolean)[] | string | null;
            /** @description Use this existing client instead of registering one, with client_secret; without client_secret it is ignored and a client is registered (as oxd 3.1 does). */
            client_id?: string | number | boolean | null;
            client_secret?: string | number | boolean | null;
            client_registration_access_token?: string | number | boolean | null;
            client_registration_client_uri?: string | number | boolean | null;
            /** @description true: registered with oxAuthTrustedClient (a Gluu OP then skips the consent page); other OPs ignore it. */
            trusted_client?: boolean | ("true" | "false") | number | null;
            /** @description The application's language, kept with the site (as oxd 3.1 does); never sent to the OP. */
            oxd_rp_programming_language?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
            /** @description Where the OP POSTs logout tokens (Back-Channel Logout 1.0). register_site and setup_client: this server's own /backchannel-logout when absent and public_base_url is set (the server then records the logout: check_session, the session_logged_out event, logout_webhook_url). */
            backchannel_logout_uri?: string | number | boolean | null;
            /** @description Whether the OP must put sid in logout tokens; true by default when the server's own endpoint is registered. */
            backchannel_logout_session_required?: boolean | ("true" | "false") | number | null;
            /** @description The page the OP loads in an iframe at logout (Front-Channel Logout 1.0); this server's own is <public_base_url>/frontchannel-logout. Over client_frontchannel_logout_uris when both are given. */
            frontchannel_logout_uri?: string | number | boolean | null;
            /** @description Whether the OP must add iss and sid to the front-channel logout URI. */
            frontchannel_logout_session_required?: boolean | ("true" | "false") | number | null;
            /** @description Where this server POSTs each logout of the site's sessions it receives (JSON, signed with HMAC-SHA256 of logout_webhook_secret in X-Oxd-Signature; retried with backoff). Kept here, never sent to the OP; needs logout_webhook_secret. */
            logout_webhook_url?: string | number | boolean | null;
            /** @description client_name of the setup client at the OP (client_name names the ordinary site), as oxd 3.1 does. */
            setup_client_name?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of setup_client: {"status":"ok","data":<SetupClientResult>}. */
        SetupClientReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["SetupClientResult"];
        };
        SetupClientResult: {
            /** @description oxd_id of the setup client. */
            setup_client_oxd_id: string;
            client_id: string;
            client_secret: string | null;
            client_registration_access_token: string | null;
            client_registration_client_uri: string | null;
            client_id_issued_at: number;
            client_secret_expires_at: number;
            op_host: string;
            /** @description Deprecated: oxd_id of an ordinary site registered alongside (use register_site). */
            oxd_id: string;
            /** @description Deprecated: client_id of that ordinary site. */
            client_id_of_oxd_id: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Builds the URL of the AS's claims-gathering page; the state in it is remembered for uma_rp_get_rpt. */
        UmaRpGetClaimsGatheringUrlParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The newest ticket, usually from need_info. */
            ticket: string;
            /** @description Where the AS sends the user back with a new ticket; registered for the site. */
            claims_redirect_uri: string;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of uma_rp_get_claims_gathering_url: {"status":"ok","data":<UmaRpGetClaimsGatheringUrlResult>}. */
        UmaRpGetClaimsGatheringUrlReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["UmaRpGetClaimsGatheringUrlResult"];
        };
        UmaRpGetClaimsGatheringUrlResult: {
            url: string;
            state: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Gets an RPT for a permission ticket (UMA 2 grant). need_info carries the AS's answer in details; any other refusal of the AS is http_status_<its status> with its answer as the description. */
        UmaRpGetRptParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The permission ticket (from the resource server's denial, or the claims-gathering redirect). */
            ticket?: string | null;
            claim_token?: string | null;
            /** @description The format of claim_token, e.g. http://openid.net/specs/openid-connect-core-1_0.html#IDToken (the AS requires it with claim_token) */
            claim_token_format?: string | null;
            /** @description A persisted claims token from an earlier RPT. */
            pct?: string | null;
            /** @description An RPT to upgrade. */
            rpt?: string | null;
            scope?: (string | number | boolean)[] | string | null;
            /** @description The state from uma_rp_get_claims_gathering_url, when coming back from claims gathering. */
            state?: string | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of uma_rp_get_rpt: {"status":"ok","data":<UmaRpGetRptResult>}. */
        UmaRpGetRptReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["UmaRpGetRptResult"];
        };
        UmaRpGetRptResult: {
            access_token: string;
            /** @description As the AS wrote it (Bearer when it wrote none). */
            token_type: string;
            pct: string | null;
            /** @description The AS's upgraded: true when the RPT passed in rpt was upgraded (oxd 3.1 names it updated). */
            updated: boolean;
        } & {
            [key: string]: unknown;
        };
        /** @description Decides whether a request to a protected resource may proceed; when not, gets a permission ticket for the requester. */
        UmaRsCheckAccessParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The RPT the requesting party sent (Authorization: Bearer …); empty when it sent none. */
            rpt?: string | null;
            /** @description The request's HTTP method (any letter case). */
            http_method: string;
            /** @description The requested path, e.g. /photo (matched in any letter case, as oxd 3.1 matches it). */
            path: string;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of uma_rs_check_access: {"status":"ok","data":<UmaRsCheckAccessResult>}. */
        UmaRsCheckAccessReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["UmaRsCheckAccessResult"];
        };
        UmaRsCheckAccessResult: {
            /** @enum {string} */
            access: "granted" | "denied";
            /** @description For a denied request: the WWW-Authenticate header to answer with (401); null when granted. */
            "www-authenticate_header": string | null;
            /** @description For a denied request: the permission ticket; null when granted. */
            ticket: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Registers the site's protected resources at the UMA authorization server. */
        UmaRsProtectParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            resources: ({
                /** @description The path as the resource server sees it, e.g. /photo. */
                path: string;
                conditions: ({
                    /** @description Methods this condition guards (GET, POST, PUT, DELETE, …); each at most once per path. */
                    httpMethods: string[];
                    /** @description Any one of these scopes grants access ("or" rule). */
                    scopes?: string[] | null;
                    /** @description Scopes a denied check asks the ticket for; the scopes when absent. */
                    ticketScopes?: string[] | null;
                    /** @description Instead of scopes: a JsonLogic rule over scopes (Gluu extension). */
                    scope_expression?: ({
                        rule: unknown;
                        /** @description The scopes the rule refers to, by index. */
                        data: string[];
                    } & {
                        [key: string]: unknown;
                    }) | null;
                } & {
                    [key: string]: unknown;
                })[];
            } & {
                [key: string]: unknown;
            })[];
            /** @description Replace resources already protected for this oxd_id (they are deleted at the AS). */
            overwrite?: boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of uma_rs_protect: {"status":"ok","data":<UmaRsProtectResult>}. */
        UmaRsProtectReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["UmaRsProtectResult"];
        };
        UmaRsProtectResult: {
            oxd_id: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Changes the site's registration at the OP (RFC 7592), then here; a site whose client was given with client_id (no registration_client_uri) cannot be updated. */
        UpdateSiteParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            authorization_redirect_uri?: string | number | boolean | null;
            /** @description The further redirect URIs (replacing those registered), with post_logout_redirect_uri among them when given, as oxd 3.1 does. */
            redirect_uris?: (string | number | boolean)[] | string | null;
            post_logout_redirect_uri?: string | number | boolean | null;
            client_frontchannel_logout_uris?: (string | number | boolean)[] | string | null;
            client_logout_uris?: (string | number | boolean)[] | string | null;
            response_types?: (string | number | boolean)[] | string | null;
            response_type?: (string | number | boolean)[] | string | null;
            grant_types?: (string | number | boolean)[] | string | null;
            scope?: (string | number | boolean)[] | string | null;
            acr_values?: (string | number | boolean)[] | string | null;
            client_name?: string | number | boolean | null;
            /** @description Requested client lifetime (milliseconds since 1970, as oxd documents it). */
            client_secret_expires_at?: number | null;
            client_jwks_uri?: string | number | boolean | null;
            client_token_endpoint_auth_method?: string | number | boolean | null;
            client_token_endpoint_auth_signing_alg?: string | number | boolean | null;
            client_request_uris?: (string | number | boolean)[] | string | null;
            client_sector_identifier_uri?: string | number | boolean | (string | number | boolean)[] | null;
            contacts?: (string | number | boolean)[] | string | null;
            ui_locales?: (string | number | boolean)[] | string | null;
            claims_locales?: (string | number | boolean)[] | string | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
            /** @description Where the OP POSTs logout tokens (Back-Channel Logout 1.0). register_site and setup_client: this server's own /backchannel-logout when absent and public_base_url is set (the server then records the logout: check_session, the session_logged_out event, logout_webhook_url). */
            backchannel_logout_uri?: string | number | boolean | null;
            /** @description Whether the OP must put sid in logout tokens; true by default when the server's own endpoint is registered. */
            backchannel_logout_session_required?: boolean | ("true" | "false") | number | null;
            /** @description The page the OP loads in an iframe at logout (Front-Channel Logout 1.0); this server's own is <public_base_url>/frontchannel-logout. Over client_frontchannel_logout_uris when both are given. */
            frontchannel_logout_uri?: string | number | boolean | null;
            /** @description Whether the OP must add iss and sid to the front-channel logout URI. */
            frontchannel_logout_session_required?: boolean | ("true" | "false") | number | null;
            /** @description Where this server POSTs each logout of the site's sessions it receives (JSON, signed with HMAC-SHA256 of logout_webhook_secret in X-Oxd-Signature; retried with backoff). Kept here, never sent to the OP; needs logout_webhook_secret. */
            logout_webhook_url?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The reply of update_site: {"status":"ok","data":<UpdateSiteResult>}. */
        UpdateSiteReply: {
            /** @enum {string} */
            status: "ok";
            data: components["schemas"]["UpdateSiteResult"];
        };
        UpdateSiteResult: {
            oxd_id: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description Both modes: a body that is not one JSON object ("Invalid parameters. Message: …"). rest_error_status: http also: bad params (a missing or malformed param names it; internal_error for params the reference could not read), or the OP's refusal (internal_error, as the reference answers it). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description Both modes: no `Authorization: Bearer <token>` header (error `403`, "Forbidden Access…"). rest_error_status: http also: an inactive or another client's protection_access_token (inactive_/invalid_protection_access_token, protection_access_token_insufficient_scope); or, for UMA, need_info / request_denied. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The body is larger than rest_max_body_bytes. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The body is not sent as application/json. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description rest_error_status: http: more commands from this address than rate_limit_per_minute allows (rate_limited). */
        RateLimited: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description An unexpected failure of the REST edge (internal_error, with a request id the server's log also carries); rest_error_status: http also: the OP answered something unusable. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description rest_error_status: http: the OP could not be reached, timed out or answered something unusable: no_connect_discovery_response (no_uma_discovery_response) for its discovery, internal_error for a later call, as the reference answers them. */
        OpUnreachable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    setup_client: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetupClientParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<SetupClientResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetupClientReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    get_client_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetClientTokenParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<GetClientTokenResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetClientTokenReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    introspect_access_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntrospectAccessTokenParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<IntrospectAccessTokenResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntrospectAccessTokenReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    register_site: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterSiteParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<RegisterSiteResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterSiteReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    update_site: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSiteParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<UpdateSiteResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdateSiteReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    remove_site: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RemoveSiteParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<RemoveSiteResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RemoveSiteReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    get_authorization_url: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetAuthorizationUrlParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<GetAuthorizationUrlResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetAuthorizationUrlReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    get_tokens_by_code: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetTokensByCodeParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<GetTokensByCodeResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetTokensByCodeReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    get_access_token_by_refresh_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetAccessTokenByRefreshTokenParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<GetAccessTokenByRefreshTokenResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetAccessTokenByRefreshTokenReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    get_user_info: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetUserInfoParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<GetUserInfoResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetUserInfoReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    get_logout_uri: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetLogoutUriParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<GetLogoutUriResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetLogoutUriReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    uma_rs_protect: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UmaRsProtectParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<UmaRsProtectResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UmaRsProtectReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    uma_rs_check_access: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UmaRsCheckAccessParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<UmaRsCheckAccessResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UmaRsCheckAccessReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    introspect_rpt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntrospectRptParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<IntrospectRptResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntrospectRptReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    uma_rp_get_rpt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UmaRpGetRptParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<UmaRpGetRptResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UmaRpGetRptReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    uma_rp_get_claims_gathering_url: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UmaRpGetClaimsGatheringUrlParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<UmaRpGetClaimsGatheringUrlResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UmaRpGetClaimsGatheringUrlReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    check_session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckSessionParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<CheckSessionResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckSessionReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    update_site_registration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSiteParams"];
            };
        };
        responses: {
            /** @description ok: {"status":"ok","data":<UpdateSiteResult>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdateSiteReply"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["OpUnreachable"];
        };
    };
    health_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": "running";
                };
            };
        };
    };
}
