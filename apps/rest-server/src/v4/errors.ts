import type { Reply, WireError } from "@oxd/core"

/**
 * Errors as the oxd 4.x REST API answers them. Citations: ERC:n = oxd-common/src/main/java/org/gluu/oxd/common/
 * ErrorResponseCode.java, HE = oxd-server/…/server/HttpException.java, PR = …/server/Processor.java (branch `master`).
 *
 * 4.x throws an HttpException: its status is the code's (HE:20, `code.getHttpStatus()`), its body the ErrorResponse
 * as Jackson writes it, every field, nulls included: {"error","error_description","details","reason"} (HE:20,
 * ErrorResponse.java:23-30; Jackson2.asJsonSilently keeps nulls). No {status,data} envelope.
 */
export interface V4Error {
  readonly error: string
  readonly error_description: string
  readonly details: unknown
  readonly reason: null
}

/** Each 4.x code's HTTP status, where 4.x gives the code one status (ERC:23-124). */
export const V4_STATUS: Readonly<Record<string, number>> = {
  access_token_insufficient_scope: 403, // ERC:37
  algorithm_not_supported: 500, // ERC:107
  at_hash_not_found: 500, // ERC:116
  authorization_oxd_id_not_found: 400, // ERC:120
  bad_request: 400, // ERC:24
  bad_request_invalid_target_uri: 400, // ERC:29
  bad_request_no_issuer: 400, // ERC:28
  bad_request_no_oxd_host: 400, // ERC:103
  bad_request_no_resource: 400, // ERC:32
  blank_access_token: 403, // ERC:67
  c_hash_not_found: 500, // ERC:117
  failed_to_get_discovery: 500, // ERC:98
  failed_to_get_issuer: 500, // ERC:99
  failed_to_get_request_uri: 500, // ERC:101
  failed_to_verify_subject_identifier: 500, // ERC:115
  http_method_not_unique: 400, // ERC:91
  id_token_without_signature_not_allowed: 400, // ERC:110
  inactive_access_token: 403, // ERC:70
  internal_error: 500, // ERC:23
  invalid_access_token: 403, // ERC:68
  invalid_access_token_bad_hash: 500, // ERC:52
  invalid_acr_values: 400, // ERC:74
  invalid_allowed_op_host_url: 400, // ERC:65
  invalid_authorization_code_bad_hash: 500, // ERC:54
  invalid_authorization_oxd_id: 400, // ERC:119
  invalid_claim_token_or_claim_token_form: 400, // ERC:89
  invalid_claims_redirect_uri_parameter: 400, // ERC:87
  invalid_client_id: 400, // ERC:60
  invalid_client_secret: 400, // ERC:59
  invalid_http_method: 400, // ERC:83
  invalid_id_token_bad_audience: 500, // ERC:42
  invalid_id_token_bad_authorized_party: 500, // ERC:44
  invalid_id_token_bad_issuer: 500, // ERC:48
  invalid_id_token_bad_nonce: 500, // ERC:41
  invalid_id_token_bad_signature: 500, // ERC:49
  invalid_id_token_expiration_time: 500, // ERC:112
  invalid_id_token_expired: 500, // ERC:46
  invalid_id_token_invalid_algorithm: 500, // ERC:50
  invalid_id_token_issued_at: 500, // ERC:111
  invalid_id_token_no_audience: 500, // ERC:43
  invalid_id_token_no_authorized_party: 500, // ERC:45
  invalid_id_token_no_issuer: 500, // ERC:47
  invalid_id_token_no_nonce: 500, // ERC:39
  invalid_id_token_old_issued_at: 500, // ERC:113
  invalid_id_token_unknown: 500, // ERC:51
  invalid_introspection_response: 500, // ERC:69
  invalid_issuer_discovered: 500, // ERC:100
  invalid_nonce: 400, // ERC:38
  invalid_op_configuration_endpoint: 400, // ERC:63
  invalid_op_host: 400, // ERC:62
  invalid_op_host_and_configuration_endpoint: 400, // ERC:64
  invalid_oxd_id: 400, // ERC:56
  invalid_path_parameter: 400, // ERC:85
  invalid_redirect_uri: 400, // ERC:71
  invalid_registration_client_url: 500, // ERC:55
  invalid_rpt_parameter: 400, // ERC:88
  invalid_scope: 400, // ERC:73
  invalid_scope_expression: 400, // ERC:92
  invalid_state: 400, // ERC:40
  invalid_state_bad_hash: 500, // ERC:53
  invalid_subject_identifier: 500, // ERC:114
  invalid_subject_type: 400, // ERC:77
  invalid_ticket_parameter: 400, // ERC:86
  invalid_uma_request: 400, // ERC:82
  invalid_uma_scope_parameter: 400, // ERC:84
  jwks_generation_disable: 500, // ERC:124
  key_id_not_found: 500, // ERC:108
  need_info: 403, // ERC:90
  no_access_token: 500, // ERC:36
  no_client_id_returned: 500, // ERC:121
  no_client_secret_returned: 500, // ERC:122
  no_connect_discovery_response: 500, // ERC:79
  no_end_session_endpoint_at_op: 500, // ERC:94
  no_subject_identifier: 500, // ERC:109
  no_uma_discovery_response: 500, // ERC:81
  oxd_access_denied: 403, // ERC:123
  parameter_out_of_bound: 400, // ERC:104
  redirect_uri_has_fragment_component: 400, // ERC:72
  redirect_uri_is_not_registered: 400, // ERC:97
  remove_site_failed: 500, // ERC:96
  request_object_not_found: 404, // ERC:102
  restricted_op_host: 400, // ERC:66
  s_hash_not_found: 500, // ERC:118
  ssl_handshake_error: 500, // ERC:105
  uma_protection_exists: 400, // ERC:93
  unsupported_operation: 500, // ERC:61
}

