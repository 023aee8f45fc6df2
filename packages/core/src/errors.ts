import { Schema } from "effect"

/** Caller input quoted in an error is clipped: a reply stays small whatever was sent. */
const clip = (s: string, max = 80) => (s.length > max ? `${s.slice(0, max)}…` : s)

/**
 * Every failure a command can report, one class per condition. The wire code and HTTP status of each
 * live in errorCodes.ts; the `message` of each tells the caller what to fix.
 */

export class UnknownCommand extends Schema.TaggedError<UnknownCommand>()("UnknownCommand", {
  command: Schema.String,
}) {
  override get message() {
    return `Unknown command "${clip(this.command)}". Send one of the oxd commands (e.g. register_site, get_authorization_url).`
  }
}

export class InvalidParams extends Schema.TaggedError<InvalidParams>()("InvalidParams", {
  /** the reference oxd code for this field (bad_request unless the command names a specific one) */
  code: Schema.String,
  field: Schema.String,
  detail: Schema.String,
}) {
  override get message() {
    return this.field ? `Invalid params: "${this.field}" ${this.detail}` : `Invalid params: ${this.detail}`
  }
}

/**
 * Params the reference's JSON mapper could not read (audit X1–X3: missing or null, not an object, a value of the
 * wrong JSON type): its internal_error "Command parameters are not specified or otherwise malformed." (ERC:21).
 */
export class MalformedParams extends Schema.TaggedError<MalformedParams>()("MalformedParams", {
  field: Schema.String,
  detail: Schema.String,
}) {
  override get message() {
    return `Command parameters are not specified or otherwise malformed: ${this.field ? `"${this.field}" ` : ""}${this.detail}`
  }
}

export class UnknownOxdId extends Schema.TaggedError<UnknownOxdId>()("UnknownOxdId", {
  oxd_id: Schema.String,
}) {
  override get message() {
    return `No site is registered with oxd_id "${clip(this.oxd_id)}". Call register_site first, or check the oxd_id you stored.`
  }
}

export class MissingOpHost extends Schema.TaggedError<MissingOpHost>()("MissingOpHost", {}) {
  override get message() {
    return "op_host is missing: pass it in params, or start the server with default_op_host (--default-op-host, OXD_DEFAULT_OP_HOST)."
  }
}

export class InvalidAlgorithm extends Schema.TaggedError<InvalidAlgorithm>()("InvalidAlgorithm", {
  algorithm: Schema.String,
}) {
  override get message() {
    const what = this.algorithm
      ? `Algorithm "${clip(this.algorithm)}" is not supported`
      : "An algorithm is required (private_key_jwt signs with it)"
    return `${what}. Use one of none, HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512.`
  }
}

/**
 * A state that cannot be accepted. The reference answers every such state with bad_request "'state' is not
 * registered." (its ErrorResponseCode BAD_REQUEST_STATE_NOT_VALID); the reason (used, expired, foreign) follows it.
 */
export class InvalidState extends Schema.TaggedError<InvalidState>()("InvalidState", {
  reason: Schema.Literals(["unknown", "used", "expired"]),
}) {
  override get message() {
    switch (this.reason) {
      case "used":
        return "'state' is not registered. It was already used: an authorization response is accepted once. Call get_authorization_url again."
      case "expired":
        return "'state' is not registered. It has expired: the user took too long to log in. Call get_authorization_url again."
      default:
        return "'state' is not registered. It was not issued by this server for this oxd_id. Pass the state from the OP's redirect, unchanged."
    }
  }
}

/** What was wrong with an ID token; the wire code is the reference's (errorCodes.ts), the reason is in the description. */
export const IdTokenRejectionReason = Schema.Literals([
  "bad_nonce",
  "bad_audience",
  "expired",
  "bad_issuer",
  "bad_signature",
  /** not a JWT at all (the reference fails to parse it: internal_error) */
  "malformed",
  "unknown",
])
export type IdTokenRejectionReason = typeof IdTokenRejectionReason.Type

