import * as oidc from "openid-client"
import {
  IdTokenRejected,
  NoAccessToken,
  NoIdToken,
  OpAnswerUnusable,
  OpDiscoveryFailed,
  OperationFailed,
  OpHostNotAllowed,
  OpRejected,
  OpUnreachable,
  type OxdError,
} from "../errors.js"
import { adviceFor, endpointOf, isRegistrationProblem } from "./opEndpoints.js"
import { refusalIn } from "./opHosts/OpHostPolicy.js"
import { CircuitOpenError } from "./opResilience.js"

const describe = (e: unknown, depth = 0): string => {
  if (!(e instanceof Error)) return String(e)
  if (e instanceof CircuitOpenError) return e.message
  if (e.name === "TimeoutError" || e.name === "AbortError" || (e as { code?: unknown }).code === "OAUTH_TIMEOUT")
    return "the request timed out"
  const cause = (e as { cause?: unknown }).cause
  if (e.message === "fetch failed" && cause instanceof Error) {
    const code = (cause as { code?: string }).code
    return code ? `${code} (${cause.message})` : cause.message
  }
  // openid-client wraps what our fetch threw (an open circuit…) as "something went wrong"
  if (e.message === "something went wrong" && cause instanceof Error && depth < 3) return describe(cause, depth + 1)
  return e.message
}

/** An OP that could not be reached at all (as opposed to one that answered something unusable). */
export const isConnectivityFailure = (detail: string): boolean =>
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|timed out|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_SOCKET|UND_ERR_CONNECT|other side closed|circuit open/.test(
    detail,
  )

/** A request allowed_op_hosts refused (OpFetch threw it; fetch, openid-client or jose wrapped it), as the oxd error. */
export const notAllowed = (operation: string, e: unknown): OpHostNotAllowed | undefined => {
  const refused = refusalIn(e)
  return refused && new OpHostNotAllowed({ operation, url: refused.url, detail: refused.detail })
}

type Answer = Pick<Response, "status" | "headers" | "body">

/**
 * The OP's HTTP answer a failure carries (openid-client keeps the Response as the cause of a non-conform one). By
 * shape: OpFetch's responses are undici's, not instances of the global Response.
 */
const answerIn = (e: unknown): Answer | undefined => {
  for (let c: unknown = e, depth = 0; c && depth < 5; c = (c as { cause?: unknown }).cause, depth++) {
    const r = c as Partial<Answer>
    if (typeof r.status === "number" && typeof r.headers?.get === "function") return r as Answer
  }
  return undefined
}

/** What an answer's body was, from its headers (the body itself is not quoted: it is the OP's free text). */
const bodyOf = (res: Answer): string => {
  const type = res.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase()
  if (res.headers.get("content-length") === "0" || res.body === null) return "an empty body"
  if (type && /^[a-z0-9.+-]{1,40}\/[a-z0-9.+-]{1,60}$/.test(type)) return `a ${type} body`
  return "a body of no declared content type"
}

/** The client a call authenticates as, for the advice (its token_endpoint_auth_method). */
export interface ForClient {
  readonly authMethod?: string | undefined
}

/** An answer of the OP that is no OAuth answer: named by endpoint, status and body, with what to check. */
export const unusableAnswer = (
  operation: string,
  client: ForClient | undefined,
  status: number | undefined,
  body: string,
): OpAnswerUnusable =>
  new OpAnswerUnusable({
    operation,
    endpoint: endpointOf(operation),
    ...(status !== undefined ? { status } : {}),
    body,
    advice: adviceFor(operation, client?.authMethod, status),
  })

/** An argument openid-client refused before sending anything (e.g. '"metadata.client_secret" must be a string'). */
const isLocalArgumentError = (e: unknown): e is TypeError =>
  e instanceof TypeError && /^ERR_INVALID_ARG_/.test(String((e as { code?: unknown }).code ?? ""))

/**
 * openid-client's failures, as oxd errors: an OAuth error from the OP (OpRejected), an answer that is none
 * (OpAnswerUnusable: the OP answered, so it is not unreachable), a request that could not even be made here
 * (OperationFailed: nothing was sent), or an OP that could not be reached (OpUnreachable).
 */
export const toOpError =
  (operation: string, client?: ForClient) =>
  (e: unknown): OpRejected | OpUnreachable | OpAnswerUnusable | OpHostNotAllowed | OperationFailed => {
    const refused = notAllowed(operation, e)
    if (refused) return refused
    const advice = (error: string, status: number) =>
      isRegistrationProblem(error) ? { advice: adviceFor(operation, client?.authMethod, status) } : {}
    if (e instanceof oidc.ResponseBodyError) {
      return new OpRejected({
        operation,
        op_error: e.error,
        op_error_description: e.error_description ?? "",
        op_status: e.status,
        ...advice(e.error, e.status),
      })
    }
    if (e instanceof oidc.WWWAuthenticateChallengeError) {
      // e.g. invalid_client answered with 401 and a Bearer/Basic challenge instead of a JSON body
      const params = e.cause[0]?.parameters
      const error = params?.error ?? "unauthorized"
      return new OpRejected({
        operation,
        op_error: error,
        op_error_description: params?.error_description ?? "the OP refused the client's credentials",
        op_status: e.status,
        ...advice(error === "unauthorized" ? "invalid_client" : error, e.status),
      })
    }
    const answer = answerIn(e)
    if (answer) return unusableAnswer(operation, client, answer.status, bodyOf(answer))
    if (e instanceof oidc.ClientError && e.code === "OAUTH_PARSE_ERROR")
      return unusableAnswer(operation, client, undefined, "a body that is not JSON")
    if (e instanceof oidc.ClientError && e.code === "OAUTH_INVALID_RESPONSE")
      return unusableAnswer(operation, client, undefined, `an answer oxd cannot use (${innerMessage(e)})`)
    if (isLocalArgumentError(e)) {
      return new OperationFailed({
        operation: `The ${operation} request`,
        detail: `it could not be made, nothing was sent to the OP: ${e.message}. Check the site's client (its token_endpoint_auth_method and client_secret)`,
      })
    }
    return new OpUnreachable({ operation, detail: describe(e) })
  }

