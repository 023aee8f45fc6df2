import type { IncomingMessage, ServerResponse } from "node:http"
import { sendJson } from "../http.js"
import type { UmaContext } from "./context.js"
import { invalidRequest, readForm } from "./errors.js"

/**
 * RPT introspection (UMA FedAuthz §5, RFC 7662), PAT-protected: form `token=<RPT>` ->
 * `{ active: true, exp, iat, permissions: [{resource_id, resource_scopes, exp}], client_id, token_type, iss }`
 * or `{ active: false }` for anything that isn't a live RPT. Permissions of every resource server are
 * returned (as Gluu does), minus expired ones.
 */
export async function handleIntrospection(uma: UmaContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST")
    return sendJson(res, 405, { error: "invalid_request", error_description: "method not allowed" })
  }
  const token = (await readForm(req)).get("token")
  if (!token) throw invalidRequest("missing required parameter 'token'")
  const rpt = uma.store.rpts.get(token)
  if (!rpt) return sendJson(res, 200, { active: false })
  const now = Date.now()
  return sendJson(res, 200, {
    active: true,
    exp: Math.floor(rpt.expiresAt / 1000),
    iat: rpt.iat,
    permissions: rpt.permissions
      .filter((p) => p.expiresAt > now)
      .map((p) => ({
        resource_id: p.resource_id,
        resource_scopes: [...p.resource_scopes],
        exp: Math.floor(p.expiresAt / 1000),
      })),
    client_id: rpt.clientId,
    token_type: "Bearer",
    iss: uma.issuer,
  })
}