export class IdTokenRejected extends Schema.TaggedError<IdTokenRejected>()("IdTokenRejected", {
  reason: IdTokenRejectionReason,
  detail: Schema.String,
}) {
  override get message() {
    return `The OP's ID token was rejected (${this.reason}): ${this.detail}`
  }
}

export class AccessTokenHashMismatch extends Schema.TaggedError<AccessTokenHashMismatch>()(
  "AccessTokenHashMismatch",
  {},
) {
  override get message() {
    return "The ID token's at_hash does not match the access token: the token response may have been tampered with."
  }
}

export class AuthorizationCodeHashMismatch extends Schema.TaggedError<AuthorizationCodeHashMismatch>()(
  "AuthorizationCodeHashMismatch",
  {},
) {
  override get message() {
    return "The ID token's c_hash does not match the authorization code."
  }
}

export class NoIdToken extends Schema.TaggedError<NoIdToken>()("NoIdToken", {
  source: Schema.Literals(["op", "caller"]),
}) {
  override get message() {
    return this.source === "op"
      ? "The OP returned no id_token. Check that the site requests the openid scope."
      : "No ID token is known for this site: pass id_token_hint, or sign the user in first (get_tokens_by_code)."
  }
}

export class NoAccessToken extends Schema.TaggedError<NoAccessToken>()("NoAccessToken", {}) {
  override get message() {
    return "The OP returned no access_token."
  }
}

export class OpDiscoveryFailed extends Schema.TaggedError<OpDiscoveryFailed>()("OpDiscoveryFailed", {
  op_host: Schema.String,
  detail: Schema.String,
  /** the OP's own words (its error_description, the issuer its document names): withheld from commands without a token */
  op_text: Schema.optional(Schema.String),
}) {
  override get message() {
    const said = this.op_text ? `: ${clip(this.op_text, 200)}` : ""
    return `OpenID discovery failed for "${clip(this.op_host, 200)}": ${this.detail}${said}. Check op_host (and op_discovery_path).`
  }
}

/**
 * The OP answered, with an OAuth error. The reference reports it as internal_error where its operation handles the
 * answer (registration, tokens: audit X9), as http_status_<status> where the HTTP error reaches its Processor
 * (introspection and the UMA calls: `passthrough`).
 */
export class OpRejected extends Schema.TaggedError<OpRejected>()("OpRejected", {
  operation: Schema.String,
  op_error: Schema.String,
  op_error_description: Schema.String,
  /** the OP's HTTP status, when the refusal is the OP's answer (not one oxd made up) */
  op_status: Schema.optional(Schema.Number),
  /** answered as the reference's http_status_<op_status> (its Processor.java:87-92), not internal_error */
  passthrough: Schema.optional(Schema.Boolean),
  /** the OP's free text was left out (opErrors.ts withoutOpText) */
  withheld: Schema.optional(Schema.Boolean),
  /** what to check at the OP, for a refusal that is about the client's registration (opEndpoints.ts); not with `withheld` */
  advice: Schema.optional(Schema.String),
}) {
  override get message() {
    if (this.withheld) {
      return `The OP refused ${this.operation} with "${this.op_error}" (HTTP ${this.op_status}); its description is not passed on to commands that need no protection token.`
    }
    const d = this.op_error_description ? `: ${this.op_error_description}` : ""
    return `The OP refused ${this.operation} with "${this.op_error}"${d}${this.advice ? ` (HTTP ${this.op_status ?? "?"}). ${this.advice}` : ""}`
  }
}

/**
 * The OP answered (an HTTP status), with neither what the call needs nor an OAuth error: a 403 with an empty body,
 * an HTML page, a body that is not JSON. Not unreachability: the description names the endpoint, the status and what
 * to check at the OP. The reference's code for a call that fails so, internal_error (http_status_<status> where it
 * passes the HTTP error through: introspection), as OpRejected's.
 */
