import { EdgeRefusal, type EdgeRefusalReason, type OxdError } from "./errors.js"

/** The operations (opErrors.ts toOpError) that are discoveries, and the reference's code for a failed one. */
const DISCOVERY_CODES: Readonly<Record<string, string>> = {
  discovery: "no_connect_discovery_response",
  "UMA discovery": "no_uma_discovery_response",
}

/**
 * The code and default status of each edge refusal. unreadable_message: the reference answers a message it cannot
 * parse with internal_error (docs/compatibility.md T1, T2, T6); no_command, no_such_endpoint: its unsupported_operation
 * (T9); forbidden_access: its "403" for a protected REST command without a Bearer token (H1); over_limit: rate_limited,
 * as for too many commands (X11, T17); unauthorized: the admin port's /metrics without its token.
 */
const EDGE_REFUSALS: { readonly [K in EdgeRefusalReason]: { readonly code: string; readonly http: number } } = {
  unreadable_message: { code: "internal_error", http: 500 },
  no_command: { code: "unsupported_operation", http: 500 },
  no_such_endpoint: { code: "unsupported_operation", http: 404 },
  bad_request: { code: "bad_request", http: 400 },
  forbidden_access: { code: "403", http: 403 },
  unauthorized: { code: "unauthorized", http: 401 },
  over_limit: { code: "rate_limited", http: 429 },
  failed: { code: "internal_error", http: 500 },
  // the oxd 4.x REST API's AuthorizationOxdId header naming another site than the params' (ErrorResponseCode.java:119)
  foreign_authorization_oxd_id: { code: "invalid_authorization_oxd_id", http: 400 },
}

type Row<E> = { readonly http: number | ((e: E) => number); readonly code: string | ((e: E) => string) }

/**
 * The reference oxd error code and HTTP status of every error (shared/spec/PROTOCOL.md). A member of the
 * union without a row does not compile. Codes beyond the reference (rate_limited) are additions, never changes;
 * docs/compatibility.md lists where a code differs from the reference's.
 */
