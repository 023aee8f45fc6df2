import type { Site } from "../../services/SiteStore.js"

/**
 * Registered metadata shown as the reference's Rp shows it (oxd-server/…/service/Rp.java:20-192 on master), by the
 * name Rp gives it; the value is the site's. Only names listed here leave the server.
 */
const FROM_METADATA: ReadonlyArray<readonly [rpName: string, metadataName: string]> = [
  ["application_type", "application_type"],
  ["redirect_uris", "redirect_uris"],
  ["claims_redirect_uri", "claims_redirect_uri"],
  ["response_types", "response_types"],
  ["grant_types", "grant_types"],
  ["client_name", "client_name"],
  ["sector_identifier_uri", "sector_identifier_uri"],
  ["client_jwks_uri", "jwks_uri"],
  ["token_endpoint_auth_method", "token_endpoint_auth_method"],
  ["token_endpoint_auth_signing_alg", "token_endpoint_auth_signing_alg"],
  ["contacts", "contacts"],
  ["ui_locales", "ui_locales"],
  ["claims_locales", "claims_locales"],
  ["request_uris", "request_uris"],
  ["oxd_rp_programming_language", "oxd_rp_programming_language"],
  // the 4.x registration params (RegisterSiteParams on master), kept under their own names
  ["access_token_as_jwt", "access_token_as_jwt"],
  ["access_token_signing_alg", "access_token_signing_alg"],
  ["rpt_as_jwt", "rpt_as_jwt"],
  ["require_auth_time", "require_auth_time"],
  ["logo_uri", "logo_uri"],
  ["client_uri", "client_uri"],
  ["policy_uri", "policy_uri"],
  ["tos_uri", "tos_uri"],
  ["subject_type", "subject_type"],
  ["id_token_signed_response_alg", "id_token_signed_response_alg"],
  ["id_token_encrypted_response_alg", "id_token_encrypted_response_alg"],
  ["id_token_encrypted_response_enc", "id_token_encrypted_response_enc"],
  ["user_info_signed_response_alg", "userinfo_signed_response_alg"],
  ["user_info_encrypted_response_alg", "userinfo_encrypted_response_alg"],
  ["user_info_encrypted_response_enc", "userinfo_encrypted_response_enc"],
  ["request_object_signing_alg", "request_object_signing_alg"],
  ["request_object_encryption_alg", "request_object_encryption_alg"],
  ["request_object_encryption_enc", "request_object_encryption_enc"],
  ["default_max_age", "default_max_age"],
  ["initiate_login_uri", "initiate_login_uri"],
  ["authorized_origins", "authorized_origins"],
  ["access_token_lifetime", "access_token_lifetime"],
  ["software_id", "software_id"],
  ["software_version", "software_version"],
  ["software_statement", "software_statement"],
]

/**
 * Rp.java's fields this server never returns: secrets (client_secret, client_registration_access_token, user_secret),
 * tokens (id_token, access_token, pat…, oauth_token…, rpt…) and the keys and state the reference keeps beside them.
 * docs/compatibility.md (oxd 4.x, get_rp) argues it; the test asserts none of these leaves.
 */
export const WITHHELD = [
  "client_secret",
  "client_registration_access_token",
  "id_token",
  "access_token",
  "user_id",
  "user_secret",
  "pat",
  "pat_expires_in",
  "pat_created_at",
  "pat_refresh_token",
  "oauth_token",
  "oauth_token_expires_in",
  "oauth_token_created_at",
  "oauth_token_refresh_token",
  "rpt",
  "rpt_token_type",
  "rpt_pct",
  "rpt_upgraded",
  "rpt_expires_at",
  "rpt_created_at",
  "jwks",
] as const

export type NodeValue = string | number | boolean | null | ReadonlyArray<string>
/** A value the node carries: JSON scalars and lists of strings (what the registration keeps); anything else is left out. */
const isNodeValue = (v: unknown): v is NodeValue =>
  v === null ||
  typeof v === "string" ||
  typeof v === "boolean" ||
  (typeof v === "number" && Number.isFinite(v)) ||
  (Array.isArray(v) && v.every((x) => typeof x === "string"))

/** The site as the reference's get_rp shows an Rp (GetRpOperation.java:44-46), without WITHHELD. */
export const rpNode = (site: Site): Record<string, NodeValue> => {
  const m = site.metadata
  const node: Record<string, NodeValue> = {
    oxd_id: site.oxdId,
    op_host: site.opHost,
    op_discovery_path: site.opDiscoveryPath,
    op_configuration_endpoint:
      typeof m["op_configuration_endpoint"] === "string" ? m["op_configuration_endpoint"] : null,
    redirect_uri: site.authorizationRedirectUri,
    logout_redirect_uri: site.postLogoutRedirectUri,
    logout_redirect_uris: site.postLogoutRedirectUri ? [site.postLogoutRedirectUri] : null,
    front_channel_logout_uris: typeof m["frontchannel_logout_uri"] === "string" ? [m["frontchannel_logout_uri"]] : null,
    client_id: site.clientId,
    client_registration_client_uri: site.registrationClientUri,
    client_id_issued_at: site.clientIdIssuedAt,
    client_secret_expires_at: site.clientSecretExpiresAt,
    scope: site.scope,
    acr_values: site.acrValues,
  }
  for (const [rpName, from] of FROM_METADATA) {
    const v = m[from]
    if (isNodeValue(v)) node[rpName] = v
  }
  return node
}