export class OpAnswerUnusable extends Schema.TaggedError<OpAnswerUnusable>()("OpAnswerUnusable", {
  operation: Schema.String,
  /** "token endpoint", "userinfo endpoint"… (opEndpoints.ts) */
  endpoint: Schema.String,
  /** the HTTP status, when known (a body that fails to parse is read after a 2xx) */
  status: Schema.optional(Schema.Number),
  /** what came back: "an empty body", "a text/html body", "a body that is not JSON" */
  body: Schema.String,
  advice: Schema.String,
  passthrough: Schema.optional(Schema.Boolean),
}) {
  override get message() {
    const status = this.status === undefined ? "" : `HTTP ${this.status} and `
    return `The OP's ${this.endpoint} answered the ${this.operation} request with ${status}${this.body}, not an OAuth answer. ${this.advice}`
  }
}

/**
 * The OP could not be reached, timed out or answered something that is not OAuth: the reference's
 * no_connect_discovery_response / no_uma_discovery_response for a discovery, internal_error for any later call (X10).
 */
export class OpUnreachable extends Schema.TaggedError<OpUnreachable>()("OpUnreachable", {
  operation: Schema.String,
  detail: Schema.String,
}) {
  override get message() {
    return `The OP could not be used for ${this.operation}: ${this.detail}. Retry later or check the OP.`
  }
}

/**
 * The OP's userinfo answer is about another subject than the ID token the access token came with (OpenID Connect
 * Core 5.3.2: it must not be used). The reference never checked this; an addition, answered as internal_error.
 */
export class UserInfoSubjectMismatch extends Schema.TaggedError<UserInfoSubjectMismatch>()("UserInfoSubjectMismatch", {
  /** the caller's id_token (oxd 4.x get_user_info) named the subject, not the server's record of the access token */
  by_id_token: Schema.optional(Schema.Boolean),
}) {
  override get message() {
    if (this.by_id_token)
      return "The OP's userinfo sub does not match the sub of the id_token given (OpenID Connect Core 5.3.2): the claims are about another user and are not returned."
    return (
      "The OP's userinfo sub does not match the sub of the ID token this access token came with (OpenID Connect Core 5.3.2): " +
      "the claims are about another user and are not returned. The access token may have been substituted or mixed up: sign the user in again."
    )
  }
}

/**
 * A step the reference answers with internal_error when it fails (its operation returned null or threw): the OP
 * refusing the code of get_tokens_by_code or a refresh token, the AS refusing a permission ticket, a grant answer
 * without the token. The precise reason is the description.
 */
export class OperationFailed extends Schema.TaggedError<OperationFailed>()("OperationFailed", {
  operation: Schema.String,
  detail: Schema.String,
}) {
  override get message() {
    return `${this.operation} failed: ${this.detail}`
  }
}

/** A request to the OP that allowed_op_hosts does not let the server send (services/opHosts/OpHostPolicy.ts). */
export class OpHostNotAllowed extends Schema.TaggedError<OpHostNotAllowed>()("OpHostNotAllowed", {
  operation: Schema.String,
  url: Schema.String,
  detail: Schema.String,
}) {
  override get message() {
    return `The server does not call ${clip(this.url, 200)} (for ${this.operation}): ${this.detail}.`
  }
}

/** The OP offers no dynamic client registration (register_site, setup_client without client_id and client_secret). */
export class NoRegistrationEndpoint extends Schema.TaggedError<NoRegistrationEndpoint>()("NoRegistrationEndpoint", {
  op_host: Schema.String,
}) {
  override get message() {
    return `The OP "${clip(this.op_host, 200)}" advertises no registration_endpoint: it does not register clients dynamically. Register the client at the OP and pass client_id and client_secret.`
  }
}

export class NoEndSessionEndpoint extends Schema.TaggedError<NoEndSessionEndpoint>()("NoEndSessionEndpoint", {
  op_host: Schema.String,
}) {
  override get message() {
    return `The OP "${this.op_host}" advertises no end_session_endpoint, so no logout URI can be built.`
  }
}

/**
 * update_site cannot reach the site's registration at the OP: "missing" (the site has no registration_client_uri:
 * the reference's invalid_registration_client_url, UpdateSiteOperation.java:71-74) or "unusable" (not an http(s)
 * URL: the reference's call fails, internal_error).
 */
