import type { IncomingMessage, ServerResponse } from "node:http"
import { sendJson } from "../http.js"
import type { UmaContext } from "./context.js"
import { UMA_PROTECTION_SCOPE } from "./paths.js"

/** An authenticated protection API request: the PAT's client is the resource server. */
export interface PatIdentity {
  clientId: string
}

/**
 * Checks `Authorization: Bearer <PAT>`: an active, unexpired, not sender-constrained access token of
 * this OP with scope uma_protection — from client_credentials (the usual PAT) or from an authorization
 * code grant (a user-bound PAT). On failure answers 401 with a RFC 6750 challenge and returns undefined.
 */
export async function requirePat(
  uma: UmaContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<PatIdentity | undefined> {
  const header = req.headers.authorization ?? ""
  const match = /^Bearer +([\x21-\x7e]+)$/i.exec(header.trim())
  if (!match?.[1]) {
    challenge(uma, res, undefined, "a PAT is required: Authorization: Bearer <token with scope uma_protection>")
    return undefined
  }
  const provider = uma.provider()
  const value = match[1]
  const token = (await provider.ClientCredentials.find(value)) ?? (await provider.AccessToken.find(value))
  if (!token || token.isExpired || !token.clientId) {
    challenge(uma, res, "invalid_token", "the PAT is unknown, expired or revoked")
    return undefined
  }
  if (token.isSenderConstrained()) {
    challenge(uma, res, "invalid_token", "sender-constrained (DPoP/mTLS) PATs are not supported here")
    return undefined
  }
  if (token.kind === "AccessToken" && (!token.grantId || !(await provider.Grant.find(token.grantId)))) {
    challenge(uma, res, "invalid_token", "the PAT's grant was revoked")
    return undefined
  }
  if (!token.scopes.has(UMA_PROTECTION_SCOPE)) {
    challenge(uma, res, "insufficient_scope", `the token lacks scope ${UMA_PROTECTION_SCOPE}`)
    return undefined
  }
  if (!(await provider.Client.find(token.clientId))) {
    challenge(uma, res, "invalid_token", "the PAT's client no longer exists")
    return undefined
  }
  return { clientId: token.clientId }
}

/**
 * 401 for every failure, insufficient_scope included (RFC 6750 would use 403 there): a PAT without
 * uma_protection is simply not a PAT, and resource servers react to 401 by getting a new one.
 */
function challenge(uma: UmaContext, res: ServerResponse, error: string | undefined, description: string): void {
  const params = [`realm="${uma.issuer}"`]
  if (error) params.push(`error="${error}"`, `error_description="${description}"`)
  if (error === "insufficient_scope") params.push(`scope="${UMA_PROTECTION_SCOPE}"`)
  res.setHeader("WWW-Authenticate", `Bearer ${params.join(", ")}`)
  sendJson(res, 401, { error: error ?? "invalid_token", error_description: description })
}
