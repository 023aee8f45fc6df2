import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core"

/**
 * The PostgreSQL twin of schema.ts: the same tables, columns, nullability and indexes (schemaDrift.test.ts checks
 * it, and rows.ts checks that both infer the same row types). SQLite integers are 64-bit, hence bigint here
 * (times are milliseconds since 1970); JSON columns are jsonb.
 */
const int = (name: string) => bigint(name, { mode: "number" })

export const sites = pgTable(
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
    clientIdIssuedAt: int("client_id_issued_at"),
    clientSecretExpiresAt: int("client_secret_expires_at"),
    setupClientId: text("setup_client_id"),
    authorizationRedirectUri: text("authorization_redirect_uri"),
    postLogoutRedirectUri: text("post_logout_redirect_uri"),
    scope: jsonb("scope").$type<ReadonlyArray<string>>().notNull(),
    acrValues: jsonb("acr_values").$type<ReadonlyArray<string>>().notNull(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull(),
    lastIdToken: text("last_id_token"),
    createdAt: int("created_at").notNull(),
    updatedAt: int("updated_at").notNull(),
  },
  (t) => [index("sites_client_id").on(t.clientId), index("sites_op_host_kind").on(t.opHost, t.kind)],
)

export const serverSecrets = pgTable("server_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: int("created_at").notNull(),
})

export const authorizationRequests = pgTable(
  "authorization_requests",
  {
    state: text("state").primaryKey(),
    oxdId: text("oxd_id").notNull(),
    purpose: text("purpose", { enum: ["authorization", "claims_gathering"] })
      .notNull()
      .default("authorization"),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier"),
    createdAt: int("created_at").notNull(),
    expiresAt: int("expires_at").notNull(),
    consumedAt: int("consumed_at"),
  },
  (t) => [index("authorization_requests_expires_at").on(t.expiresAt)],
)

export const umaResources = pgTable(
  "uma_resources",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    oxdId: text("oxd_id").notNull(),
    path: text("path").notNull(),
    httpMethods: jsonb("http_methods").$type<ReadonlyArray<string>>().notNull(),
    scopes: jsonb("scopes").$type<ReadonlyArray<string>>().notNull(),
    ticketScopes: jsonb("ticket_scopes").$type<ReadonlyArray<string>>(),
    scopeExpression: jsonb("scope_expression").$type<{ rule: unknown; data: ReadonlyArray<string> }>(),
    resourceId: text("resource_id").notNull(),
    createdAt: int("created_at").notNull(),
  },
  (t) => [index("uma_resources_site_path").on(t.oxdId, t.path)],
)

export const tokenSubjects = pgTable(
  "token_subjects",
  {
    oxdId: text("oxd_id").notNull(),
    kind: text("kind", { enum: ["access", "refresh"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    sub: text("sub").notNull(),
    expiresAt: int("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.oxdId, t.kind, t.tokenHash] }), index("token_subjects_expires_at").on(t.expiresAt)],
)

export const requestObjects = pgTable(
  "request_objects",
  {
    id: text("id").primaryKey(),
    oxdId: text("oxd_id").notNull(),
    value: text("value").notNull(),
    expiresAt: int("expires_at").notNull(),
  },
  (t) => [index("request_objects_expires_at").on(t.expiresAt)],
)

export const logoutSessions = pgTable(
  "logout_sessions",
  {
    oxdId: text("oxd_id").notNull(),
    opHost: text("op_host").notNull(),
    sid: text("sid").notNull(),
    sub: text("sub").notNull(),
    expiresAt: int("expires_at").notNull(),
    loggedOutAt: int("logged_out_at"),
    channel: text("channel", { enum: ["backchannel", "frontchannel"] }),
  },
  (t) => [
    primaryKey({ columns: [t.oxdId, t.sid, t.sub] }),
    index("logout_sessions_op_host_sid").on(t.opHost, t.sid),
    index("logout_sessions_expires_at").on(t.expiresAt),
  ],
)

export const logoutTokenJtis = pgTable(
  "logout_token_jtis",
  {
    iss: text("iss").notNull(),
    jti: text("jti").notNull(),
    expiresAt: int("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.iss, t.jti] }), index("logout_token_jtis_expires_at").on(t.expiresAt)],
)
