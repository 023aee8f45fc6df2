import type { IncomingMessage, ServerResponse } from "node:http"
import { sendJson } from "../http.js"
import type { UmaContext } from "./context.js"
import { UmaHttpError, invalidRequest, isObject, readJson } from "./errors.js"
import type { PatIdentity } from "./protection.js"
import type { Permission } from "./store.js"

/**
 * Permission endpoint (UMA FedAuthz §4), PAT-protected: `{resource_id, resource_scopes}` or a non-empty
 * array of them -> 201 { ticket }. Every resource must be the calling resource server's and every scope
 * registered for it. Tickets expire (ttl.PermissionTicket) and are single-use at the token endpoint.
 */
export async function handlePermission(
  uma: UmaContext,
  pat: PatIdentity,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST")
    return sendJson(res, 405, { error: "invalid_request", error_description: "method not allowed" })
  }
  const body = await readJson(req)
  const requested = Array.isArray(body) ? body : [body]
  if (requested.length === 0) throw invalidRequest("at least one permission is required")

  const permissions: Permission[] = requested.map((item) => {
    if (!isObject(item)) throw invalidRequest("each permission must be a JSON object")
    const { resource_id: resourceId, resource_scopes: scopes } = item
    if (typeof resourceId !== "string" || !resourceId) throw invalidRequest("resource_id must be a non-empty string")
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === "string"))
      throw invalidRequest("resource_scopes must be an array of strings")
    const resource = uma.store.resources.get(resourceId)
    if (!resource || resource.owner !== pat.clientId) {
      throw new UmaHttpError(
        400,
        "invalid_resource_id",
        `resource ${resourceId} is not registered by this resource server`,
      )
    }
    const unknown = scopes.filter((s) => !resource.resource_scopes.includes(s))
    if (unknown.length)
      throw new UmaHttpError(
        400,
        "invalid_scope",
        `scopes not registered for resource ${resourceId}: ${unknown.join(" ")}`,
      )
    return { resource_id: resourceId, resource_scopes: [...new Set(scopes as string[])] }
  })

  const ticket = uma.store.issueTicket({ permissions: mergeByResource(permissions), owner: pat.clientId, claims: {} })
  return sendJson(res, 201, { ticket })
}

/** One entry per resource, scopes unioned. */
export function mergeByResource(permissions: readonly Permission[]): Permission[] {
  const byId = new Map<string, Set<string>>()
  for (const p of permissions) {
    const scopes = byId.get(p.resource_id) ?? new Set<string>()
    p.resource_scopes.forEach((s) => scopes.add(s))
    byId.set(p.resource_id, scopes)
  }
  return [...byId].map(([resource_id, scopes]) => ({ resource_id, resource_scopes: [...scopes] }))
}