export const errorCodes: { readonly [K in OxdError["_tag"]]: Row<Extract<OxdError, { _tag: K }>> } = {
  UnknownCommand: { http: 500, code: "unsupported_operation" },
  InvalidParams: { http: 400, code: (e) => e.code },
  // the reference's code for params its JSON mapper cannot read (ERC:21); 400: the caller sent them
  MalformedParams: { http: 400, code: "internal_error" },
  UnknownOxdId: { http: 400, code: "invalid_oxd_id" },
  MissingOpHost: { http: 400, code: "invalid_op_host" },
  InvalidAlgorithm: { http: 400, code: "invalid_algorithm" },
  // the reference's code for every state it cannot accept: bad_request "'state' is not registered." (the reason follows)
  InvalidState: { http: 400, code: "bad_request" },
  // the reference wraps every ID token check but the nonce's in invalid_id_token_unknown (Validator.validateIdToken);
  // an unregistered nonce is invalid_nonce; an ID token that is no JWT fails its parser: internal_error
  IdTokenRejected: {
    http: 500,
    code: (e) =>
      e.reason === "bad_nonce"
        ? "invalid_nonce"
        : e.reason === "malformed"
          ? "internal_error"
          : "invalid_id_token_unknown",
  },
  AccessTokenHashMismatch: { http: 500, code: "invalid_access_token_bad_hash" },
  AuthorizationCodeHashMismatch: { http: 500, code: "invalid_authorization_code_bad_hash" },
  NoIdToken: { http: 500, code: "no_id_token" },
  NoAccessToken: { http: 500, code: "no_access_token" },
  OpDiscoveryFailed: { http: 500, code: "no_connect_discovery_response" },
  // audit X9: the reference's operations answer an OP's refusal with internal_error ("Unknown internal server error
  // occurs.", e.g. GetClientTokenOperation.java:75-97, RegisterSiteOperation.java:286); an HTTP error that reaches its
  // Processor is http_status_<status> (Processor.java:87-92: introspection, the UMA calls). The HTTP status says who failed
  OpRejected: {
    http: 400,
    code: (e) => (e.passthrough && e.op_status !== undefined ? `http_status_${e.op_status}` : "internal_error"),
  },
  // audit X10: a discovery that fails for any reason is no_connect_discovery_response / no_uma_discovery_response
  // (DiscoveryService.java:78-82, 106-110); any later call the reference could not make is internal_error
  OpUnreachable: { http: 502, code: (e) => DISCOVERY_CODES[e.operation] ?? "internal_error" },
  // the OP answered, but neither what was asked nor an OAuth error (a 403 with an empty body…): not X10's
  // unreachability; the reference's code as for a refusal (internal_error, http_status_<status> where passed through)
  OpAnswerUnusable: {
    http: (e) => (e.status !== undefined && e.status >= 400 && e.status < 500 ? 400 : 502),
    code: (e) =>
      e.passthrough && e.status !== undefined && e.status >= 400 ? `http_status_${e.status}` : "internal_error",
  },
  // the reference's get_user_info had no such check; its code for a failure it did not foresee (docs/compatibility.md)
  // with oxd 4.x's id_token param, 4.x's own code for it (INVALID_SUBJECT_IDENTIFIER, ErrorResponseCode.java:114 on master)
  UserInfoSubjectMismatch: {
    http: 500,
    code: (e) => (e.by_id_token ? "invalid_subject_identifier" : "internal_error"),
  },
  OperationFailed: { http: 500, code: "internal_error" },
  // the reference's code for an op_host the server cannot use; 400: the caller (or its OP's discovery) named it
  OpHostNotAllowed: { http: 400, code: "invalid_op_host" },
  // the reference's code for this condition, a wrong constant (NO_UMA_RESOURCES_TO_PROTECT, RegisterSiteOperation.java:262-266)
  NoRegistrationEndpoint: { http: 400, code: "invalid_uma_request" },
  NoEndSessionEndpoint: { http: 500, code: "no_end_session_endpoint_at_op" },
  // audit U2 (missing: ERC:41) and U3 (unusable: the reference's RegisterClient call fails, internal_error)
  InvalidRegistrationClientUrl: {
    http: 500,
    code: (e) => (e.reason === "missing" ? "invalid_registration_client_url" : "internal_error"),
  },
  ProtectionTokenMissing: { http: 403, code: "blank_protection_access_token" },
  ProtectionTokenInvalid: { http: 403, code: "invalid_protection_access_token" },
  ProtectionTokenInactive: { http: 403, code: "inactive_protection_access_token" },
  ProtectionTokenInsufficientScope: { http: 403, code: "protection_access_token_insufficient_scope" },
  // audit X13: ValidationService.java:128-130, ERC:48
  NoSetupClientForSite: { http: 403, code: "no_setup_client_for_oxd_id" },
  InvalidIntrospectionResponse: { http: 500, code: "invalid_introspection_response" },
  RemoveSiteFailed: { http: 500, code: "remove_site_failed" },
  StoreFailed: { http: 500, code: "internal_error" },
  ResourceNotProtected: { http: 400, code: "invalid_request" },
  UmaProtectionExists: { http: 400, code: "uma_protection_exists" },
  InvalidUmaRequest: { http: 400, code: "invalid_uma_request" },
  HttpMethodNotUnique: { http: 400, code: "http_method_not_unique" },
  // sic: the reference spells it so (ErrorResponseCode UMA_FAILED_TO_VALIDATE_SCOPE_EXPRESSION), and 3.1 clients compare it
  InvalidScopeExpression: { http: 400, code: "invalid_scope_expressioin" },
  UmaDiscoveryFailed: { http: 500, code: "no_uma_discovery_response" },
  NeedInfo: { http: 403, code: "need_info" },
  // the AS's own status, as the reference passes it on
  UmaGrantRefused: {
    http: (e) => (e.status >= 400 && e.status <= 599 ? e.status : 502),
    code: (e) => `http_status_${e.status}`,
  },
  PatUnavailable: { http: 500, code: "internal_error" },
  RateLimited: { http: 429, code: "rate_limited" },
  EdgeRefusal: { http: (e) => e.status ?? EDGE_REFUSALS[e.reason].http, code: (e) => EDGE_REFUSALS[e.reason].code },
  // oxd 4.x (issue 28), oxd-common/…/ErrorResponseCode.java on master: :64, :99-100, :102; a disabled command is
  // answered as an unknown one (unsupported_operation), its description says which key enables it
  NoOpLocation: { http: 400, code: "invalid_op_host_and_configuration_endpoint" },
  IssuerDiscoveryFailed: {
    http: 500,
    code: (e) => (e.reason === "mismatch" ? "invalid_issuer_discovered" : "failed_to_get_issuer"),
  },
  RequestObjectNotFound: { http: 404, code: "request_object_not_found" },
  CommandDisabled: { http: 500, code: "unsupported_operation" },
  // ErrorResponseCode.java:116-117 (at_hash_not_found, c_hash_not_found), :53 (invalid_state_bad_hash)
  IdTokenHashMissing: { http: 500, code: (e) => `${e.claim}_not_found` },
  StateHashMismatch: { http: 500, code: "invalid_state_bad_hash" },
}

export interface WireError {
  readonly code: string
  readonly http: number
  readonly description: string
  /** need_info: the AS's answer, passed on as data.details */
  readonly details?: unknown
}

export const toWireError = (e: OxdError): WireError => {
  const row = errorCodes[e._tag] as Row<OxdError>
  const code = typeof row.code === "function" ? row.code(e) : row.code
  // no_id_token is a 400 when the caller failed to give one, a 500 when the OP failed to return one
  const http =
    e._tag === "NoIdToken" && e.source === "caller" ? 400 : typeof row.http === "function" ? row.http(e) : row.http
  return e._tag === "NeedInfo"
    ? { code, http, description: e.message, details: e.details }
    : { code, http, description: e.message }
}

/** An edge's refusal as it goes on the wire: the table's code, the edge's words and, over HTTP, its status. */
export const edgeRefusal = (reason: EdgeRefusalReason, detail: string, status?: number): WireError =>
  toWireError(new EdgeRefusal(status === undefined ? { reason, detail } : { reason, detail, status }))
