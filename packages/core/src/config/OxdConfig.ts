import { Context, Layer, Schema } from "effect"
import { SITE_AUTH_METHODS } from "../services/clientAuthMethods.js"

const OptString = Schema.optional(Schema.NonEmptyString)
const Port = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 65535 }))
const Positive = Schema.Int.check(Schema.isGreaterThan(0))
const Strings = Schema.Array(Schema.String)

/** The validated configuration. Built by loadConfig from keys.ts sources; tests build it with makeConfig. */
export const ConfigSchema = Schema.Struct({
  bind_address: Schema.NonEmptyString,
  port: Port,
  database_url: Schema.NonEmptyString,
  sqlite_synchronous: Schema.Literals(["normal", "full"]),
  site_cache_seconds: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  state_expiration_in_minutes: Schema.Finite.check(Schema.isGreaterThan(0)),
  token_subject_max_age_in_seconds: Positive,
  refresh_token_subject_max_age_in_seconds: Positive,
  protect_commands_with_access_token: Schema.Boolean,
  protection_scope: Schema.NonEmptyArray(Schema.NonEmptyString),
  trusted_ca_file: OptString,
  allowed_op_hosts: Strings,
  op_timeout_in_seconds: Positive,
  clock_skew_in_seconds: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  op_retries: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 5 })),
  op_breaker_failures: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  op_breaker_cooldown_in_seconds: Positive,
  protection_cache_seconds: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  idle_timeout_in_seconds: Positive,
  max_connections: Positive,
  max_connections_per_address: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  frame_timeout_in_seconds: Positive,
  rate_limit_per_minute: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  rate_limit_burst: Positive,
  rpt_cache_seconds: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  uma_realm: Schema.NonEmptyString,
  support_google_logout: Schema.Boolean,
  rest_enabled: Schema.Boolean,
  rest_port: Port,
  rest_plain_http: Schema.Boolean,
  rest_tls_cert_file: OptString,
  rest_tls_key_file: OptString,
  rest_tls_dir: Schema.NonEmptyString,
  rest_max_body_bytes: Positive,
  rest_cors_origins: Strings,
  rest_error_status: Schema.Literals(["reference", "http"]),
  rest4_enabled: Schema.Boolean,
  rest4_port: Port,
  ws_enabled: Schema.Boolean,
  ws_port: Port,
  ws_plain: Schema.Boolean,
  ws_tls_cert_file: OptString,
  ws_tls_key_file: OptString,
  ws_max_message_bytes: Positive,
  ws_max_buffered_bytes: Positive,
  tls_min_version: Schema.Literals(["TLSv1.2", "TLSv1.3"]),
  secrets_encryption_key: OptString,
  key_store_file: OptString,
  log_level: Schema.Literals(["debug", "info", "warn", "error"]),
  log_format: Schema.Literals(["pretty", "json"]),
  metrics_enabled: Schema.Boolean,
  metrics_token: OptString,
  admin_port: Port,
  admin_bind_address: Schema.NonEmptyString,
  // a guessable token would hand out every site: 16 characters at least
  admin_token: Schema.optional(Schema.String.check(Schema.isMinLength(16))),
  otlp_endpoint: OptString,
  otlp_service_name: Schema.NonEmptyString,
  fast_path: Schema.Boolean,
  default_op_host: OptString,
  default_op_discovery_path: OptString,
  default_authorization_redirect_uri: OptString,
  default_post_logout_redirect_uri: OptString,
  default_scope: Strings,
  default_acr_values: Strings,
  default_response_types: Strings,
  default_grant_types: Strings,
  default_token_endpoint_auth_method: Schema.Literals(SITE_AUTH_METHODS),
  rp_signing_key_rotation_in_hours: Positive,
  request_object_expiration_in_minutes: Schema.Finite.check(Schema.isGreaterThan(0)),
  test_helpers_enabled: Schema.Boolean,
  default_ui_locales: Strings,
  default_claims_locales: Strings,
  default_contacts: Strings,
  default_application_type: Schema.NonEmptyString,
  logout_session_max_age_in_seconds: Positive,
  logout_token_max_age_in_seconds: Positive,
  logout_webhook_secret: OptString,
  public_base_url: Schema.optional(
    Schema.String.check(
      Schema.isPattern(/^https?:\/\/[^\s#?]+$/, { expected: "an http(s) URL without query or fragment" }),
    ),
  ),
})
export type Config = typeof ConfigSchema.Type

export class OxdConfig extends Context.Service<OxdConfig, Config>()("@oxd/core/OxdConfig") {
  static readonly layer = (config: Config) => Layer.succeed(OxdConfig, OxdConfig.of(config))
}
