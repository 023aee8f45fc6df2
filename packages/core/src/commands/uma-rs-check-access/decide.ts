import { InvalidParams } from "../../errors.js"
import type { OxdEventInput } from "../../services/Events.js"
import type { ProtectedResource } from "../../services/ResourceStore.js"
import type { Site } from "../../services/SiteStore.js"
import type { Introspection } from "../../services/UmaAuthorizationServer.js"
import { evaluateScopeExpression } from "../../uma/scopeExpression.js"
import type { Params, Result } from "./schema.js"

interface GrantedPermission {
  readonly resource_id?: unknown
  readonly resource_scopes?: unknown
  readonly exp?: unknown
}

/**
 * Frozen: a shared constant, so the reply made of it is made once (answerFromWarmState) and its encoding reused. The
 * reference's reply always has its three fields, null when granted (RsCheckAccessResponse).
 */
export const GRANTED: typeof Result.Type = Object.freeze({
  access: "granted",
  "www-authenticate_header": null,
  ticket: null,
})

/**
 * The request's method in upper case, or why the request cannot be checked: an empty method or path, the only
 * checks the reference makes (RsCheckAccessOperation.validate). Any other method or path is looked up: one no
 * resource guards is invalid_request "Resource is not protected…".
 */
export const requestedMethod = (p: typeof Params.Type): string | InvalidParams => {
  if (p.http_method.length === 0)
    return new InvalidParams({ code: "invalid_http_method", field: "http_method", detail: "is empty" })
  if (p.path.length === 0)
    return new InvalidParams({ code: "invalid_path_parameter", field: "path", detail: "is empty" })
  return p.http_method.toUpperCase()
}

/** The event every decided check publishes (never the RPT). */
export const accessChecked = (
  site: Site,
  access: "granted" | "denied",
  path: string,
  method: string,
): OxdEventInput => ({
  type: "access_checked",
  oxd_id: site.oxdId,
  op_host: site.opHost,
  setup_client_id: site.setupClientId,
  access,
  path,
  http_method: method,
})

/**
 * Whether an RPT's permissions open this resource: any one scope ("or"), or the scope_expression; with oxd 4.x's
 * `scopes` (the caller's, non-empty), any one of those (RsCheckAccessOperation.java:79-98, :132-147 on master).
 */
export const grants = (
  rpt: Introspection,
  resource: ProtectedResource,
  nowSeconds: number,
  scopes?: ReadonlyArray<string>,
): boolean => {
  if (!rpt.active) return false
  if (typeof rpt["exp"] === "number" && rpt["exp"] <= nowSeconds) return false
  const permissions = Array.isArray(rpt["permissions"]) ? (rpt["permissions"] as GrantedPermission[]) : []
  const granted = new Set<string>()
  for (const p of permissions) {
    if (p.resource_id !== resource.resourceId) continue
    if (typeof p.exp === "number" && p.exp <= nowSeconds) continue
    if (Array.isArray(p.resource_scopes)) for (const s of p.resource_scopes) if (typeof s === "string") granted.add(s)
  }
  if (scopes) return scopes.some((s) => granted.has(s))
  if (resource.scopeExpression)
    return evaluateScopeExpression(resource.scopeExpression.rule, resource.scopeExpression.data, granted)
  return resource.scopes.some((s) => granted.has(s))
}