/** The claim a check failed on: openid-client keeps oauth4webapi's error, with the claim, as its cause. */
const failedClaim = (e: unknown): string | undefined => {
  for (let c: unknown = e, depth = 0; c && depth < 4; c = (c as { cause?: unknown }).cause, depth++) {
    const claim = (c as { claim?: unknown }).claim
    if (typeof claim === "string") return claim
  }
  return undefined
}

/**
 * openid-client reports a malformed token response as "invalid response encountered"; the oauth4webapi error
 * it wraps (its cause) says what was wrong, e.g. '"response" body "id_token" property must be a string'.
 */
const innerMessage = (e: unknown): string => {
  let message = e instanceof Error ? e.message : String(e)
  for (
    let c: unknown = (e as { cause?: unknown }).cause, depth = 0;
    c instanceof Error && depth < 4;
    c = c.cause, depth++
  )
    message = c.message
  return message
}

const missing = (e: unknown, property: "id_token" | "access_token"): boolean =>
  e instanceof oidc.ClientError &&
  e.code === "OAUTH_INVALID_RESPONSE" &&
  innerMessage(e).includes(`"response" body "${property}" property`)

/** A token response without the token the caller needs: no_id_token / no_access_token, not an unreachable OP. */
export const noIdToken = (e: unknown): NoIdToken | undefined =>
  missing(e, "id_token") ? new NoIdToken({ source: "op" }) : undefined
export const noAccessToken = (e: unknown): NoAccessToken | undefined =>
  missing(e, "access_token") ? new NoAccessToken() : undefined

/** oauth4webapi's words for a token that cannot be parsed as a JWT at all. */
const NOT_A_JWT = /^Invalid JWT$|failed to parse JWT (Header|Payload)|JWT (Header|Payload) must be a top level object/

/** openid-client's ID token claim checks, named as oxd names ID token failures. */
export const idTokenFailure = (e: unknown): IdTokenRejected | undefined => {
  if (!(e instanceof oidc.ClientError)) return undefined
  const claim = failedClaim(e)
  if (e.code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED") {
    if (claim === "nonce")
      return new IdTokenRejected({
        reason: "bad_nonce",
        detail: "nonce does not match the one sent in the authorization request",
      })
    if (claim === "aud" || claim === "azp")
      return new IdTokenRejected({ reason: "bad_audience", detail: `${claim} does not name this site's client_id` })
    if (claim === "iss") return new IdTokenRejected({ reason: "bad_issuer", detail: "iss is not the OP's issuer" })
    return new IdTokenRejected({ reason: "unknown", detail: e.message })
  }
  if (e.code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED") {
    if (claim === "exp") return new IdTokenRejected({ reason: "expired", detail: "exp is in the past" })
    return new IdTokenRejected({ reason: "unknown", detail: e.message })
  }
  if (e.code === "OAUTH_INVALID_RESPONSE" || e.code === "OAUTH_PARSE_ERROR") {
    // a required claim missing or of the wrong type, or an unparsable ID token (e.message is generic)
    const inner = innerMessage(e)
    if (NOT_A_JWT.test(inner))
      return new IdTokenRejected({ reason: "malformed", detail: `the ID token is not a JWT (${inner})` })
    if (e.code === "OAUTH_PARSE_ERROR") return undefined
    if (claim === "nonce" || /"nonce"/.test(inner)) return new IdTokenRejected({ reason: "bad_nonce", detail: inner })
    if (/JWT|ID Token|id_token/.test(inner)) return new IdTokenRejected({ reason: "unknown", detail: inner })
  }
  return undefined
}

/** An OAuth error code as RFC 6749 §5.2 shapes it (printable ASCII, no space, quote or backslash); else it is free text. */
export const isOAuthErrorCode = (s: string): boolean => /^[\x21\x23-\x5b\x5d-\x7e]{1,64}$/.test(s)

/**
 * An error for a command that needs no protection token (setup_client, get_client_token: anyone who reaches the
 * server may send them, naming any OP): the OP's OAuth error code and HTTP status stay, its free text does not,
 * so the server does not relay what some host answered to whoever made it ask. Other errors pass unchanged.
 * Decided by the command, not by the OP (say, "an OP some site is registered at"): with TCP unprotected anyone may
 * register a site at any OP, while a protected command's caller holds a token of one of this server's setup clients.
 */
export const withoutOpText = (e: OxdError): OxdError => {
  if (e._tag === "OpRejected" && e.op_status !== undefined) {
    return new OpRejected({
      operation: e.operation,
      op_error: isOAuthErrorCode(e.op_error) ? e.op_error : "unrecognised_error",
      op_error_description: "",
      op_status: e.op_status,
      withheld: true,
      ...(e.passthrough ? { passthrough: true } : {}),
    })
  }
  if (e._tag === "OpDiscoveryFailed" && e.op_text !== undefined)
    return new OpDiscoveryFailed({ op_host: e.op_host, detail: e.detail })
  return e
}
