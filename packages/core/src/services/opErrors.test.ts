/**
 * The mapping of openid-client failures to oxd errors. The errors are built the way openid-client builds
 * them (a ClientError with a generic message wrapping oauth4webapi's OperationProcessingError); the
 * behaviour against a real OP is covered by the command tests.
 */
import * as oidc from "openid-client"
import { describe, expect, it } from "vitest"
import { toWireError } from "../errorCodes.js"
import { OpDiscoveryFailed, OpRejected } from "../errors.js"
import { OpHostRefused } from "./opHosts/OpHostPolicy.js"
import { idTokenFailure, noAccessToken, noIdToken, toOpError, withoutOpText } from "./opErrors.js"

/** What openid-client throws for an oauth4webapi OperationProcessingError of `code` (its errorHandler). */
const wrapped = (generic: string, inner: string, code: string, details?: Record<string, unknown>) => {
  const cause = Object.assign(new Error(inner, { cause: details }), { name: "OperationProcessingError", code })
  return new oidc.ClientError(generic, { cause, code } as ErrorOptions) // openid-client passes the code at run time
}

const noIdTokenInResponse = wrapped(
  "invalid response encountered",
  '"response" body "id_token" property must be a string',
  "OAUTH_INVALID_RESPONSE",
)
const noAccessTokenInResponse = wrapped(
  "invalid response encountered",
  '"response" body "access_token" property must be a string',
  "OAUTH_INVALID_RESPONSE",
)

describe("opErrors", () => {
  it("maps a token response without id_token to no_id_token", () => {
    const e = noIdToken(noIdTokenInResponse)
    expect(e?._tag).toBe("NoIdToken")
    expect(toWireError(e!)).toMatchObject({ code: "no_id_token", http: 500 })
    expect(noIdToken(noAccessTokenInResponse)).toBeUndefined()
  })

  it("maps a token response without access_token to no_access_token", () => {
    const e = noAccessToken(noAccessTokenInResponse)
    expect(e?._tag).toBe("NoAccessToken")
    expect(toWireError(e!)).toMatchObject({ code: "no_access_token", http: 500 })
    expect(noAccessToken(noIdTokenInResponse)).toBeUndefined()
  })

  it("maps an ID token without the nonce it must carry to invalid_id_token_bad_nonce", () => {
    const e = idTokenFailure(
      wrapped("invalid response encountered", 'JWT "nonce" (nonce) claim missing', "OAUTH_INVALID_RESPONSE"),
    )
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_nonce" })
  })

  it("maps an ID token missing another required claim to invalid_id_token_unknown, naming the claim", () => {
    const e = idTokenFailure(
      wrapped("invalid response encountered", 'JWT "sub" (subject) claim missing', "OAUTH_INVALID_RESPONSE"),
    )
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "unknown" })
    expect(e!.message).toContain('"sub"')
  })

  it("maps claim comparisons to the reason of the claim", () => {
    const compare = (claim: string) =>
      wrapped(
        "unexpected JWT claim value encountered",
        `unexpected JWT "${claim}" claim value`,
        "OAUTH_JWT_CLAIM_COMPARISON_FAILED",
        { claim },
      )
    expect(idTokenFailure(compare("nonce"))?.reason).toBe("bad_nonce")
    expect(idTokenFailure(compare("aud"))?.reason).toBe("bad_audience")
    expect(idTokenFailure(compare("azp"))?.reason).toBe("bad_audience")
    expect(idTokenFailure(compare("iss"))?.reason).toBe("bad_issuer")
    const exp = wrapped(
      "JWT timestamp claim value failed validation",
      'unexpected JWT "exp" (expiration time) claim value, expiration is past current timestamp',
      "OAUTH_JWT_TIMESTAMP_CHECK_FAILED",
      { claim: "exp" },
    )
    expect(idTokenFailure(exp)?.reason).toBe("expired")
  })

  it("leaves errors that are not about the ID token to toOpError", () => {
    expect(idTokenFailure(noAccessTokenInResponse)).toBeUndefined()
    expect(idTokenFailure(new TypeError("fetch failed"))).toBeUndefined()
  })

  // X10: the reference's code for a call it could not make is internal_error; a discovery's is no_*_discovery_response
  // (DiscoveryService.java:78-82, 106-110)
  it("X10: maps a network failure to OpUnreachable naming the system error: internal_error, or the discovery's code", () => {
    const refused = () =>
      Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
      })
    const e = toOpError("token")(refused())
    expect(e).toMatchObject({ _tag: "OpUnreachable", operation: "token" })
    expect(e.message).toContain("ECONNREFUSED")
    expect(toWireError(e)).toMatchObject({ code: "internal_error", http: 502 })
    expect(toWireError(toOpError("discovery")(refused()))).toMatchObject({
      code: "no_connect_discovery_response",
      http: 502,
    })
    expect(toWireError(toOpError("UMA discovery")(refused()))).toMatchObject({
      code: "no_uma_discovery_response",
      http: 502,
    })
  })

  // X9: an OP's OAuth error is internal_error (the reference's operations answer it so), or http_status_<status> where
  // the reference lets the HTTP error through (Processor.java:87-92, IntrospectionService.java:46-55)
  it("X9: answers an OP's refusal with internal_error, or http_status_<status> when passed through", () => {
    const refusal = new OpRejected({
      operation: "token",
      op_error: "invalid_client",
      op_error_description: "bad secret",
      op_status: 401,
    })
    expect(toWireError(refusal)).toMatchObject({
      code: "internal_error",
      description: 'The OP refused token with "invalid_client": bad secret',
    })
    const relayed = new OpRejected({
      operation: "introspection",
      op_error: "invalid_client",
      op_error_description: "",
      op_status: 401,
      passthrough: true,
    })
    expect(toWireError(relayed).code).toBe("http_status_401")
    expect(toWireError(withoutOpText(relayed)).code).toBe("http_status_401")
  })

  it("maps a timeout to OpUnreachable saying it timed out", () => {
    const e = toOpError("userinfo")(new DOMException("The operation was aborted due to timeout", "TimeoutError"))
    expect(e.message).toContain("timed out")
  })
})

