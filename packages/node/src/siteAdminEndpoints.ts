import type { IncomingMessage, ServerResponse } from "node:http"
import {
  bearerToken,
  edgeRefusal,
  errorEnvelope,
  okEnvelope,
  sameSecret,
  toWireError,
  UnknownOxdId,
  type Oxd,
} from "@oxd/core"

export const SITES_PATH = "/sites"

const reply = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
  })
  res.end(text)
}
const refuse = (res: ServerResponse, wire: ReturnType<typeof edgeRefusal>, headers: Record<string, string> = {}) =>
  reply(res, wire.http, errorEnvelope(wire), headers)

/**
 * Site administration on the admin port, what `oxd-server sites` does: GET /sites, GET /sites/<oxd_id>, DELETE
 * /sites/<oxd_id>; oxd envelopes, never a secret. Only with admin_token set (403 otherwise) and for a request bearing
 * it (401 otherwise; compared in constant time). Returns false for any other path.
 */
export const serveSiteAdmin = async (oxd: Oxd, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
  const path = (req.url ?? "/").split("?")[0] ?? "/"
  if (path !== SITES_PATH && !path.startsWith(`${SITES_PATH}/`)) return false
  const token = oxd.config.admin_token
  if (token === undefined) {
    refuse(
      res,
      edgeRefusal(
        "forbidden_access",
        "Site administration on the admin port is off: set admin_token to turn it on.",
        403,
      ),
    )
    return true
  }
  const given = bearerToken(req.headers.authorization)
  if (given === undefined || !sameSecret(given, token)) {
    refuse(res, edgeRefusal("unauthorized", `${SITES_PATH} needs Authorization: Bearer <admin_token>.`), {
      "WWW-Authenticate": 'Bearer realm="admin"',
    })
    return true
  }
  const rest = path.slice(SITES_PATH.length + 1)
  let oxdId: string | undefined
  try {
    oxdId = rest === "" ? undefined : decodeURIComponent(rest)
  } catch {
    refuse(res, edgeRefusal("bad_request", "The oxd_id in the path is not valid percent-encoding."))
    return true
  }
  if (oxdId !== undefined && (oxdId.includes("/") || oxdId.length > 200)) {
    refuse(res, edgeRefusal("no_such_endpoint", `The admin port serves ${SITES_PATH} and ${SITES_PATH}/<oxd_id>.`))
    return true
  }
  const allowed = oxdId === undefined ? ["GET", "HEAD"] : ["GET", "HEAD", "DELETE"]
  if (!allowed.includes(req.method ?? "GET")) {
    refuse(res, edgeRefusal("bad_request", `${path} answers ${allowed.join(", ")}.`, 405), {
      Allow: allowed.join(", "),
    })
    return true
  }
  const unknown = (id: string) => {
    const wire = toWireError(new UnknownOxdId({ oxd_id: id }))
    reply(res, 404, errorEnvelope(wire))
  }
  if (oxdId === undefined) reply(res, 200, okEnvelope({ sites: await oxd.admin.listSites() }))
  else if (req.method === "DELETE") {
    if (await oxd.admin.removeSite(oxdId)) reply(res, 200, okEnvelope({ oxd_id: oxdId, removed: true }))
    else unknown(oxdId)
  } else {
    const site = await oxd.admin.showSite(oxdId)
    if (site) reply(res, 200, okEnvelope(site))
    else unknown(oxdId)
  }
  return true
}