/**
 * Core's codes for the protection token are 3.1's (`*_protection_access_token`); 4.x renamed them (ERC:37,67,68,70),
 * and spelled 3.1's invalid_scope_expressioin right (ERC:92).
 * A site without a protection client is a token of no use for it: 4.x's invalid_access_token (ValidationService.java:149).
 */
export const V4_RENAMED: Readonly<Record<string, string>> = {
  blank_protection_access_token: "blank_access_token",
  invalid_protection_access_token: "invalid_access_token",
  inactive_protection_access_token: "inactive_access_token",
  protection_access_token_insufficient_scope: "access_token_insufficient_scope",
  no_setup_client_for_oxd_id: "invalid_access_token",
  // core keeps 3.1's spelling for 3.1 clients (ERC:68 of 3.1.4); 4.x corrected it (ERC:92 on master)
  invalid_scope_expressioin: "invalid_scope_expression",
}

/** A core code as 4.x names it. */
export const v4Code = (code: string): string => V4_RENAMED[code] ?? code

/** The 4.x status of a core error: the 4.x code's status, else core's own (codes 4.x does not have: rate_limited…). */
export const v4Status = (code: string, coreHttp: number): number => V4_STATUS[v4Code(code)] ?? coreHttp

/**
 * A refusal of the edge (a body that is no JSON object, an unknown path, a missing token…) as 4.x's body; its status
 * is the edge's, which is Jersey's or RestResource's for the same condition (400, 403, 404, 405, 413, 415).
 */
export const v4Refusal = (wire: WireError): { status: number; body: V4Error } => ({
  status: wire.http,
  body: { error: v4Code(wire.code), error_description: wire.description, details: null, reason: null },
})

/** An AS/OP error passed through (http_status_<NNN>): 4.x answers its status and its body as they came (PR:58-60). */
const PASS_THROUGH = /^http_status_([45]\d\d)$/

/** What the 4.x API answers for an error reply of core: status, and the body (an object, or the AS's own text). */
export const v4ErrorReply = (reply: Reply): { status: number; body: V4Error | string } => {
  if (reply.envelope.status === "ok") throw new Error("not an error reply")
  const { error, error_description, details } = reply.envelope.data
  const passThrough = PASS_THROUGH.exec(error)
  if (passThrough) return { status: Number(passThrough[1]), body: error_description }
  return {
    status: v4Status(error, reply.http),
    body: { error: v4Code(error), error_description, details: details ?? null, reason: null },
  }
}
