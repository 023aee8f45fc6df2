import type { IncomingMessage, ServerResponse } from "node:http"
import { TEST_USERS } from "./accounts.js"
import { sendJson } from "./http.js"

export const WEBFINGER_PATH = "/.well-known/webfinger"
const ISSUER_REL = "http://openid.net/specs/connect/1.0/issuer"
/** A user whose WebFinger names another issuer than this OP (for get_issuer's mismatch). */
export const ELSEWHERE_USER = "elsewhere"

/**
 * WebFinger for OpenID issuer discovery (OpenID Connect Discovery 1.0 §2, RFC 7033): `acct:<user>@<host>` of a test
 * user answers this OP's issuer, `acct:elsewhere@<host>` another issuer; any other resource is 404, a missing one 400.
 */
export function handleWebFinger(issuer: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "https://op.invalid")
  const resource = url.searchParams.get("resource")
  if (!resource) return sendJson(res, 400, { error: "invalid_request", error_description: "resource is required" })
  const user = /^acct:([^@]+)@/.exec(resource)?.[1]
  const href =
    user === ELSEWHERE_USER
      ? "https://elsewhere.example.org"
      : TEST_USERS.some((u) => u.username === user)
        ? issuer
        : undefined
  if (!href) return sendJson(res, 404, { error: "not_found" })
  res.setHeader("Access-Control-Allow-Origin", "*")
  sendJson(res, 200, { subject: resource, links: [{ rel: ISSUER_REL, href }] })
}
