/**
 * The mapping of openid-client failures to oxd errors. The errors are built the way openid-client builds
 * them (a ClientError with a generic message wrapping oauth4webapi's OperationProcessingError); the
 * behaviour against a real OP is covered by the command tests.
 */
import * as oidc from "openid-client"
import { describe, expect, it } from "vitest"
import { toWireError } from "../errorCodes.js"
import { idTokenFailure, noAccessToken, noIdToken, toOpError } from "./opErrors.js"

/** What openid-client throws for an oauth4webapi OperationProcessingError of `code` (its errorHandler). */
const wrapped = (generic: string, inner: string, code: string, details?: Record<string, unknown>) => {
  const cause = Object.assign(new Error(inner, { cause: details }), { name: "OperationProcessingError", code })
  return new oidc.ClientError(generic, { cause, code } as ErrorOptions) // openid-client passes the code at run time
}

const noIdTokenInResponse = wrapped("invalid response encountered", '"response" body "id_token" property must be a string', "OAUTH_INVALID_RESPONSE")
const noAccessTokenInResponse = wrapped("invalid response encountered", '"response" body "access_token" property must be a string', "OAUTH_INVALID_RESPONSE")

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
    const e = idTokenFailure(wrapped("invalid response encountered", 'JWT "nonce" (nonce) claim missing', "OAUTH_INVALID_RESPONSE"))
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "bad_nonce" })
  })

  it("maps an ID token missing another required claim to invalid_id_token_unknown, naming the claim", () => {
    const e = idTokenFailure(wrapped("invalid response encountered", 'JWT "sub" (subject) claim missing', "OAUTH_INVALID_RESPONSE"))
    expect(e).toMatchObject({ _tag: "IdTokenRejected", reason: "unknown" })
    expect(e!.message).toContain('"sub"')
  })

  it("maps claim comparisons to the reason of the claim", () => {
    const compare = (claim: string) => wrapped("unexpected JWT claim value encountered", `unexpected JWT "${claim}" claim value`, "OAUTH_JWT_CLAIM_COMPARISON_FAILED", { claim })
    expect(idTokenFailure(compare("nonce"))?.reason).toBe("bad_nonce")
    expect(idTokenFailure(compare("aud"))?.reason).toBe("bad_audience")
    expect(idTokenFailure(compare("azp"))?.reason).toBe("bad_audience")
    expect(idTokenFailure(compare("iss"))?.reason).toBe("bad_issuer")
    const exp = wrapped("JWT timestamp claim value failed validation", 'unexpected JWT "exp" (expiration time) claim value, expiration is past current timestamp', "OAUTH_JWT_TIMESTAMP_CHECK_FAILED", { claim: "exp" })
    expect(idTokenFailure(exp)?.reason).toBe("expired")
  })

  it("leaves errors that are not about the ID token to toOpError", () => {
    expect(idTokenFailure(noAccessTokenInResponse)).toBeUndefined()
    expect(idTokenFailure(new TypeError("fetch failed"))).toBeUndefined()
  })

  it("maps a network failure to op_unreachable with the system error code", () => {
    const e = toOpError("token")(Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) }))
    expect(e).toMatchObject({ _tag: "OpUnreachable", operation: "token" })
    expect(e.message).toContain("ECONNREFUSED")
    expect(toWireError(e)).toMatchObject({ code: "op_unreachable", http: 502 })
  })

  it("maps a timeout to op_unreachable saying it timed out", () => {
    const e = toOpError("userinfo")(new DOMException("The operation was aborted due to timeout", "TimeoutError"))
    expect(e.message).toContain("timed out")
  })
})
