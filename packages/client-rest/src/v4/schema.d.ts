/**
 * Generated from apps/rest-server/openapi-4.json by openapi-typescript; do not edit.
 * Regenerate: pnpm --filter @oxd/client-rest generate
 */

export interface paths {
    "/get-request-object/{request_object_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a request object by its id (oxd 4.x; the JWT the request_uri names).
         * @description The oxd command `get_request_object` (oxd 4.x RestResource.java, :54-59); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs no token.
         */
        get: operations["get_request_object"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-rp-jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the server's public signing keys (oxd 4.x).
         * @description The oxd command `get_rp_jwks` (oxd 4.x RestResource.java, :61-66); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs no token.
         */
        get: operations["get_rp_jwks"];
        put?: never;
        post?: never;
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
         * @description The oxd command `get_client_token` (oxd 4.x RestResource.java, :68-74); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs no token.
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
         * @description The oxd command `introspect_access_token` (oxd 4.x RestResource.java, :76-82); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["introspect_access_token"];
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
         * @description The oxd command `introspect_rpt` (oxd 4.x RestResource.java, :84-90); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["introspect_rpt"];
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
         * @description The oxd command `register_site` (oxd 4.x RestResource.java, :92-98); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs no token.
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
         * @description The oxd command `update_site` (oxd 4.x RestResource.java, :100-106); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
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
         * @description The oxd command `remove_site` (oxd 4.x RestResource.java, :108-114); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
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
         * @description The oxd command `get_authorization_url` (oxd 4.x RestResource.java, :116-122); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["get_authorization_url"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-authorization-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test helper: log a user in by password and get an authorization code (oxd 4.x; test_helpers_enabled).
         * @description The oxd command `get_authorization_code` (oxd 4.x RestResource.java, :124-130); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["get_authorization_code"];
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
         * @description The oxd command `get_tokens_by_code` (oxd 4.x RestResource.java, :132-138); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["get_tokens_by_code"];
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
         * @description The oxd command `get_user_info` (oxd 4.x RestResource.java, :140-146); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
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
         * @description The oxd command `get_logout_uri` (oxd 4.x RestResource.java, :148-154); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["get_logout_uri"];
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
         * @description The oxd command `get_access_token_by_refresh_token` (oxd 4.x RestResource.java, :156-162); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["get_access_token_by_refresh_token"];
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
         * @description The oxd command `uma_rs_protect` (oxd 4.x RestResource.java, :164-170); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["uma_rs_protect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/uma-rs-modify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the scopes of one protected resource (oxd 4.x).
         * @description The oxd command `uma_rs_modify` (oxd 4.x RestResource.java, :172-178); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["uma_rs_modify"];
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
         * @description The oxd command `uma_rs_check_access` (oxd 4.x RestResource.java, :180-186); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["uma_rs_check_access"];
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
         * @description The oxd command `uma_rp_get_rpt` (oxd 4.x RestResource.java, :188-194); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
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
         * @description The oxd command `uma_rp_get_claims_gathering_url` (oxd 4.x RestResource.java, :196-202); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["uma_rp_get_claims_gathering_url"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/authorization-code-flow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test helper: a code flow by password, login to tokens (oxd 4.x; test_helpers_enabled).
         * @description The oxd command `authorization_code_flow` (oxd 4.x RestResource.java, :204-210); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["authorization_code_flow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/check-access-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check that an access token is the one its ID token was issued with (oxd 4.x).
         * @description The oxd command `check_access_token` (oxd 4.x RestResource.java, :212-218); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["check_access_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/check-id-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Validate an ID token of the site (oxd 4.x).
         * @description The oxd command `check_id_token` (oxd 4.x RestResource.java, :220-226); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["check_id_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-rp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get the site's registration, without secrets (oxd 4.x).
         * @description The oxd command `get_rp` (oxd 4.x RestResource.java, :228-234); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["get_rp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get the OP's signing keys (JWKS) (oxd 4.x).
         * @description The oxd command `get_jwks` (oxd 4.x RestResource.java, :236-242); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs no token.
         */
        post: operations["get_jwks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-discovery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get the OP's discovery document (oxd 4.x).
         * @description The oxd command `get_discovery` (oxd 4.x RestResource.java, :244-250); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs no token.
         */
        post: operations["get_discovery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-issuer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Discover the user's OP by WebFinger and check it is the given OP (oxd 4.x).
         * @description The oxd command `get_issuer` (oxd 4.x RestResource.java, :252-258); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs no token.
         */
        post: operations["get_issuer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/get-request-object-uri": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Build, sign and keep a request object; get its request_uri (oxd 4.x).
         * @description The oxd command `get_request_object_uri` (oxd 4.x RestResource.java, :260-266); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["get_request_object_uri"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/implicit-flow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test helper: as authorization_code_flow (oxd 4.x; test_helpers_enabled).
         * @description The oxd command `implicit_flow` (oxd-ts's own path: 4.x has the command (CommandType.java:47) and no RestResource method); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        post: operations["implicit_flow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/initiate-third-party-login/{oxd_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start a login the OP initiated (third-party initiated login, oxd 4.x): the authorization URL.
         * @description The oxd command `initiate_third_party_login` (oxd 4.x RestResource.java, :268-274); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status. Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token.
         */
        get: operations["initiate_third_party_login"];
        put?: never;
        post?: never;
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
        /** Whether the server runs, as oxd 4.x answers (RestResource.java:40-52). */
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
        /** @description Test helper (test_helpers_enabled): a whole code flow by password — login with prompt=none, then the code exchanged (oxd 4.x authorization-code-flow). */
        AuthorizationCodeFlowParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The client's registered redirect URI. */
            redirect_url: string | number | boolean;
            /** @description The client to log in for (not necessarily the site's). */
            client_id: string | number | boolean;
            /** @description Its secret (client_secret_basic at the token endpoint). */
            client_secret: string | number | boolean;
            /** @description The user's name at the OP. */
            user_id: string | number | boolean;
            /** @description The user's password at the OP. */
            user_secret: string | number | boolean;
            /** @description Scopes, space-separated; openid when absent. */
            scope?: string | number | boolean | null;
            /** @description The nonce of the request (random when absent). */
            nonce?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
            /** @description acr_values, space-separated. */
            acr?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        AuthorizationCodeFlowResult: {
            /** @description The access token the OP issued. */
            access_token: string;
            /** @description The OP's expires_in; null when it gave none. */
            expires_in_seconds: number | null;
            /** @description The refresh token; null when the OP gave none. */
            refresh_token: string | null;
            /** @description The code the login returned (already exchanged). */
            authorization_code: string;
            /** @description The granted scope, as the token answer gives it. */
            scope: string | null;
            /** @description The ID token (validated: signature, issuer, audience, nonce); null when the OP gave none. */
            id_token: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Checks that an access token is the one its ID token was issued with (at_hash) (oxd 4.x check-access-token; 3.1 access_token_status). */
        CheckAccessTokenParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The ID token the access token came with. */
            id_token: string | number | boolean;
            /** @description The access token whose hash the ID token's at_hash must be. */
            access_token?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        CheckAccessTokenResult: {
            /** @description Whether the ID token is valid and its at_hash is the access token's. */
            active: boolean;
            /** @description The ID token's exp in milliseconds since the epoch; null when inactive. */
            expires_at: number | null;
            /** @description The ID token's iat in milliseconds since the epoch; null when inactive. */
            issued_at: number | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Validates an ID token of the site (oxd 4.x check-id-token; 3.1 id_token_status). */
        CheckIdTokenParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The ID token to check (issued to this site's client). */
            id_token: string | number | boolean;
            /** @description The nonce the ID token must carry, when given. */
            nonce?: string | number | boolean | null;
            /** @description The state whose s_hash the ID token must carry, when it has one. */
            state?: string | number | boolean | null;
            /** @description The authorization code the ID token's c_hash must match, when given. */
            code?: string | number | boolean | null;
            /** @description The access token the ID token's at_hash must match, when given. */
            access_token?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        CheckIdTokenResult: {
            /** @description Whether the ID token is valid: signed by the OP, issued to this site, not expired, the nonce's. */
            active: boolean;
            /** @description Its exp (seconds since the epoch); 0 when inactive. */
            expires_at: number;
            /** @description Its iat (seconds since the epoch); 0 when inactive. */
            issued_at: number;
            /** @description Its claims, each as a list of strings; {} when inactive. */
            claims: {
                [key: string]: string[];
            };
        } & {
            [key: string]: unknown;
        };
        /** @description Every error, as oxd 4.x writes it (ErrorResponse.java): the code, its description, details (need_info: the AS's answer) and reason (null). An AS/OP error passed through (http_status_<NNN>) comes as the AS's own body with its status. */
        ErrorResponse: {
            error: string;
            error_description: string;
            details?: unknown;
            reason?: unknown;
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
        GetAccessTokenByRefreshTokenResult: {
            /** @description The new access token. */
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
        /** @description Test helper (test_helpers_enabled): logs the user in by password at the OP (prompt=none, Basic credentials, as Gluu oxAuth takes them) and returns the authorization code (oxd 4.x get-authorization-code). */
        GetAuthorizationCodeParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The user's name at the OP. */
            username: string | number | boolean;
            /** @description The user's password at the OP. */
            password: string | number | boolean;
            /** @description The site's when absent. */
            acr_values?: (string | number | boolean)[] | string | null;
            /** @description Ignored: the state is the server's (returned in the reply). */
            state?: string | number | boolean | null;
            /** @description Ignored: the nonce is the server's, bound to its state. */
            nonce?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        GetAuthorizationCodeResult: {
            /** @description The authorization code; redeem it with get_tokens_by_code. */
            code: string;
            /** @description The state to pass to get_tokens_by_code with the code. */
            state: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Builds the URL to send the user to for login; state, nonce and PKCE are generated and remembered. */
        GetAuthorizationUrlParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description Scopes to request; those registered with the site when absent. */
            scope?: (string | number | boolean)[] | string | null;
            /** @description Authentication context classes to ask for (acr_values), e.g. ["duo"]; those registered with the site when absent. */
            acr_values?: (string | number | boolean)[] | string | null;
            /** @description e.g. login, to force re-authentication. */
            prompt?: string | number | boolean | null;
            /** @description Google's hosted domain parameter, sent as hd. */
            hd?: string | number | boolean | null;
            /** @description Extra authorization request parameters (login_hint, ui_locales, max_age, claims…): sent each on its own and, as oxd 3.1 sends them, together as custom_response_headers (a JSON array [{"name":"value"}]). Numbers and booleans are sent as text, null values not at all. Those that would change the protocol — state, nonce, code_challenge(_method), redirect_uri, client_id, response_type, scope, request, request_uri, response_mode, registration — are refused with bad_request. */
            custom_parameters?: {
                [key: string]: string | number | boolean | null;
            } | null;
            /** @description oxd 4.x: extra authorization request parameters, each sent on its own (not as custom_response_headers). The same refusals as custom_parameters: state, nonce, PKCE, redirect_uri, client_id, response_type, scope, request, request_uri, response_mode and registration are bad_request. */
            params?: {
                [key: string]: string | number | boolean | null;
            } | null;
            /** @description oxd 4.x: the redirect URI to name in the request instead of authorization_redirect_uri; it must be one the site registered (redirect_uris), else redirect_uri_is_not_registered. get_tokens_by_code names the same one. */
            redirect_uri?: string | number | boolean | null;
            /** @description oxd 4.x: the response types to ask for; used when the site registered them all, else the site's registered ones. */
            response_types?: (string | number | boolean)[] | string | null;
            /** @description oxd 4.x: the state to send instead of the server's (16 to 512 visible ASCII characters, a random value); stored until get_tokens_by_code takes it, once. Not with a redirect_uri other than authorization_redirect_uri. */
            state?: string | number | boolean | null;
            /** @description oxd 4.x: the nonce to send instead of the server's (at most 512 visible ASCII characters); the ID token must carry it. */
            nonce?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        GetAuthorizationUrlResult: {
            /** @description The OP's authorization endpoint with the request (client_id, redirect_uri, response_type, scope, state, nonce, PKCE challenge…): send the user's browser there. */
            authorization_url: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Obtains an access token by client credentials, e.g. the protection_access_token of the setup client. */
        GetClientTokenParams: {
            /** @description The client to get a token for: the setup client's client_id (from setup_client) for a protection_access_token. */
            client_id: string | number | boolean;
            /** @description Required unless authentication_method is private_key_jwt. */
            client_secret?: string | number | boolean | null;
            /** @description Issuer URL; the server's default_op_host when absent. */
            op_host?: string | number | boolean | null;
            /** @description Discovery document path when not /.well-known/openid-configuration. */
            op_discovery_path?: string | number | boolean | null;
            /** @description oxd 4.x: the URL of the OP's discovery document, instead of op_host; it wins over it. */
            op_configuration_endpoint?: string | number | boolean | null;
            /** @description Scopes to request, with openid; when absent, the protection scopes (protection_scope: oxd, uma_protection) on the 3.1 API and openid alone on the oxd 4.x API, as 4.x asks. */
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
        GetClientTokenResult: {
            /** @description The access token; the setup client's is the protection_access_token of the other commands (on REST: Authorization: Bearer <it>). */
            access_token: string;
            /** @description Seconds the access token lives; null when the OP did not say. Get a new one before then. */
            expires_in: number | null;
            /** @description The OP's refresh token; null when it issued none (the client credentials grant usually issues none). */
            refresh_token: string | null;
            /** @description The scopes granted ([] when the OP names none). */
            scope: string[];
        } & {
            [key: string]: unknown;
        };
        /** @description The OP's discovery document, from the server's discovery cache (oxd 4.x get-discovery). */
        GetDiscoveryParams: {
            /** @description URL of the OP's discovery document (https://op.example.com/.well-known/openid-configuration); preferred over op_host. */
            op_configuration_endpoint?: string | number | boolean | null;
            /** @description Issuer URL of the OP (oxd 4.x: deprecated for op_configuration_endpoint); default_op_host when absent. */
            op_host?: string | number | boolean | null;
            /** @description Path of the discovery document under op_host when not /.well-known/openid-configuration. */
            op_discovery_path?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The fields of oxd 4.x's GetDiscoveryResponse the OP's document has (absent ones are left out). */
        GetDiscoveryResult: {
            /** @description The discovery document's issuer. */
            issuer?: string | null;
            /** @description The discovery document's authorization_endpoint. */
            authorization_endpoint?: string | null;
            /** @description The discovery document's token_endpoint. */
            token_endpoint?: string | null;
            /** @description The discovery document's revocation_endpoint. */
            token_revocation_endpoint?: string | null;
            /** @description The discovery document's userinfo_endpoint. */
            user_info_endpoint?: string | null;
            /** @description The discovery document's client_info_endpoint. */
            client_info_endpoint?: string | null;
            /** @description The discovery document's check_session_iframe. */
            check_session_iframe?: string | null;
            /** @description The discovery document's end_session_endpoint. */
            end_session_endpoint?: string | null;
            /** @description The discovery document's jwks_uri. */
            jwks_uri?: string | null;
            /** @description The discovery document's registration_endpoint. */
            registration_endpoint?: string | null;
            /** @description The discovery document's id_generation_endpoint. */
            id_generation_endpoint?: string | null;
            /** @description The discovery document's introspection_endpoint. */
            introspection_endpoint?: string | null;
            /** @description The discovery document's scopes_supported. */
            scopes_supported?: string[] | null;
            /** @description The discovery document's response_types_supported. */
            response_types_supported?: string[] | null;
            /** @description The discovery document's grant_types_supported. */
            grant_types_supported?: string[] | null;
            /** @description The discovery document's acr_values_supported. */
            acr_values_supported?: string[] | null;
            /** @description The discovery document's subject_types_supported. */
            subject_types_supported?: string[] | null;
            /** @description The discovery document's userinfo_signing_alg_values_supported. */
            user_info_signing_alg_values_supported?: string[] | null;
            /** @description The discovery document's userinfo_encryption_alg_values_supported. */
            user_info_encryption_alg_values_supported?: string[] | null;
            /** @description The discovery document's userinfo_encryption_enc_values_supported. */
            user_info_encryption_enc_values_supported?: string[] | null;
            /** @description The discovery document's id_token_signing_alg_values_supported. */
            id_token_signing_alg_values_supported?: string[] | null;
            /** @description The discovery document's id_token_encryption_alg_values_supported. */
            id_token_encryption_alg_values_supported?: string[] | null;
            /** @description The discovery document's id_token_encryption_enc_values_supported. */
            id_token_encryption_enc_values_supported?: string[] | null;
            /** @description The discovery document's request_object_signing_alg_values_supported. */
            request_object_signing_alg_values_supported?: string[] | null;
            /** @description The discovery document's request_object_encryption_alg_values_supported. */
            request_object_encryption_alg_values_supported?: string[] | null;
            /** @description The discovery document's request_object_encryption_enc_values_supported. */
            request_object_encryption_enc_values_supported?: string[] | null;
            /** @description The discovery document's token_endpoint_auth_methods_supported. */
            token_endpoint_auth_methods_supported?: string[] | null;
            /** @description The discovery document's token_endpoint_auth_signing_alg_values_supported. */
            token_endpoint_auth_signing_alg_values_supported?: string[] | null;
            /** @description The discovery document's display_values_supported. */
            display_values_supported?: string[] | null;
            /** @description The discovery document's claim_types_supported. */
            claim_types_supported?: string[] | null;
            /** @description The discovery document's claims_supported. */
            claims_supported?: string[] | null;
            /** @description The discovery document's id_token_token_binding_cnf_values_supported. */
            id_token_token_binding_cnf_values_supported?: string[] | null;
            /** @description The discovery document's service_documentation. */
            service_documentation?: string | null;
            /** @description The discovery document's claims_locales_supported. */
            claims_locales_supported?: string[] | null;
            /** @description The discovery document's ui_locales_supported. */
            ui_locales_supported?: string[] | null;
            /** @description The discovery document's claims_parameter_supported. */
            claims_parameter_supported?: boolean | null;
            /** @description The discovery document's request_parameter_supported. */
            request_parameter_supported?: boolean | null;
            /** @description The discovery document's request_uri_parameter_supported. */
            request_uri_parameter_supported?: boolean | null;
            /** @description The discovery document's require_request_uri_registration. */
            require_request_uri_registration?: boolean | null;
            /** @description The discovery document's tls_client_certificate_bound_access_tokens. */
            tls_client_certificate_bound_access_tokens?: boolean | null;
            /** @description The discovery document's frontchannel_logout_supported. */
            front_channel_logout_supported?: boolean | null;
            /** @description The discovery document's frontchannel_logout_session_supported. */
            front_channel_logout_session_supported?: boolean | null;
            /** @description The discovery document's op_policy_uri. */
            op_policy_uri?: string | null;
            /** @description The discovery document's op_tos_uri. */
            op_tos_uri?: string | null;
            /** @description The discovery document's scope_to_claims_mapping. */
            scope_to_claims_mapping?: {
                [key: string]: string[];
            } | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Finds the user's OP by WebFinger and checks it is the OP named (op_configuration_endpoint or op_host) (oxd 4.x get-issuer). */
        GetIssuerParams: {
            /** @description URL of the OP's discovery document (https://op.example.com/.well-known/openid-configuration); preferred over op_host. */
            op_configuration_endpoint?: string | number | boolean | null;
            /** @description Issuer URL of the OP (oxd 4.x: deprecated for op_configuration_endpoint); default_op_host when absent. */
            op_host?: string | number | boolean | null;
            /** @description Path of the discovery document under op_host when not /.well-known/openid-configuration. */
            op_discovery_path?: string | number | boolean | null;
            /** @description The user's identifier to discover the issuer of: acct:user@host, user@host or an https URL (OpenID Connect Discovery 1.0 §2). */
            resource?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        GetIssuerResult: {
            /** @description The JRD's subject: the normalised resource. */
            subject: string;
            /** @description The JRD's links (rel and href of each). */
            links: ({
                /** @description http://openid.net/specs/connect/1.0/issuer for an issuer link. */
                rel: string;
                /** @description The issuer. */
                href: string;
            } & {
                [key: string]: unknown;
            })[];
        } & {
            [key: string]: unknown;
        };
        /** @description The OP's signing keys (JWKS), from the server's key cache (oxd 4.x get-jwks). */
        GetJwksParams: {
            /** @description URL of the OP's discovery document (https://op.example.com/.well-known/openid-configuration); preferred over op_host. */
            op_configuration_endpoint?: string | number | boolean | null;
            /** @description Issuer URL of the OP (oxd 4.x: deprecated for op_configuration_endpoint); default_op_host when absent. */
            op_host?: string | number | boolean | null;
            /** @description Path of the discovery document under op_host when not /.well-known/openid-configuration. */
            op_discovery_path?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        GetJwksResult: {
            /** @description The keys of the OP's jwks_uri. */
            keys: {
                [key: string]: string | number | boolean | string[];
            }[];
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
            /** @description Sent to the OP as state; it gives it back on the redirect to post_logout_redirect_uri. */
            state?: string | null;
            /** @description Sent to the OP as session_state (OpenID Connect Session Management). */
            session_state?: string | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        GetLogoutUriResult: {
            /** @description The OP's end-session URL with id_token_hint, post_logout_redirect_uri, state and session_state (those known): send the user's browser there. */
            uri: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The request object: a JWT (compact serialisation). */
        GetRequestObjectResult: string;
        /** @description Builds, signs and keeps a request object for the site, and returns its request_uri (oxd 4.x). */
        GetRequestObjectUriParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description Claims of the request object (scope, redirect_uri, state, nonce, claims…); iss, aud, client_id, oxd_id, jti, iat and exp are the server's and cannot be set. */
            params?: Record<string, never> | null;
            /** @description How the request object is signed: none, HS256/384/512 (the client secret), RS256/384/512, PS256/384/512, ES256/384/512 (the server's keys, get_rp_jwks); the site's request_object_signing_alg when absent. */
            request_object_signing_alg?: string | number | boolean | null;
            /** @description The public URL of this server's 4.x REST API: the request_uri is <oxd_host_url>/get-request-object/<id> (https:// added without a scheme). */
            oxd_host_url?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        GetRequestObjectUriResult: {
            /** @description Where the OP fetches the request object; pass it to the OP. */
            request_uri: string;
        } & {
            [key: string]: unknown;
        };
        GetRpJwksResult: {
            /** @description Public JWKs (kid, alg, use sig): the current period's and the previous one's. */
            keys: {
                [key: string]: string | number | boolean | string[];
            }[];
        } & {
            [key: string]: unknown;
        };
        /** @description The site's registration as this server keeps it, without secrets (oxd 4.x get-rp). */
        GetRpParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description oxd 4.x lists every site of the server with list: true; this server refuses it (one caller may not see other tenants' sites). */
            list?: boolean | ("true" | "false") | number | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        GetRpResult: {
            /** @description The site by oxd 4.x's Rp field names (oxd_id, op_host, client_id, redirect_uri, scope, response_types, …); secrets and tokens (client_secret, client_registration_access_token, id_token, pat, rpt…) are never included. */
            node: {
                [key: string]: string | number | boolean | null | string[];
            };
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
        GetTokensByCodeResult: {
            /** @description The user's access token (get_user_info takes it). */
            access_token: string;
            /** @description Seconds the access token lives; -1 when the OP does not say (as oxd 3.1 answers). */
            expires_in: number;
            /** @description For get_access_token_by_refresh_token; null when the OP issued none. */
            refresh_token: string | null;
            /** @description The ID token (a JWT), validated; kept as the site's last one for get_logout_uri's id_token_hint. */
            id_token: string;
            /** @description The validated ID token's claims as the token carries them (oxd 4.x). */
            id_token_claims: Record<string, never>;
        } & {
            [key: string]: unknown;
        };
        /** @description Fetches the user's claims from the OP's userinfo endpoint. */
        GetUserInfoParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The user's access token; without one (or with one the OP refuses) the claims are {}. */
            access_token?: string | null;
            /** @description oxd 4.x: the ID token of the sign-in the access token came with; the userinfo answer must be about its sub (else invalid_subject_identifier). */
            id_token?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        /** @description The OP's userinfo answer as it came (claims with their own JSON values); {} when the OP refused the token. */
        GetUserInfoResult: Record<string, never>;
        HealthCheck: {
            /** @enum {string} */
            application: "oxd";
            version: string;
            /** @enum {string} */
            status: "running";
        };
        /** @description Test helper (test_helpers_enabled): as authorization_code_flow, without acr (oxd 4.x implicit-flow, which despite its name runs a code flow). */
        ImplicitFlowParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The client's registered redirect URI. */
            redirect_url: string | number | boolean;
            /** @description The client to log in for (not necessarily the site's). */
            client_id: string | number | boolean;
            /** @description Its secret (client_secret_basic at the token endpoint). */
            client_secret: string | number | boolean;
            /** @description The user's name at the OP. */
            user_id: string | number | boolean;
            /** @description The user's password at the OP. */
            user_secret: string | number | boolean;
            /** @description Scopes, space-separated; openid when absent. */
            scope?: string | number | boolean | null;
            /** @description The nonce of the request (random when absent). */
            nonce?: string | number | boolean | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        ImplicitFlowResult: {
            /** @description The access token the OP issued. */
            access_token: string;
            /** @description The OP's expires_in; null when it gave none. */
            expires_in_seconds: number | null;
            /** @description The refresh token; null when the OP gave none. */
            refresh_token: string | null;
            /** @description The code the login returned (already exchanged). */
            authorization_code: string;
            /** @description The granted scope, as the token answer gives it. */
            scope: string | null;
            /** @description The ID token (validated: signature, issuer, audience, nonce); null when the OP gave none. */
            id_token: string | null;
        } & {
            [key: string]: unknown;
        };
        InitiateThirdPartyLoginResult: {
            /** @description The OP's authorization endpoint with the site's request (state, nonce and PKCE as get_authorization_url's, and login_hint): send the user's browser there. */
            authorization_url: string;
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
        IntrospectAccessTokenResult: {
            /** @description Whether the token is active (RFC 7662): issued by this OP, not expired, not revoked. When false, the OP usually says nothing more. */
            active: boolean;
            /** @description The token's scopes (the older name; the same as scope). */
            scopes: string[] | null;
            /** @description The token's scopes, as a list. */
            scope: string[] | null;
            /** @description The client the token was issued to; null when the OP gave none. */
            client_id: string | null;
            /** @description A human-readable name of the user who authorised the token; null when the OP gave none. */
            username: string | null;
            /** @description The token's type, e.g. bearer; null when the OP gave none. */
            token_type: string | null;
            /** @description When the token expires, in seconds since 1970; null when the OP gave none. */
            exp: number | null;
            /** @description When the token was issued, in seconds since 1970; null when the OP gave none. */
            iat: number | null;
            /** @description The subject of the token, usually the user's identifier at the OP; null when the OP gave none. */
            sub: string | null;
            /** @description The audience the token is meant for; null when the OP gave none. */
            aud: string | null;
            /** @description The issuer of the token; null when the OP gave none. */
            iss: string | null;
            /** @description The token's identifier; null when the OP gave none. */
            jti: string | null;
            /** @description The authentication context class the user signed in with (a Gluu extension); null when the OP gave none. */
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
        IntrospectRptResult: {
            /** @description Whether the RPT is active: false for an unknown, expired or revoked one (the other fields are then null). */
            active: boolean;
            /** @description When the RPT expires, in seconds since 1970; null when the AS gave none. */
            exp: number | null;
            /** @description When the RPT was issued, in seconds since 1970; null when the AS gave none. */
            iat: number | null;
            /** @description Not to be used before, in seconds since 1970; null when the AS gave none. */
            nbf: number | null;
            /** @description What the RPT grants: one entry per resource; null when the AS gave none. */
            permissions: ({
                /** @description The resource's id at the AS (uma_rs_protect registered it); null when the AS gave none. */
                resource_id: string | null;
                /** @description The scopes granted on that resource; null when the AS gave none. */
                resource_scopes: string[] | null;
                /** @description When this permission expires, in seconds since 1970; null when the AS gave none. */
                exp: number | null;
            } & {
                [key: string]: unknown;
            })[] | null;
            /** @description The client the RPT was issued to; null when the AS gave none. */
            client_id: string | null;
            /** @description The requesting party the RPT was issued for; null when the AS gave none. */
            sub: string | null;
            /** @description The audience of the RPT, one or a list, as the AS wrote it; null when the AS gave none. */
            aud: string | string[] | null;
            /** @description The issuer of the RPT (the AS); null when the AS gave none. */
            iss: string | null;
            /** @description The RPT's identifier; null when the AS gave none. */
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
            /** @description oxd 4.x: the URL of the OP's discovery document, instead of op_host (and op_discovery_path); it wins over them. */
            op_configuration_endpoint?: string | number | boolean | null;
            /** @description Where the OP may send the user after logout (registered as post_logout_redirect_uris); default_post_logout_redirect_uri when absent. get_logout_uri uses it when given none. */
            post_logout_redirect_uri?: string | number | boolean | null;
            /** @description web or native (OpenID Connect Dynamic Client Registration); default_application_type when absent. */
            application_type?: string | number | boolean | null;
            /** @description The response types the client uses, e.g. ["code"]; default_response_types when absent. */
            response_types?: (string | number | boolean)[] | string | null;
            /** @description The grant types the client may use, e.g. ["authorization_code", "refresh_token"]; default_grant_types when absent. */
            grant_types?: (string | number | boolean)[] | string | null;
            /** @description Scopes registered for the client and asked for by get_authorization_url when it names none, e.g. ["openid", "profile"]; default_scope when absent. An empty result is invalid_scope. */
            scope?: (string | number | boolean)[] | string | null;
            /** @description Authentication context classes to ask the OP for by default (registered as default_acr_values), e.g. ["basic"]; default_acr_values when absent. */
            acr_values?: (string | number | boolean)[] | string | null;
            /** @description The client's name at the OP, shown to users; oxd client for rp: <oxd_id> when absent. */
            client_name?: string | number | boolean | null;
            /** @description URL of the client's JSON Web Key Set (registered as jwks_uri), for OPs that encrypt to it or verify its signed requests. */
            client_jwks_uri?: string | number | boolean | null;
            /** @description How the client authenticates at the token endpoint, sent to the OP and used for token, refresh and introspection calls: client_secret_basic, client_secret_post, client_secret_jwt or none (a public client: no secret, PKCE S256). Default: default_token_endpoint_auth_method. */
            client_token_endpoint_auth_method?: string | number | boolean | null;
            /** @description The JWS algorithm of the client's token-endpoint authentication JWT (token_endpoint_auth_signing_alg): none, HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384 or ES512; another is invalid_algorithm. */
            client_token_endpoint_auth_signing_alg?: string | number | boolean | null;
            /** @description request_uri values the client may use (registered as request_uris). */
            client_request_uris?: (string | number | boolean)[] | string | null;
            /** @description The client's front-channel logout URL (OpenID Connect Front-Channel Logout): the first is registered as frontchannel_logout_uri. */
            client_frontchannel_logout_uris?: (string | number | boolean)[] | string | null;
            /** @description The oxd 3.0 name of client_frontchannel_logout_uris, used when that is absent. */
            client_logout_uris?: (string | number | boolean)[] | string | null;
            /** @description URL of the sector identifier document, for pairwise subject identifiers (registered as sector_identifier_uri); of a list, the first. */
            client_sector_identifier_uri?: string | number | boolean | (string | number | boolean)[] | null;
            /** @description E-mail addresses of the people responsible for the client; default_contacts when absent. */
            contacts?: (string | number | boolean)[] | string | null;
            /** @description Preferred languages of the user interface (BCP 47 tags, e.g. ["en", "fr-CA"]); kept with the site, not sent to the OP (as oxd 3.1 does). */
            ui_locales?: (string | number | boolean)[] | string | null;
            /** @description Preferred languages of the claims returned (BCP 47 tags); kept with the site, not sent to the OP (as oxd 3.1 does). */
            claims_locales?: (string | number | boolean)[] | string | null;
            /** @description UMA: the URLs the authorization server may send the user back to after claims gathering (registered as claims_redirect_uri); uma_rp_get_claims_gathering_url names one of them. */
            claims_redirect_uri?: (string | number | boolean)[] | string | null;
            /** @description Use this existing client instead of registering one, with client_secret; without client_secret it is ignored and a client is registered (as oxd 3.1 does). */
            client_id?: string | number | boolean | null;
            /** @description The secret of the existing client named by client_id: with both, no client is registered. */
            client_secret?: string | number | boolean | null;
            /** @description The registration access token (RFC 7592) of the existing client given by client_id and client_secret; update_site needs it. */
            client_registration_access_token?: string | number | boolean | null;
            /** @description The client configuration URL (RFC 7592) of the existing client given by client_id and client_secret; update_site needs it. */
            client_registration_client_uri?: string | number | boolean | null;
            /** @description true: registered with oxAuthTrustedClient (a Gluu OP then skips the consent page); other OPs ignore it. */
            trusted_client?: boolean | ("true" | "false") | number | null;
            /** @description The application's language, kept with the site (as oxd 3.1 does); never sent to the OP. */
            oxd_rp_programming_language?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as access_token_as_jwt (client registration) and kept with the site. */
            access_token_as_jwt?: boolean | ("true" | "false") | number | null;
            /** @description oxd 4.x: sent to the OP as access_token_signing_alg (client registration) and kept with the site. */
            access_token_signing_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as rpt_as_jwt (client registration) and kept with the site. */
            rpt_as_jwt?: boolean | ("true" | "false") | number | null;
            /** @description oxd 4.x: sent to the OP as logo_uri (client registration) and kept with the site. */
            logo_uri?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as client_uri (client registration) and kept with the site. */
            client_uri?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as policy_uri (client registration) and kept with the site. */
            policy_uri?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as tos_uri (client registration) and kept with the site. */
            tos_uri?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as subject_type (client registration) and kept with the site. */
            subject_type?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as id_token_signed_response_alg (client registration) and kept with the site. */
            id_token_signed_response_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as id_token_encrypted_response_alg (client registration) and kept with the site. */
            id_token_encrypted_response_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as id_token_encrypted_response_enc (client registration) and kept with the site. */
            id_token_encrypted_response_enc?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as userinfo_signed_response_alg (client registration) and kept with the site. */
            user_info_signed_response_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as userinfo_encrypted_response_alg (client registration) and kept with the site. */
            user_info_encrypted_response_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as userinfo_encrypted_response_enc (client registration) and kept with the site. */
            user_info_encrypted_response_enc?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as request_object_signing_alg (client registration) and kept with the site. */
            request_object_signing_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as request_object_encryption_alg (client registration) and kept with the site. */
            request_object_encryption_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as request_object_encryption_enc (client registration) and kept with the site. */
            request_object_encryption_enc?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as default_max_age (client registration) and kept with the site. */
            default_max_age?: number | null;
            /** @description oxd 4.x: sent to the OP as require_auth_time (client registration) and kept with the site. */
            require_auth_time?: boolean | ("true" | "false") | number | null;
            /** @description oxd 4.x: sent to the OP as initiate_login_uri (client registration) and kept with the site. */
            initiate_login_uri?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as authorized_origins (client registration) and kept with the site. */
            authorized_origins?: (string | number | boolean)[] | string | null;
            /** @description oxd 4.x: sent to the OP as access_token_lifetime (client registration) and kept with the site. */
            access_token_lifetime?: number | null;
            /** @description oxd 4.x: sent to the OP as software_id (client registration) and kept with the site. */
            software_id?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as software_version (client registration) and kept with the site. */
            software_version?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as software_statement (client registration) and kept with the site. */
            software_statement?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as tls_client_auth_subject_dn (client registration) and kept with the site. */
            tls_client_auth_subject_dn?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as id_token_token_binding_cnf (client registration) and kept with the site. */
            id_token_binding_cnf?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as run_introspection_script_before_access_token_as_jwt_creation_and_include_claims (client registration) and kept with the site. */
            run_introspection_script_beforeaccess_token_as_jwt_creation_and_include_claims?: boolean | ("true" | "false") | number | null;
            /** @description oxd 4.x: sent to the OP as allow_spontaneous_scopes (client registration) and kept with the site. */
            allow_spontaneous_scopes?: boolean | ("true" | "false") | number | null;
            /** @description oxd 4.x: sent to the OP as spontaneous_scopes (client registration) and kept with the site. */
            spontaneous_scopes?: (string | number | boolean)[] | string | null;
            /** @description oxd 4.x: the client's public JSON Web Key Set by value (JSON text, as 4.x takes it, or an object), sent as jwks; not with client_jwks_uri (OpenID Connect Dynamic Client Registration §2). A key with private members is refused. */
            jwks?: string | number | boolean | Record<string, never> | null;
            /** @description oxd 4.x: further registration members, each sent as given (a Gluu OP keeps them as the client's custom attributes). A name the registration has a param for (redirect_uris, grant_types, scope…) or oxAuthTrustedClient (use trusted_client) is refused with bad_request. */
            custom_attributes?: {
                [key: string]: string | number | boolean | null;
            } | null;
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
        RegisterSiteResult: {
            /** @description Identifies the site in every later command. */
            oxd_id: string;
            /** @description The op_host the site is registered at, as given. */
            op_host: string;
            /** @description The site's client at the OP; get_client_token with it and client_secret gives the site's token. */
            client_id: string;
            client_name: string | null;
            /** @description The client's secret (keep it secret). */
            client_secret: string | null;
            /** @description RFC 7592. */
            client_registration_access_token: string | null;
            /** @description RFC 7592. */
            client_registration_client_uri: string | null;
            /** @description Seconds since the epoch, 0 when unknown. */
            client_id_issued_at: number;
            /** @description Seconds since the epoch, 0 for never. */
            client_secret_expires_at: number;
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
        RemoveSiteResult: {
            /** @description The oxd_id removed; it no longer works. */
            oxd_id: string;
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
        UmaRpGetClaimsGatheringUrlResult: {
            /** @description The AS's claims-gathering page (claims_interaction_endpoint) with client_id, ticket, claims_redirect_uri and state: send the user's browser there. */
            url: string;
            /** @description The state in that URL: the AS gives it back on the redirect to claims_redirect_uri, with a new ticket; pass both to uma_rp_get_rpt. */
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
            /** @description A token of claims about the requesting party pushed to the AS (e.g. the user's ID token), with claim_token_format. */
            claim_token?: string | null;
            /** @description The format of claim_token, e.g. http://openid.net/specs/openid-connect-core-1_0.html#IDToken (the AS requires it with claim_token) */
            claim_token_format?: string | null;
            /** @description A persisted claims token from an earlier RPT. */
            pct?: string | null;
            /** @description An RPT to upgrade. */
            rpt?: string | null;
            /** @description Scopes to ask for besides those the ticket names. */
            scope?: (string | number | boolean)[] | string | null;
            /** @description The state from uma_rp_get_claims_gathering_url, when coming back from claims gathering. */
            state?: string | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        UmaRpGetRptResult: {
            /** @description The RPT: the requesting party's token, sent to the resource server as Authorization: Bearer <it>. */
            access_token: string;
            /** @description As the AS wrote it (Bearer when it wrote none). */
            token_type: string;
            /** @description A persisted claims token for a later uma_rp_get_rpt (its pct param); null when the AS issued none. */
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
            /** @description oxd 4.x: the scopes this request needs, any one of which opens it, in place of the resource's scopes or scope_expression; the permission ticket asks for them too. Absent or empty: the resource's. */
            scopes?: (string | number | boolean)[] | string | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        UmaRsCheckAccessResult: {
            /**
             * @description granted: let the request through. denied: refuse it; when www-authenticate_header and ticket are given, answer 401 with that header, so the requester can get an RPT for the ticket (uma_rp_get_rpt).
             * @enum {string}
             */
            access: "granted" | "denied";
            /** @description For a denied request: the WWW-Authenticate header to answer with (401); null when granted. */
            "www-authenticate_header": string | null;
            /** @description For a denied request: the permission ticket; null when granted. */
            ticket: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Changes the scopes (or scope expression) of one protected resource of the site (oxd 4.x uma-rs-modify). */
        UmaRsModifyParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description A method the protected resource guards (GET, POST, …). */
            http_method: string | number | boolean;
            /** @description The protected path, as given to uma_rs_protect. */
            path: string | number | boolean;
            /** @description The resource's new scopes (any one grants access); ignored when scope_expression is given. */
            scopes?: (string | number | boolean)[] | string | null;
            /** @description A JsonLogic scope expression {"rule": …, "data": [scopes]} — as JSON text (oxd 4.x) or an object — replacing the scopes; "null" or empty: none. */
            scope_expression?: string | number | boolean | ({
                /** @description A JsonLogic rule; {"var": i} stands for "the RPT grants data[i]". */
                rule: unknown;
                /** @description The scopes the rule refers to, by index. */
                data: string[];
            } & {
                [key: string]: unknown;
            }) | null;
            /** @description Token from get_client_token for the setup client; required when protection is on (always on REST). */
            protection_access_token?: string | number | boolean | null;
        } & {
            [key: string]: unknown;
        };
        UmaRsModifyResult: {
            /** @description The site whose protected resource was changed. */
            oxd_id: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Registers the site's protected resources at the UMA authorization server. */
        UmaRsProtectParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The resources to protect: each a path and its conditions. */
            resources: ({
                /** @description The path as the resource server sees it, e.g. /photo. */
                path: string;
                /** @description Who may do what on the path: each condition names HTTP methods and the scopes (or scope_expression) they need. */
                conditions: ({
                    /** @description Methods this condition guards (GET, POST, PUT, DELETE, …); each at most once per path. */
                    httpMethods: string[];
                    /** @description Any one of these scopes grants access ("or" rule). */
                    scopes?: string[] | null;
                    /** @description Scopes a denied check asks the ticket for; the scopes when absent. */
                    ticketScopes?: string[] | null;
                    /** @description Instead of scopes: a JsonLogic rule over scopes (Gluu extension). */
                    scope_expression?: ({
                        /** @description A JsonLogic rule; {"var": i} stands for "the RPT grants data[i]". */
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
        UmaRsProtectResult: {
            /** @description The oxd_id whose resources are now protected. */
            oxd_id: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Changes the site's registration at the OP (RFC 7592), then here; a site whose client was given with client_id (no registration_client_uri) cannot be updated. */
        UpdateSiteParams: {
            /** @description The oxd_id returned by register_site (or setup_client). */
            oxd_id: string | number | boolean;
            /** @description The redirect URI to register in place of the site's (the OP judges it); the other registered ones stay. */
            authorization_redirect_uri?: string | number | boolean | null;
            /** @description The further redirect URIs (replacing those registered), with post_logout_redirect_uri among them when given, as oxd 3.1 does. */
            redirect_uris?: (string | number | boolean)[] | string | null;
            /** @description The URL the OP may send the user to after logout, in place of the site's. */
            post_logout_redirect_uri?: string | number | boolean | null;
            /** @description The client's front-channel logout URL: the first is registered as frontchannel_logout_uri. */
            client_frontchannel_logout_uris?: (string | number | boolean)[] | string | null;
            /** @description The oxd 3.0 name of client_frontchannel_logout_uris, used when that is absent. */
            client_logout_uris?: (string | number | boolean)[] | string | null;
            /** @description The response types the client uses, e.g. ["code"]. */
            response_types?: (string | number | boolean)[] | string | null;
            /** @description The name oxd 3.1's documentation gives response_types; used when that is absent. */
            response_type?: (string | number | boolean)[] | string | null;
            /** @description The grant types the client may use, e.g. ["authorization_code", "refresh_token"]. */
            grant_types?: (string | number | boolean)[] | string | null;
            /** @description The scopes to register for the client, in place of the site's. */
            scope?: (string | number | boolean)[] | string | null;
            /** @description The authentication context classes to ask for by default (default_acr_values), in place of the site's. */
            acr_values?: (string | number | boolean)[] | string | null;
            /** @description The client's name at the OP, shown to users. */
            client_name?: string | number | boolean | null;
            /** @description Requested client lifetime (milliseconds since 1970, as oxd documents it). */
            client_secret_expires_at?: number | null;
            /** @description URL of the client's JSON Web Key Set (registered as jwks_uri). */
            client_jwks_uri?: string | number | boolean | null;
            /** @description How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, client_secret_jwt or none; the site's when absent. */
            client_token_endpoint_auth_method?: string | number | boolean | null;
            /** @description The JWS algorithm of the client's token-endpoint authentication JWT: none, HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384 or ES512. */
            client_token_endpoint_auth_signing_alg?: string | number | boolean | null;
            /** @description request_uri values the client may use (registered as request_uris). */
            client_request_uris?: (string | number | boolean)[] | string | null;
            /** @description URL of the sector identifier document, for pairwise subject identifiers; of a list, the first. */
            client_sector_identifier_uri?: string | number | boolean | (string | number | boolean)[] | null;
            /** @description E-mail addresses of the people responsible for the client. */
            contacts?: (string | number | boolean)[] | string | null;
            /** @description Preferred languages of the user interface (BCP 47 tags); kept with the site, not sent to the OP. */
            ui_locales?: (string | number | boolean)[] | string | null;
            /** @description Preferred languages of the claims returned (BCP 47 tags); kept with the site, not sent to the OP. */
            claims_locales?: (string | number | boolean)[] | string | null;
            /** @description oxd 4.x: UMA's claims-gathering redirect URIs to register in place of the site's (UpdateSiteOperation.java:142-144); the registered ones stay when absent. */
            claims_redirect_uri?: (string | number | boolean)[] | string | null;
            /** @description oxd 4.x: sent to the OP as access_token_as_jwt (client registration) and kept with the site. */
            access_token_as_jwt?: boolean | ("true" | "false") | number | null;
            /** @description oxd 4.x: sent to the OP as access_token_signing_alg (client registration) and kept with the site. */
            access_token_signing_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as rpt_as_jwt (client registration) and kept with the site. */
            rpt_as_jwt?: boolean | ("true" | "false") | number | null;
            /** @description oxd 4.x: sent to the OP as logo_uri (client registration) and kept with the site. */
            logo_uri?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as client_uri (client registration) and kept with the site. */
            client_uri?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as policy_uri (client registration) and kept with the site. */
            policy_uri?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as tos_uri (client registration) and kept with the site. */
            tos_uri?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as subject_type (client registration) and kept with the site. */
            subject_type?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as id_token_signed_response_alg (client registration) and kept with the site. */
            id_token_signed_response_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as id_token_encrypted_response_alg (client registration) and kept with the site. */
            id_token_encrypted_response_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as id_token_encrypted_response_enc (client registration) and kept with the site. */
            id_token_encrypted_response_enc?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as userinfo_signed_response_alg (client registration) and kept with the site. */
            user_info_signed_response_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as userinfo_encrypted_response_alg (client registration) and kept with the site. */
            user_info_encrypted_response_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as userinfo_encrypted_response_enc (client registration) and kept with the site. */
            user_info_encrypted_response_enc?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as request_object_signing_alg (client registration) and kept with the site. */
            request_object_signing_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as request_object_encryption_alg (client registration) and kept with the site. */
            request_object_encryption_alg?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as request_object_encryption_enc (client registration) and kept with the site. */
            request_object_encryption_enc?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as default_max_age (client registration) and kept with the site. */
            default_max_age?: number | null;
            /** @description oxd 4.x: sent to the OP as require_auth_time (client registration) and kept with the site. */
            require_auth_time?: boolean | ("true" | "false") | number | null;
            /** @description oxd 4.x: sent to the OP as initiate_login_uri (client registration) and kept with the site. */
            initiate_login_uri?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as authorized_origins (client registration) and kept with the site. */
            authorized_origins?: (string | number | boolean)[] | string | null;
            /** @description oxd 4.x: sent to the OP as access_token_lifetime (client registration) and kept with the site. */
            access_token_lifetime?: number | null;
            /** @description oxd 4.x: sent to the OP as software_id (client registration) and kept with the site. */
            software_id?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as software_version (client registration) and kept with the site. */
            software_version?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as software_statement (client registration) and kept with the site. */
            software_statement?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as tls_client_auth_subject_dn (client registration) and kept with the site. */
            tls_client_auth_subject_dn?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as id_token_token_binding_cnf (client registration) and kept with the site. */
            id_token_binding_cnf?: string | number | boolean | null;
            /** @description oxd 4.x: sent to the OP as run_introspection_script_before_access_token_as_jwt_creation_and_include_claims (client registration) and kept with the site. */
            run_introspection_script_beforeaccess_token_as_jwt_creation_and_include_claims?: boolean | ("true" | "false") | number | null;
            /** @description oxd 4.x: sent to the OP as allow_spontaneous_scopes (client registration) and kept with the site. */
            allow_spontaneous_scopes?: boolean | ("true" | "false") | number | null;
            /** @description oxd 4.x: sent to the OP as spontaneous_scopes (client registration) and kept with the site. */
            spontaneous_scopes?: (string | number | boolean)[] | string | null;
            /** @description oxd 4.x: the client's public JSON Web Key Set by value (JSON text, as 4.x takes it, or an object), sent as jwks; not with client_jwks_uri (OpenID Connect Dynamic Client Registration §2). A key with private members is refused. */
            jwks?: string | number | boolean | Record<string, never> | null;
            /** @description oxd 4.x: further registration members, each sent as given (a Gluu OP keeps them as the client's custom attributes). A name the registration has a param for (redirect_uris, grant_types, scope…) or oxAuthTrustedClient (use trusted_client) is refused with bad_request. */
            custom_attributes?: {
                [key: string]: string | number | boolean | null;
            } | null;
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
        UpdateSiteResult: {
            /** @description The oxd_id of the updated site. */
            oxd_id: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    get_request_object: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_object_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result of get_request_object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_rp_jwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result of get_rp_jwks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetRpJwksResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
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
            /** @description The result of get_client_token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetClientTokenResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    introspect_access_token: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntrospectAccessTokenParams"];
            };
        };
        responses: {
            /** @description The result of introspect_access_token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntrospectAccessTokenResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    introspect_rpt: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntrospectRptParams"];
            };
        };
        responses: {
            /** @description The result of introspect_rpt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntrospectRptResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
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
            /** @description The result of register_site. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterSiteResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    update_site: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSiteParams"];
            };
        };
        responses: {
            /** @description The result of update_site. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdateSiteResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    remove_site: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RemoveSiteParams"];
            };
        };
        responses: {
            /** @description The result of remove_site. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RemoveSiteResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_authorization_url: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetAuthorizationUrlParams"];
            };
        };
        responses: {
            /** @description The result of get_authorization_url. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetAuthorizationUrlResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_authorization_code: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetAuthorizationCodeParams"];
            };
        };
        responses: {
            /** @description The result of get_authorization_code. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetAuthorizationCodeResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_tokens_by_code: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetTokensByCodeParams"];
            };
        };
        responses: {
            /** @description The result of get_tokens_by_code. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetTokensByCodeResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_user_info: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetUserInfoParams"];
            };
        };
        responses: {
            /** @description The result of get_user_info. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetUserInfoResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_logout_uri: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetLogoutUriParams"];
            };
        };
        responses: {
            /** @description The result of get_logout_uri. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetLogoutUriResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_access_token_by_refresh_token: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetAccessTokenByRefreshTokenParams"];
            };
        };
        responses: {
            /** @description The result of get_access_token_by_refresh_token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetAccessTokenByRefreshTokenResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    uma_rs_protect: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UmaRsProtectParams"];
            };
        };
        responses: {
            /** @description The result of uma_rs_protect. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UmaRsProtectResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    uma_rs_modify: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UmaRsModifyParams"];
            };
        };
        responses: {
            /** @description The result of uma_rs_modify. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UmaRsModifyResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    uma_rs_check_access: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UmaRsCheckAccessParams"];
            };
        };
        responses: {
            /** @description The result of uma_rs_check_access. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UmaRsCheckAccessResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    uma_rp_get_rpt: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UmaRpGetRptParams"];
            };
        };
        responses: {
            /** @description The result of uma_rp_get_rpt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UmaRpGetRptResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    uma_rp_get_claims_gathering_url: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UmaRpGetClaimsGatheringUrlParams"];
            };
        };
        responses: {
            /** @description The result of uma_rp_get_claims_gathering_url. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UmaRpGetClaimsGatheringUrlResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    authorization_code_flow: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuthorizationCodeFlowParams"];
            };
        };
        responses: {
            /** @description The result of authorization_code_flow. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorizationCodeFlowResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    check_access_token: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckAccessTokenParams"];
            };
        };
        responses: {
            /** @description The result of check_access_token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckAccessTokenResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    check_id_token: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckIdTokenParams"];
            };
        };
        responses: {
            /** @description The result of check_id_token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckIdTokenResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_rp: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetRpParams"];
            };
        };
        responses: {
            /** @description The result of get_rp. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetRpResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_jwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetJwksParams"];
            };
        };
        responses: {
            /** @description The result of get_jwks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetJwksResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_discovery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetDiscoveryParams"];
            };
        };
        responses: {
            /** @description The result of get_discovery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetDiscoveryResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_issuer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetIssuerParams"];
            };
        };
        responses: {
            /** @description The result of get_issuer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetIssuerResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    get_request_object_uri: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetRequestObjectUriParams"];
            };
        };
        responses: {
            /** @description The result of get_request_object_uri. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetRequestObjectUriResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    implicit_flow: {
        parameters: {
            query?: never;
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImplicitFlowParams"];
            };
        };
        responses: {
            /** @description The result of implicit_flow. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImplicitFlowResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    initiate_third_party_login: {
        parameters: {
            query?: {
                iss?: string;
                login_hint?: string;
                target_link_uri?: string;
            };
            header?: {
                /** @description The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise). */
                AuthorizationOxdId?: string;
            };
            path: {
                oxd_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result of initiate_third_party_login. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InitiateThirdPartyLoginResult"];
                };
            };
            /** @description Bad params, or a body that is no JSON object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The OP failed or answered something unusable, or an unexpected failure. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
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
                    "application/json": components["schemas"]["HealthCheck"];
                };
            };
        };
    };
}
