/**
 * Every configuration key, once: its type, default and meaning. The schema, the loader, `--help` and the
 * README table all read this list. File keys are these names; environment variables are OXD_<NAME>
 * upper-cased; flags are --<name with dashes>. Keys of the default site begin with default_.
 */
export type KeyType = "string" | "int" | "number" | "bool" | "list"

export interface KeySpec {
  readonly name: string
  readonly type: KeyType
  readonly default: string | number | boolean | ReadonlyArray<string> | undefined
  readonly doc: string
}

export const configKeys = [
  { name: "bind_address", type: "string", default: "127.0.0.1", doc: "address every transport listens on" },
  { name: "port", type: "int", default: 8099, doc: "legacy TCP protocol port (oxd-server 3.x)" },
  {
    name: "database_url",
    type: "string",
    default: "file:.oxd/oxd.db",
    doc: "file:<path> (SQLite, created if absent, mode 0600), :memory:, libsql:// http(s):// ws(s):// (a libsql server: sqld, Turso; token in ?authToken=), or postgres://user:password@host:port/database (PostgreSQL: several instances share it)",
  },
  {
    name: "site_cache_seconds",
    type: "int",
    default: 5,
    doc: "longest time an instance reuses a site or its UMA resources read from the database: a change made through another instance is seen within this; 0 = read every time",
  },
  {
    name: "state_expiration_in_minutes",
    type: "number",
    default: 5,
    doc: "how long an authorization request (state, nonce, PKCE) stays usable; fractions allowed",
  },
  {
    name: "token_subject_max_age_in_seconds",
    type: "int",
    default: 86400,
    doc: "get_user_info: longest time the sub of the ID token an access token came with is remembered (in the database, shared by every instance) to refuse a userinfo answer about another subject; the token's expires_in (plus clock_skew_in_seconds) when shorter, this when the OP gives none",
  },
  {
    name: "refresh_token_subject_max_age_in_seconds",
    type: "int",
    default: 2592000,
    doc: "get_user_info: how long the sub of a refresh token's original ID token is remembered, so the access tokens it refreshes are bound to that sub too; each refresh renews it (30 days by default)",
  },
  {
    name: "protect_commands_with_access_token",
    type: "bool",
    default: false,
    doc: "TCP: require a protection_access_token of the site's setup client",
  },
  {
    name: "protection_scope",
    type: "list",
    default: ["oxd", "uma_protection"],
    doc: "scopes a protection_access_token must carry one of (oxd: what oxd 3.1 setups ask get_client_token for; uma_protection); setup_client registers the setup client with all of them, so each must be a scope the OP knows (leave out oxd for an OP without it)",
  },
  {
    name: "trusted_ca_file",
    type: "string",
    default: undefined,
    doc: "PEM file of extra CAs to trust for the OP's TLS certificate",
  },
  {
    name: "allowed_op_hosts",
    type: "list",
    default: [],
    doc: "OPs the server may call, for every request (each endpoint a discovery document names included): exact origins (https://op.example.com, https://127.0.0.1:9443) and wildcard hosts (https://*.example.com: its subdomains, not the domain itself); empty = any origin at a public address. A loopback, private, link-local, CGNAT, multicast or cloud-metadata address (literal or resolved) is refused unless its origin is written out here",
  },
  { name: "op_timeout_in_seconds", type: "int", default: 10, doc: "time limit of one call to the OP" },
  { name: "clock_skew_in_seconds", type: "int", default: 60, doc: "leeway for the OP's clock when checking exp/iat" },
  {
    name: "op_retries",
    type: "int",
    default: 1,
    doc: "retries (with jitter, within op_timeout_in_seconds) of an idempotent OP read — discovery, JWKS, userinfo, introspection — after a connection failure or a 5xx; never the token endpoint or registration",
  },
  {
    name: "op_breaker_failures",
    type: "int",
    default: 5,
    doc: "consecutive failures of an OP host (unreachable, timeout, 5xx) that open its circuit: calls then fail fast (internal_error, HTTP 502); 0 = no breaker",
  },
  {
    name: "op_breaker_cooldown_in_seconds",
    type: "int",
    default: 30,
    doc: "how long an open circuit fails fast before one probe call is let through",
  },
  {
    name: "protection_cache_seconds",
    type: "int",
    default: 60,
    doc: "longest time an OP's answer for a protection_access_token is reused (a revoked token is refused after at most this); 0 = introspect every call",
  },
  { name: "idle_timeout_in_seconds", type: "int", default: 300, doc: "TCP: close a connection idle this long" },
  { name: "max_connections", type: "int", default: 1024, doc: "TCP: concurrent connections accepted" },
  {
    name: "max_connections_per_address",
    type: "int",
    default: 256,
    doc: "TCP: concurrent connections accepted from one remote address (IPv6: one /64), so one client cannot hold every slot of max_connections; over it, or over max_connections, a connection gets one rate_limited error reply and is closed; 0 = no per-address cap",
  },
  {
    name: "frame_timeout_in_seconds",
    type: "int",
    default: 30,
    doc: "TCP: a message must arrive whole within this time of its first byte (a slow sender is answered with an error and closed)",
  },
  {
    name: "rate_limit_per_minute",
    type: "int",
    default: 0,
    doc: "TCP, REST, WebSocket: commands accepted per minute from one remote address (token bucket); over it: rate_limited (429); 0 = off",
  },
  {
    name: "rate_limit_burst",
    type: "int",
    default: 20,
    doc: "commands one remote address may send at once before rate_limit_per_minute applies",
  },
  {
    name: "rpt_cache_seconds",
    type: "int",
    default: 60,
    doc: "UMA: longest time an RPT introspection answer is reused (never past the RPT's exp)",
  },
  {
    name: "uma_realm",
    type: "string",
    default: "rs",
    doc: "UMA: realm named in the WWW-Authenticate header of denied checks",
  },
  {
    name: "support_google_logout",
    type: "bool",
    default: true,
    doc: "get_logout_uri: for a site whose op_host is https://accounts.google.com (no end_session_endpoint), answer Google's logout URL continuing to post_logout_redirect_uri, as oxd 3.1 does (its support-google-logout); false: no_end_session_endpoint_at_op",
  },
  { name: "rest_enabled", type: "bool", default: true, doc: "REST: serve the oxd-https-extension API (apps/server)" },
  { name: "rest_port", type: "int", default: 8443, doc: "REST: port of the HTTPS API" },
  {
    name: "rest_plain_http",
    type: "bool",
    default: false,
    doc: "REST: serve plain HTTP instead of HTTPS (only behind a TLS-terminating proxy)",
  },
  {
    name: "rest_tls_cert_file",
    type: "string",
    default: undefined,
    doc: "REST: PEM certificate (chain) of the HTTPS API; a self-signed one is generated when absent",
  },
  { name: "rest_tls_key_file", type: "string", default: undefined, doc: "REST: PEM private key of rest_tls_cert_file" },
  {
    name: "rest_tls_dir",
    type: "string",
    default: ".oxd/rest-tls",
    doc: "REST: where the generated self-signed certificate and key are kept",
  },
  { name: "rest_max_body_bytes", type: "int", default: 65536, doc: "REST: largest request body accepted (413 above)" },
  {
    name: "rest_cors_origins",
    type: "list",
    default: [],
    doc: "REST: browser origins allowed by CORS, e.g. https://app.example.com; * for any; empty: CORS off",
  },
  {
    name: "rest_error_status",
    type: "string",
    default: "reference",
    doc: "REST: HTTP status of an oxd error reply. reference (oxd-https-extension 3.1): 200 with the error envelope, as 3.1 REST clients expect; http: the error code's own status (400, 403, 429, 500, 502…) with the same envelope. Either way a missing Bearer is 403, a body that is no JSON object 400, an unknown path 404 (docs/compatibility.md §4)",
  },
  {
    name: "ws_enabled",
    type: "bool",
    default: true,
    doc: "WebSocket: serve the tRPC API over WebSocket (apps/server)",
  },
  { name: "ws_port", type: "int", default: 8445, doc: "WebSocket: port of the wss:// API" },
  {
    name: "ws_plain",
    type: "bool",
    default: false,
    doc: "WebSocket: serve plain ws:// instead of wss:// (only behind a TLS-terminating proxy)",
  },
  {
    name: "ws_tls_cert_file",
    type: "string",
    default: undefined,
    doc: "WebSocket: PEM certificate (chain) of the wss:// API; default: the REST API's certificate (configured or generated)",
  },
  {
    name: "ws_tls_key_file",
    type: "string",
    default: undefined,
    doc: "WebSocket: PEM private key of ws_tls_cert_file",
  },
  {
    name: "ws_max_message_bytes",
    type: "int",
    default: 65536,
    doc: "WebSocket: largest message accepted; a larger one closes the connection (1009)",
  },
  {
    name: "ws_max_buffered_bytes",
    type: "int",
    default: 1048576,
    doc: "WebSocket: replies and events queued to one connection before it counts as a slow consumer and is closed (1013)",
  },
  {
    name: "tls_min_version",
    type: "string",
    default: "TLSv1.2",
    doc: "REST, WebSocket: oldest TLS version accepted, TLSv1.2 or TLSv1.3; TLS 1.2 is offered with ECDHE and AEAD suites only (AES-GCM, ChaCha20-Poly1305)",
  },
  {
    name: "secrets_encryption_key",
    type: "string",
    default: undefined,
    doc: "encrypts client secrets, registration access tokens and ID tokens in the database (AES-256-GCM): base64 of 32 random bytes, or a passphrase of 16+ characters; rows written before stay readable",
  },
  {
    name: "key_store_file",
    type: "string",
    default: undefined,
    doc: "JWKS file of private keys for private_key_jwt (get_client_token)",
  },
  { name: "log_level", type: "string", default: "info", doc: "debug | info | warn | error" },
  {
    name: "log_format",
    type: "string",
    default: "json",
    doc: "json (one object per line: time, level, msg, request_id…) | pretty (for people; pnpm dev's default)",
  },
  {
    name: "metrics_enabled",
    type: "bool",
    default: true,
    doc: "serve GET /metrics (Prometheus text; no token unless metrics_token is set: keep the port private, set metrics_token or turn this off) on the REST API, the WebSocket port and the admin port",
  },
  {
    name: "metrics_token",
    type: "string",
    default: undefined,
    doc: "GET /metrics then needs Authorization: Bearer <metrics_token> (401 otherwise) on every port that serves it: REST, WebSocket and admin; unset: no token asked",
  },
  {
    name: "admin_port",
    type: "int",
    default: 0,
    doc: "plain-HTTP admin port serving /metrics, /health/live and /health/ready (for TCP-only deployments); 0 = off",
  },
  { name: "admin_bind_address", type: "string", default: "127.0.0.1", doc: "address the admin port listens on" },
  {
    name: "otlp_endpoint",
    type: "string",
    default: undefined,
    doc: "OpenTelemetry collector base URL (OTLP/HTTP JSON; spans go to <url>/v1/traces), e.g. http://127.0.0.1:4318; unset = no tracing",
  },
  { name: "otlp_service_name", type: "string", default: "oxd-ts", doc: "service.name of the exported spans" },
  {
    name: "fast_path",
    type: "bool",
    default: true,
    doc: "answer hot commands whose facts are all cached (a granted uma_rs_check_access, get_authorization_url) on the synchronous road, without the Effect runtime, with the same answers (a property test holds the two roads equal); false = every command through the Effect road (for diagnosis); off anyway when tracing is on",
  },
  { name: "default_op_host", type: "string", default: undefined, doc: "op_host used when a command gives none" },
  {
    name: "default_op_discovery_path",
    type: "string",
    default: undefined,
    doc: "discovery path when not /.well-known/openid-configuration",
  },
  {
    name: "default_authorization_redirect_uri",
    type: "string",
    default: undefined,
    doc: "redirect URI used when register_site gives none",
  },
  {
    name: "default_post_logout_redirect_uri",
    type: "string",
    default: undefined,
    doc: "post-logout redirect URI used when none is given",
  },
  {
    name: "default_scope",
    type: "list",
    default: ["openid", "profile", "email"],
    doc: "scopes registered when register_site gives none",
  },
  { name: "default_acr_values", type: "list", default: [], doc: "acr_values when none are given" },
  {
    name: "default_response_types",
    type: "list",
    default: ["code"],
    doc: "response_types registered when none are given",
  },
  {
    name: "default_grant_types",
    type: "list",
    default: ["authorization_code", "refresh_token"],
    doc: "grant_types registered when none are given",
  },
  { name: "default_ui_locales", type: "list", default: [], doc: "ui_locales when none are given" },
  { name: "default_claims_locales", type: "list", default: [], doc: "claims_locales when none are given" },
  { name: "default_contacts", type: "list", default: [], doc: "contacts when none are given" },
  { name: "default_application_type", type: "string", default: "web", doc: "application_type when none is given" },
  {
    name: "default_token_endpoint_auth_method",
    type: "string",
    default: "client_secret_basic",
    doc: "token_endpoint_auth_method register_site and setup_client send when client_token_endpoint_auth_method is not given (always sent: some OPs read an omitted one as none and register a public client): client_secret_basic, client_secret_post, client_secret_jwt, or none (a public client, no secret, PKCE S256 on every login)",
  },
  {
    name: "public_base_url",
    type: "string",
    default: undefined,
    doc: "the REST API's URL as the OP reaches it (https://oxd.example.com, with a proxy's path prefix if any): register_site and setup_client then register <public_base_url>/backchannel-logout as the site's backchannel_logout_uri when none is given (docs/logout.md)",
  },
] as const satisfies ReadonlyArray<KeySpec>