export class InvalidRegistrationClientUrl extends Schema.TaggedError<InvalidRegistrationClientUrl>()(
  "InvalidRegistrationClientUrl",
  { reason: Schema.Literals(["missing", "unusable"]), detail: Schema.String },
) {
  override get message() {
    return `The site's registration_client_uri cannot be used: ${this.detail}`
  }
}

export class ProtectionTokenMissing extends Schema.TaggedError<ProtectionTokenMissing>()("ProtectionTokenMissing", {}) {
  override get message() {
    return "protection_access_token is required: obtain one with get_client_token for your setup client."
  }
}

export class ProtectionTokenInvalid extends Schema.TaggedError<ProtectionTokenInvalid>()("ProtectionTokenInvalid", {
  detail: Schema.String,
}) {
  override get message() {
    return `protection_access_token is not valid for this site: ${this.detail}`
  }
}

export class ProtectionTokenInactive extends Schema.TaggedError<ProtectionTokenInactive>()(
  "ProtectionTokenInactive",
  {},
) {
  override get message() {
    return "protection_access_token is expired or revoked: obtain a new one with get_client_token."
  }
}

export class ProtectionTokenInsufficientScope extends Schema.TaggedError<ProtectionTokenInsufficientScope>()(
  "ProtectionTokenInsufficientScope",
  { required: Schema.String },
) {
  override get message() {
    return `protection_access_token has none of the scopes ${this.required}: request one in get_client_token (the setup client is registered with them).`
  }
}

/** The site has no setup client, so no protection token can drive it (the reference's no_setup_client_for_oxd_id). */
export class NoSetupClientForSite extends Schema.TaggedError<NoSetupClientForSite>()("NoSetupClientForSite", {
  detail: Schema.String,
}) {
  override get message() {
    return `There is no setup client for this oxd_id: ${this.detail}. Register the site with a protection_access_token (or use setup_client's oxd_id).`
  }
}

export class InvalidIntrospectionResponse extends Schema.TaggedError<InvalidIntrospectionResponse>()(
  "InvalidIntrospectionResponse",
  { detail: Schema.String },
) {
  override get message() {
    return `The OP's introspection response is unusable: ${this.detail}`
  }
}

export class RemoveSiteFailed extends Schema.TaggedError<RemoveSiteFailed>()("RemoveSiteFailed", {
  oxd_id: Schema.String,
}) {
  override get message() {
    return `Site "${this.oxd_id}" could not be removed. Retry; if it persists, check the server's database.`
  }
}

export class StoreFailed extends Schema.TaggedError<StoreFailed>()("StoreFailed", {
  operation: Schema.String,
  cause: Schema.Defect(),
}) {
  override get message() {
    return `The server's database failed during ${this.operation}.`
  }
}

export class ResourceNotProtected extends Schema.TaggedError<ResourceNotProtected>()("ResourceNotProtected", {
  path: Schema.String,
  http_method: Schema.String,
}) {
  override get message() {
    // the reference's text (RsCheckAccessOperation)
    return `Resource is not protected with path: ${clip(this.path)} and httpMethod: ${clip(this.http_method)}. Please protect your resource first with uma_rs_protect command. Check details on https://gluu.org/docs/oxd`
  }
}

export class UmaProtectionExists extends Schema.TaggedError<UmaProtectionExists>()("UmaProtectionExists", {}) {
  override get message() {
    return "Resources are already protected for this oxd_id. Send overwrite: true to replace them."
  }
}

export class InvalidUmaRequest extends Schema.TaggedError<InvalidUmaRequest>()("InvalidUmaRequest", {
  detail: Schema.String,
}) {
  override get message() {
    return `Nothing to protect: ${this.detail}`
  }
}

export class HttpMethodNotUnique extends Schema.TaggedError<HttpMethodNotUnique>()("HttpMethodNotUnique", {
  path: Schema.String,
  http_method: Schema.String,
}) {
  override get message() {
    return `HTTP method ${this.http_method} is listed twice for path ${clip(this.path)}: list each method once per path.`
  }
}

