import type { IncomingMessage, ServerResponse } from "node:http"
import type { LogoutAnswer, Oxd } from "@oxd/core"
import { readFormBody } from "./readFormBody.js"
import { sendEmpty, sendJson, sendLogoutPage } from "./replies.js"

/**
 * The logout receivers (docs/logout.md): thin, as every edge. The request is read here; what it means (the site, the
 * token's validation, the replay store, the sessions, the event) is core's (oxd.logout).
 */

const answerJson = (res: ServerResponse, a: LogoutAnswer, headers: Record<string, string>) =>
  a.status === 200
    ? sendEmpty(res, 200, headers)
    : sendJson(res, a.status, { error: a.error, error_description: a.error_description }, headers)

/** POST /backchannel-logout, logout_token form-encoded (Back-Channel Logout 1.0 §2.5, §2.8). */
export const backchannelLogout = async (
  oxd: Oxd,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
  headers: Record<string, string>,
) => {
  const body = await readFormBody(req, maxBodyBytes)
  if (res.destroyed) return
  if (!body.ok) {
    return answerJson(
      res,
      { status: 400, error: "invalid_request", error_description: body.description },
      body.unread ? { ...headers, Connection: "close" } : headers,
    )
  }
  const tokens = body.form.getAll("logout_token")
  if (tokens.length > 1)
    return answerJson(
      res,
      { status: 400, error: "invalid_request", error_description: "logout_token is repeated" },
      headers,
    )
  answerJson(res, await oxd.logout.backchannel(tokens[0], req.socket.remoteAddress), headers)
}

const PAGE = (text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Logout</title></head><body><p>${text}</p></body></html>`

/** The origin of iss, for frame-ancestors: the OP frames the page; anything that is no origin frames nothing. */
const originOf = (iss: string | null) => {
  const url = iss ? URL.parse(iss) : null
  return url && /^https?:$/.test(url.protocol) ? url.origin : "'none'"
}

/** GET /frontchannel-logout?iss=…&sid=… (Front-Channel Logout 1.0 §3), a tiny page the OP loads in an iframe. */
export const frontchannelLogout = async (
  oxd: Oxd,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
) => {
  const query = new URL(req.url ?? "/", "http://host.invalid").searchParams
  const iss = query.get("iss")
  const answer = await oxd.logout.frontchannel(
    iss ?? undefined,
    query.get("sid") ?? undefined,
    req.socket.remoteAddress,
  )
  if (res.destroyed) return
  sendLogoutPage(
    res,
    answer.status,
    PAGE(answer.status === 200 ? "Signed out." : "Not signed out: the request names no session."),
    originOf(iss),
    headers,
  )
}