describe("opErrors: allowed_op_hosts refusals and the OP's free text", () => {
  it("makes a refusal found under openid-client's and fetch's wrappers invalid_op_host, naming the URL and what to do", () => {
    const refused = new OpHostRefused(
      "https://10.0.0.1/userinfo",
      "10.0.0.1 is a private address; add the origin https://10.0.0.1 to allowed_op_hosts",
    )
    const e = toOpError("userinfo")(
      new oidc.ClientError("something went wrong", { cause: new TypeError("fetch failed", { cause: refused }) }),
    )
    expect(e._tag).toBe("OpHostNotAllowed")
    expect(toWireError(e)).toEqual({
      code: "invalid_op_host",
      http: 400,
      description:
        "The server does not call https://10.0.0.1/userinfo (for userinfo): 10.0.0.1 is a private address; add the origin https://10.0.0.1 to allowed_op_hosts.",
    })
  })

  it("withoutOpText keeps the OP's error code and HTTP status, drops its description, and leaves oxd's own words alone", () => {
    const fromOp = new OpRejected({
      operation: "registration",
      op_error: "invalid_client_metadata",
      op_error_description: "internal: db at 10.1.2.3 said no",
      op_status: 400,
    })
    expect(withoutOpText(fromOp).message).toBe(
      'The OP refused registration with "invalid_client_metadata" (HTTP 400); its description is not passed on to commands that need no protection token.',
    )
    const notACode = new OpRejected({
      operation: "token",
      op_error: "<html>internal page</html>",
      op_error_description: "",
      op_status: 500,
    })
    expect(withoutOpText(notACode).message).toContain('with "unrecognised_error" (HTTP 500)')
    const oxdsOwn = new OpRejected({
      operation: "registration",
      op_error: "invalid_request",
      op_error_description: "the OP offers no dynamic client registration",
    })
    expect(withoutOpText(oxdsOwn)).toBe(oxdsOwn)
    const discovery = new OpDiscoveryFailed({
      op_host: "https://op.example.com",
      detail: "the discovery document names another issuer",
      op_text: "https://internal.example",
    })
    expect(withoutOpText(discovery).message).toBe(
      'OpenID discovery failed for "https://op.example.com": the discovery document names another issuer. Check op_host (and op_discovery_path).',
    )
    expect(discovery.message).toContain(": https://internal.example.")
  })
})

describe("opErrors: an OP that answered is not unreachable (issue 24)", () => {
  const notJson = (res: Response) => new oidc.ClientError("unexpected response content-type", { cause: res })

  it("an empty 403 (openid-client's unexpected response content-type): OpAnswerUnusable naming endpoint, status, body and advice", () => {
    const e = toOpError("token", { authMethod: "client_secret_post" })(
      notJson(new Response(null, { status: 403, headers: { "content-length": "0" } })),
    )
    expect(e._tag).toBe("OpAnswerUnusable")
    expect(toWireError(e)).toMatchObject({ code: "internal_error", http: 400 })
    expect(e.message).toMatch(
      /^The OP's token endpoint answered the token request with HTTP 403 and an empty body, not an OAuth answer\. Check at the OP that the client may use the authorization_code grant .* authenticates with client_secret_post/,
    )
  })

  it("names an HTML page by its content type, never quoting it; a 5xx advises the OP's logs (HTTP 502)", () => {
    const e = toOpError("userinfo")(
      notJson(
        new Response("<h1>secret internals</h1>", {
          status: 502,
          headers: { "content-type": "text/html; charset=utf-8" },
        }),
      ),
    )
    expect(e.message).toContain("userinfo endpoint answered the userinfo request with HTTP 502 and a text/html body")
    expect(e.message).toContain("check the OP's logs")
    expect(e.message).not.toContain("secret internals")
    expect(toWireError(e).http).toBe(502)
  })

  it("an argument openid-client refuses before sending (a missing secret): OperationFailed, saying nothing was sent", () => {
    const local = Object.assign(new TypeError('"metadata.client_secret" must be a string'), {
      code: "ERR_INVALID_ARG_TYPE",
    })
    const e = toOpError("token")(local)
    expect(e._tag).toBe("OperationFailed")
    expect(e.message).toContain("nothing was sent to the OP")
    // fetch's own TypeError (a network failure) stays unreachability
    expect(
      toOpError("token")(
        new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
        }),
      )._tag,
    ).toBe("OpUnreachable")
  })

  it("an OAuth refusal about the client's registration carries the advice and status; others do not", () => {
    const body = (error: string) =>
      new oidc.ResponseBodyError("server responded with an error in the response body", {
        cause: { error },
        response: new Response(null, { status: 400 }),
      } as never)
    expect(toOpError("refresh")(body("unauthorized_client")).message).toMatch(
      /"unauthorized_client" \(HTTP 400\)\. Check at the OP that the client may use the refresh_token grant/,
    )
    expect(toOpError("refresh")(body("invalid_grant")).message).toBe('The OP refused refresh with "invalid_grant"')
  })
})