export class InvalidScopeExpression extends Schema.TaggedError<InvalidScopeExpression>()("InvalidScopeExpression", {
  path: Schema.String,
  detail: Schema.String,
}) {
  override get message() {
    return `scope_expression of path ${clip(this.path)} is not valid JsonLogic: ${this.detail}`
  }
}

export class UmaDiscoveryFailed extends Schema.TaggedError<UmaDiscoveryFailed>()("UmaDiscoveryFailed", {
  op_host: Schema.String,
  detail: Schema.String,
}) {
  override get message() {
    return `UMA discovery (/.well-known/uma2-configuration) failed for "${clip(this.op_host, 200)}": ${this.detail}`
  }
}

/** The AS needs claims before it issues the RPT; details is its answer (ticket, required_claims, redirect_user). */
export class NeedInfo extends Schema.TaggedError<NeedInfo>()("NeedInfo", { details: Schema.Unknown }) {
  override get message() {
    return "The authorization server needs additional information in order to determine whether the client is authorized to have these permissions."
  }
}

/**
 * The AS refused the uma-ticket grant (unknown or used ticket, a deny policy, a missing ticket…). The reference
 * passes such an answer on as error http_status_<the AS's status> with the AS's body, unchanged, as the description
 * (its Processor and HttpErrorResponseException); so do we, the body clipped.
 */
export class UmaGrantRefused extends Schema.TaggedError<UmaGrantRefused>()("UmaGrantRefused", {
  status: Schema.Number,
  body: Schema.String,
}) {
  override get message() {
    return clip(this.body, 2000)
  }
}

/** The site cannot get a protection API token (PAT) from the AS. */
export class PatUnavailable extends Schema.TaggedError<PatUnavailable>()("PatUnavailable", { detail: Schema.String }) {
  override get message() {
    return `No protection API token (PAT) could be obtained for the site: ${this.detail}. Register the site with grant_types client_credentials and scope uma_protection.`
  }
}

/** Too many commands from one remote address (rate_limit_per_minute); an addition to the reference codes. */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  per_minute: Schema.Number,
  retry_after_seconds: Schema.Number,
}) {
  override get message() {
    return `Too many commands from your address: at most ${this.per_minute} a minute. Retry in ${this.retry_after_seconds}s.`
  }
}

/** Why an edge refuses a message before any command runs; errorCodes.ts gives each its code. */
export const EDGE_REFUSAL_REASONS = [
  "unreadable_message",
  "no_command",
  "no_such_endpoint",
  "bad_request",
  "forbidden_access",
  "unauthorized",
  "over_limit",
  "failed",
  "foreign_authorization_oxd_id",
] as const
export type EdgeRefusalReason = (typeof EDGE_REFUSAL_REASONS)[number]

/**
 * A message, body, path, method or connection an edge cannot take (TCP frames, HTTP requests, tRPC messages, the admin
 * port). The edge says why (`detail`) and, over HTTP, may give its status (413, 431…); the wire code is the table's,
 * so every edge answers one condition with one code.
 */
export class EdgeRefusal extends Schema.TaggedError<EdgeRefusal>()("EdgeRefusal", {
  reason: Schema.Literals(EDGE_REFUSAL_REASONS),
  detail: Schema.String,
  status: Schema.optional(Schema.Number),
}) {
  override get message() {
    return this.detail
  }
}

// ── oxd 4.x (issue 28): codes of GluuFederation/oxd master, oxd-common/…/ErrorResponseCode.java ──

/** Neither op_host nor op_configuration_endpoint (nor default_op_host): ErrorResponseCode.java:64. */
export class NoOpLocation extends Schema.TaggedError<NoOpLocation>()("NoOpLocation", {}) {
  override get message() {
    return "Both op_host and op_configuration_endpoint are empty: send one of them (op_configuration_endpoint: the URL of the OP's /.well-known/openid-configuration), or start the server with default_op_host."
  }
}

