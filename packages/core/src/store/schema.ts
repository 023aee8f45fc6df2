import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core"

/** A registered OpenID client: an ordinary site, or a setup client that protects other sites. */
export const sites = sqliteTable(
  "sites",
  {
    oxdId: text("oxd_id").primaryKey(),
    kind: text("kind", { enum: ["site", "setup"] }).notNull(),
    opHost: text("op_host").notNull(),
    opDiscoveryPath: text("op_discovery_path"),
    clientId: text("client_id").notNull(),
    clientSecret: text("client_secret"),
    registrationAccessToken: text("registration_access_token"),
    registrationClientUri: text("registration_client_uri"),
    clientIdIssuedAt: integer("client_id_issued_at"),
    clientSecretExpiresAt: integer("client_secret_expires_at"),
    /** The setup client whose protection tokens may drive this site (null: registered unprotected). */
    setupClientId: text("setup_client_id"),
    authorizationRedirectUri: text("authorization_redirect_uri"),
    postLogoutRedirectUri: text("post_logout_redirect_uri"),
    scope: text("scope", { mode: "json" }).$type<ReadonlyArray<string>>().notNull(),
    acrValues: text("acr_values", { mode: "json" }).$type<ReadonlyArray<string>>().notNull(),
    /** Everything else the site registered (response types, locales, …), as sent to the OP. */
    metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    lastIdToken: text("last_id_token"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("sites_client_id").on(t.clientId), index("sites_op_host_kind").on(t.opHost, t.kind)],
)

/**
 * The use of a state, kept until the state has expired so a replay is told "used" (a sealed state needs no row
 * before its use: sealedState.ts). nonce and code_verifier are left empty (they derive from the state).
 */
export const authorizationRequests = sqliteTable(
  "authorization_requests",
  {
    state: text("state").primaryKey(),
    oxdId: text("oxd_id").notNull(),
    purpose: text("purpose", { enum: ["authorization", "claims_gathering"] })
      .notNull()
      .default("authorization"),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** Set when consumed; the row is kept a while so a replay is told "used", not "unknown". */
    consumedAt: integer("consumed_at"),
  },
  (t) => [index("authorization_requests_expires_at").on(t.expiresAt)],
)

/**
 * Secrets the server makes for itself and every instance on the store shares (the key that seals states), made by
 * the first instance that needs one; sealed at rest like the sites' secrets when secrets_encryption_key is set.
 */
export const serverSecrets = sqliteTable("server_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: integer("created_at").notNull(),
})

/** A protected path + HTTP methods of a site, as registered at the UMA authorization server. */
export const umaResources = sqliteTable(
  "uma_resources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    oxdId: text("oxd_id").notNull(),
    path: text("path").notNull(),
    httpMethods: text("http_methods", { mode: "json" }).$type<ReadonlyArray<string>>().notNull(),
    scopes: text("scopes", { mode: "json" }).$type<ReadonlyArray<string>>().notNull(),
    ticketScopes: text("ticket_scopes", { mode: "json" }).$type<ReadonlyArray<string>>(),
    scopeExpression: text("scope_expression", { mode: "json" }).$type<{ rule: unknown; data: ReadonlyArray<string> }>(),
    /** the AS's id of the resource (UMA resource registration _id) */
    resourceId: text("resource_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("uma_resources_site_path").on(t.oxdId, t.path)],
)

/**
 * The subject (sub) of the validated ID token a token came with, so get_user_info can refuse a userinfo answer about
 * another subject (OpenID Connect Core 5.3.2). Keyed by the SHA-256 of the token, never the token; each row lives as
 * long as its token may (bounded), then is purged. Shared by every instance on the store.
 */
export const tokenSubjects = sqliteTable(
  "token_subjects",
  {
    oxdId: text("oxd_id").notNull(),
    /** access: checked by get_user_info; refresh: passed on to the access tokens it refreshes */
    kind: text("kind", { enum: ["access", "refresh"] }).notNull(),
    /** base64url SHA-256 of the token */
    tokenHash: text("token_hash").notNull(),
    sub: text("sub").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.oxdId, t.kind, t.tokenHash] }), index("token_subjects_expires_at").on(t.expiresAt)],
)

/**
 * Signed request objects served at /get-request-object/{id} (oxd 4.x get_request_object_uri), until they expire
 * (request_object_expiration_in_minutes); the JWT is sealed at rest like the sites' secrets. Shared by every instance.
 */
export const requestObjects = sqliteTable(
  "request_objects",
  {
    id: text("id").primaryKey(),
    oxdId: text("oxd_id").notNull(),
    value: text("value").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("request_objects_expires_at").on(t.expiresAt)],
)

/**
 * The OP sessions a site signed users in with (the sid and sub of each ID token validated by get_tokens_by_code or a
 * refresh), so a logout from the OP (back-channel token, front-channel request) can be recorded against them and
 * check_session can answer. Never a token: only sid and sub. Each row expires (logout_session_max_age_in_seconds)
 * and is purged; sid is "" when the ID token had none. Shared by every instance on the store.
 */
export const logoutSessions = sqliteTable(
  "logout_sessions",
  {
    oxdId: text("oxd_id").notNull(),
    /** the site's OP: a front-channel logout names the OP and the sid only */
    opHost: text("op_host").notNull(),
    sid: text("sid").notNull(),
    sub: text("sub").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** when the OP said the session ended (null: active) */
    loggedOutAt: integer("logged_out_at"),
    channel: text("channel", { enum: ["backchannel", "frontchannel"] }),
  },
  (t) => [
    primaryKey({ columns: [t.oxdId, t.sid, t.sub] }),
    index("logout_sessions_op_host_sid").on(t.opHost, t.sid),
    index("logout_sessions_expires_at").on(t.expiresAt),
  ],
)

/**
 * The jti of each logout token accepted, until a replay would be refused by its age anyway (Back-Channel Logout 1.0
 * §2.6: a jti is used once). Shared by every instance on the store, so a token replayed at another is refused too.
 */
export const logoutTokenJtis = sqliteTable(
  "logout_token_jtis",
  {
    iss: text("iss").notNull(),
    jti: text("jti").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.iss, t.jti] }), index("logout_token_jtis_expires_at").on(t.expiresAt)],
)
