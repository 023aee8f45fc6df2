import type { IncomingMessage } from "node:http"
import { edgeRefusal, toWireError, ProtectionTokenMissing } from "@oxd/core"
import type { RestDialect } from "../handleRequest.js"
import { sendJson, sendText } from "../replies.js"
import { v4ErrorReply, v4Refusal } from "./errors.js"

/** The version GET /health-check names (4.x: its own, Utils.getOxdVersion()): the 4.x API this server speaks. */
export const V4_API_VERSION = "4.5"

const isJsonObjectText = (text: string): boolean => {
  try {
    const v: unknown = JSON.parse(text)
    return typeof v === "object" && v !== null
  } catch {
    return false
  }
}

/** The text of a text/plain result (4.x GET /get-request-object: the request object, a JWT). */
const resultText = (data: unknown): string => {
  if (typeof data === "string") return data
  const strings =
    typeof data === "object" && data !== null ? Object.values(data).filter((v) => typeof v === "string") : []
  return strings.length === 1 ? (strings[0] as string) : JSON.stringify(data)
}

/**
 * The AuthorizationOxdId header (4.x RestResource.java:341-344, 355-377): in 4.x it names the RP whose protection
 * client the token must belong to, instead of the params' oxd_id, so one RP's token opens every RP (unless
 * protect_commands_with_oxd_id lists the RPs it may name). Here it may only name the params' own oxd_id: a token
 * opens its own site only (docs/compatibility.md, 4.x section, V4-AOI). Empty or absent: the params' oxd_id, as in 4.x.
 */
const checkAuthorizationOxdId = (req: IncomingMessage, params: unknown) => {
  const header = req.headers["authorizationoxdid"]
  const named = Array.isArray(header) ? header[0] : header
  if (named === undefined || named === "") return undefined
  const oxdId =
    typeof params === "object" && params !== null ? (params as Record<string, unknown>)["oxd_id"] : undefined
  return named === oxdId
    ? undefined
    : edgeRefusal(
        "foreign_authorization_oxd_id",
        "`oxd_id` in `AuthorizationOxdId` header is invalid: it may only name the oxd_id of the params (a protection token opens its own site only).",
      )
}

/**
 * The oxd 4.x REST API's replies: bare JSON (the result itself, no {status,data} envelope; RestResource.java:296-300),
 * errors as 4.x's HttpException writes them (v4/errors.ts).
 */
export const dialect4: RestDialect = {
  api: "4",
  sendRefusal: (res, wire, headers) => {
    const { status, body } = v4Refusal(wire)
    sendJson(res, status, body, headers)
  },
  sendReply: (res, route, reply, headers) => {
    if (reply.envelope.status === "ok") {
      return route.text
        ? sendText(res, 200, resultText(reply.envelope.data), headers)
        : sendJson(res, 200, reply.envelope.data, headers)
    }
    const { status, body } = v4ErrorReply(reply)
    if (typeof body !== "string") return sendJson(res, status, body, headers)
    // the AS's answer as it came (Processor.java:58-60): JSON when it is, else text
    return isJsonObjectText(body) ? sendJson(res, status, body, headers) : sendText(res, status, body, headers)
  },
  // 4.x: blank_access_token, 403 (RestResource.java:388-397, ErrorResponseCode.java:67)
  missingToken: {
    ...toWireError(new ProtectionTokenMissing()),
    description:
      'access_token is blank: send "Authorization: Bearer <token>", a token from /get-client-token for the site\'s own client (client_id and client_secret from /register-site).',
  },
  checkRequest: checkAuthorizationOxdId,
  // 4.x: JSON {"application":"oxd","version":…,"status":"running"} (RestResource.java:40-52)
  sendHealth: (res, headers) =>
    sendJson(res, 200, { application: "oxd", version: V4_API_VERSION, status: "running" }, headers),
}