/**
 * get_issuer: WebFinger gave no usable answer (failed_to_get_issuer, ErrorResponseCode.java:99), or none of its issuer
 * links is the issuer of the OP's discovery (invalid_issuer_discovered, :100).
 */
export class IssuerDiscoveryFailed extends Schema.TaggedError<IssuerDiscoveryFailed>()("IssuerDiscoveryFailed", {
  reason: Schema.Literals(["webfinger", "mismatch"]),
  detail: Schema.String,
}) {
  override get message() {
    return this.reason === "mismatch"
      ? `Discovered issuer not matched with issuer obtained from WebFinger: ${clip(this.detail, 300)}`
      : `Failed to get the OP's issuer by WebFinger: ${clip(this.detail, 300)}. Check the resource (acct:user@host, user@host or an https URL).`
  }
}

/** A request object id this server does not hold (expired, or never issued): ErrorResponseCode.java:102. */
export class RequestObjectNotFound extends Schema.TaggedError<RequestObjectNotFound>()("RequestObjectNotFound", {}) {
  override get message() {
    return "Request object not found. The request_uri has either expired or it does not exist."
  }
}

/**
 * check_id_token: the ID token lacks a hash claim the reference requires (at_hash for a site with response type token,
 * c_hash when a code is given): at_hash_not_found, c_hash_not_found (ErrorResponseCode.java:116-117).
 */
export class IdTokenHashMissing extends Schema.TaggedError<IdTokenHashMissing>()("IdTokenHashMissing", {
  claim: Schema.Literals(["at_hash", "c_hash"]),
}) {
  override get message() {
    return `${this.claim} is missing in the ID token: ${this.claim === "c_hash" ? "a code was given to check against it" : "the site's response types include token, so the ID token must bind its access token"}.`
  }
}

/** check_id_token: the ID token's s_hash is not the hash of the state given (ErrorResponseCode.java:53). */
export class StateHashMismatch extends Schema.TaggedError<StateHashMismatch>()("StateHashMismatch", {}) {
  override get message() {
    return "State is invalid: its hash does not match the ID token's s_hash."
  }
}

/** A command that exists but is switched off by configuration (the test helpers: test_helpers_enabled). */
export class CommandDisabled extends Schema.TaggedError<CommandDisabled>()("CommandDisabled", {
  command: Schema.String,
  key: Schema.String,
}) {
  override get message() {
    return `The command "${this.command}" is disabled on this server: it is a test helper that logs a user in with a password. An operator enables it with ${this.key}: true, on test deployments only.`
  }
}

export type OxdError =
  | UnknownCommand
  | InvalidParams
  | MalformedParams
  | UnknownOxdId
  | MissingOpHost
  | InvalidAlgorithm
  | InvalidState
  | IdTokenRejected
  | AccessTokenHashMismatch
  | AuthorizationCodeHashMismatch
  | NoIdToken
  | NoAccessToken
  | OpDiscoveryFailed
  | OpRejected
  | OpUnreachable
  | OpAnswerUnusable
  | UserInfoSubjectMismatch
  | OperationFailed
  | OpHostNotAllowed
  | NoRegistrationEndpoint
  | NoEndSessionEndpoint
  | InvalidRegistrationClientUrl
  | ProtectionTokenMissing
  | ProtectionTokenInvalid
  | ProtectionTokenInactive
  | ProtectionTokenInsufficientScope
  | NoSetupClientForSite
  | InvalidIntrospectionResponse
  | RemoveSiteFailed
  | StoreFailed
  | ResourceNotProtected
  | UmaProtectionExists
  | InvalidUmaRequest
  | HttpMethodNotUnique
  | InvalidScopeExpression
  | UmaDiscoveryFailed
  | NeedInfo
  | UmaGrantRefused
  | PatUnavailable
  | RateLimited
  | EdgeRefusal
  | NoOpLocation
  | IssuerDiscoveryFailed
  | RequestObjectNotFound
  | CommandDisabled
  | IdTokenHashMissing
  | StateHashMismatch
