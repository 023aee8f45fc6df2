import type { IncomingMessage, ServerResponse } from "node:http"
import { sendJson } from "../http.js"
import type { UmaContext } from "./context.js"
import { UmaHttpError, invalidRequest, isObject, isStringArray, readJson } from "./errors.js"
import { UMA_PATHS } from "./paths.js"
import type { PatIdentity } from "./protection.js"
import { randomId, type UmaResource } from "./store.js"

/**
 * Resource registration endpoint (UMA FedAuthz §3), PAT-protected; a resource server only ever sees
 * its own resources (others' ids are 404):
 *   POST   {rreg}        create   -> 201 { _id }  (+ Location)
 *   GET    {rreg}        list     -> 200 [ids]
 *   GET    {rreg}/{id}   read     -> 200 description with _id
 *   PUT    {rreg}/{id}   replace  -> 200 { _id }
 *   DELETE {rreg}/{id}   delete   -> 204
 */
export async function handleResources(
  uma: UmaContext,
  pat: PatIdentity,
  req: IncomingMessage,
  res: ServerResponse,
  id: string | undefined,
): Promise<void> {
  const { store } = uma
  if (id === undefined) {
    if (req.method === "GET")
      return sendJson(
        res,
        200,
        store.resourcesOf(pat.clientId).map((r) => r._id),
      )
    if (req.method === "POST") {
      const resource: UmaResource = { _id: randomId(12), owner: pat.clientId, ...parseDescription(await readJson(req)) }
      store.resources.set(resource._id, resource)
      res.setHeader("Location", `${uma.issuer}${UMA_PATHS.resourceRegistration}/${resource._id}`)
      return sendJson(res, 201, { _id: resource._id })
    }
    return methodNotAllowed(res, "GET, POST")
  }

  const existing = store.resources.get(id)
  if (!existing || existing.owner !== pat.clientId)
    throw new UmaHttpError(404, "not_found", "no such resource for this resource server")
  switch (req.method) {
    case "GET":
      return sendJson(res, 200, describe(existing))
    case "PUT":
      store.resources.set(id, { _id: id, owner: pat.clientId, ...parseDescription(await readJson(req)) })
      return sendJson(res, 200, { _id: id })
    case "DELETE":
      store.resources.delete(id)
      res.statusCode = 204
      return void res.end()
    default:
      return methodNotAllowed(res, "GET, PUT, DELETE")
  }
}

/** The resource description as the RS registered it (without the internal owner). */
export function describe(resource: UmaResource): Omit<UmaResource, "owner"> {
  const { owner: _owner, ...description } = resource
  return description
}

function parseDescription(body: unknown): Omit<UmaResource, "_id" | "owner"> {
  if (!isObject(body)) throw invalidRequest("the resource description must be a JSON object")
  const scopes = body.resource_scopes
  if (!isStringArray(scopes) || scopes.length === 0)
    throw invalidRequest("resource_scopes must be a non-empty array of strings")
  const out: Omit<UmaResource, "_id" | "owner"> = { resource_scopes: [...new Set(scopes)] }
  for (const key of ["name", "description", "type", "icon_uri"] as const) {
    const value = body[key]
    if (value === undefined) continue
    if (typeof value !== "string") throw invalidRequest(`${key} must be a string`)
    if (key === "icon_uri" && !URL.canParse(value)) throw invalidRequest("icon_uri must be a URL")
    out[key] = value
  }
  const expr = body.scope_expression
  if (expr !== undefined) {
    if (!isObject(expr) || !isObject(expr.rule) || !Array.isArray(expr.data)) {
      throw invalidRequest("scope_expression must be { rule: object, data: array }")
    }
    out.scope_expression = structuredClone({ rule: expr.rule, data: expr.data })
  }
  return out
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader("Allow", allow)
  sendJson(res, 405, { error: "invalid_request", error_description: "method not allowed" })
}
