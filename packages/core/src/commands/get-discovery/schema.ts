import { Schema } from "effect"
import { OpLocationFields } from "../_shared/opLocation.js"

export const Params = Schema.Struct(OpLocationFields).annotate({
  description: "The OP's discovery document, from the server's discovery cache (oxd 4.x get-discovery).",
})

/**
 * The reply's fields and the discovery member each is read from: GetDiscoveryResponse (oxd-common/…/response/
 * GetDiscoveryResponse.java:16-105 on master) names them as oxAuth's OpenIdConfigurationResponse bean does, which
 * the reference copies property by property (GetDiscoveryOperation.java:40): user_info_endpoint for
 * userinfo_endpoint, token_revocation_endpoint for revocation_endpoint, front_channel_… for frontchannel_….
 */
export const DISCOVERY_FIELDS = {
  issuer: ["issuer", "string"],
  authorization_endpoint: ["authorization_endpoint", "string"],
  token_endpoint: ["token_endpoint", "string"],
  token_revocation_endpoint: ["revocation_endpoint", "string"],
  user_info_endpoint: ["userinfo_endpoint", "string"],
  client_info_endpoint: ["client_info_endpoint", "string"],
  check_session_iframe: ["check_session_iframe", "string"],
  end_session_endpoint: ["end_session_endpoint", "string"],
  jwks_uri: ["jwks_uri", "string"],
  registration_endpoint: ["registration_endpoint", "string"],
  id_generation_endpoint: ["id_generation_endpoint", "string"],
  introspection_endpoint: ["introspection_endpoint", "string"],
  scopes_supported: ["scopes_supported", "list"],
  response_types_supported: ["response_types_supported", "list"],
  grant_types_supported: ["grant_types_supported", "list"],
  acr_values_supported: ["acr_values_supported", "list"],
  subject_types_supported: ["subject_types_supported", "list"],
  user_info_signing_alg_values_supported: ["userinfo_signing_alg_values_supported", "list"],
  user_info_encryption_alg_values_supported: ["userinfo_encryption_alg_values_supported", "list"],
  user_info_encryption_enc_values_supported: ["userinfo_encryption_enc_values_supported", "list"],
  id_token_signing_alg_values_supported: ["id_token_signing_alg_values_supported", "list"],
  id_token_encryption_alg_values_supported: ["id_token_encryption_alg_values_supported", "list"],
  id_token_encryption_enc_values_supported: ["id_token_encryption_enc_values_supported", "list"],
  request_object_signing_alg_values_supported: ["request_object_signing_alg_values_supported", "list"],
  request_object_encryption_alg_values_supported: ["request_object_encryption_alg_values_supported", "list"],
  request_object_encryption_enc_values_supported: ["request_object_encryption_enc_values_supported", "list"],
  token_endpoint_auth_methods_supported: ["token_endpoint_auth_methods_supported", "list"],
  token_endpoint_auth_signing_alg_values_supported: ["token_endpoint_auth_signing_alg_values_supported", "list"],
  display_values_supported: ["display_values_supported", "list"],
  claim_types_supported: ["claim_types_supported", "list"],
  claims_supported: ["claims_supported", "list"],
  id_token_token_binding_cnf_values_supported: ["id_token_token_binding_cnf_values_supported", "list"],
  service_documentation: ["service_documentation", "string"],
  claims_locales_supported: ["claims_locales_supported", "list"],
  ui_locales_supported: ["ui_locales_supported", "list"],
  claims_parameter_supported: ["claims_parameter_supported", "boolean"],
  request_parameter_supported: ["request_parameter_supported", "boolean"],
  request_uri_parameter_supported: ["request_uri_parameter_supported", "boolean"],
  require_request_uri_registration: ["require_request_uri_registration", "boolean"],
  tls_client_certificate_bound_access_tokens: ["tls_client_certificate_bound_access_tokens", "boolean"],
  front_channel_logout_supported: ["frontchannel_logout_supported", "boolean"],
  front_channel_logout_session_supported: ["frontchannel_logout_session_supported", "boolean"],
  op_policy_uri: ["op_policy_uri", "string"],
  op_tos_uri: ["op_tos_uri", "string"],
  scope_to_claims_mapping: ["scope_to_claims_mapping", "mapping"],
} as const

const kinds = {
  string: Schema.String,
  list: Schema.Array(Schema.String),
  boolean: Schema.Boolean,
  mapping: Schema.Record(Schema.String, Schema.Array(Schema.String)),
} as const

type Fields = {
  readonly [K in keyof typeof DISCOVERY_FIELDS]: Schema.optional<(typeof kinds)[(typeof DISCOVERY_FIELDS)[K][1]]>
}
const fields = Object.fromEntries(
  Object.entries(DISCOVERY_FIELDS).map(([name, [from, kind]]) => [
    name,
    Schema.optional(kinds[kind]).annotate({ description: `The discovery document's ${from}.` }),
  ]),
) as unknown as Fields

export const Result = Schema.Struct(fields).annotate({
  description: "The fields of oxd 4.x's GetDiscoveryResponse the OP's document has (absent ones are left out).",
})
