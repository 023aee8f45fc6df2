import type { ProtectedResource } from "../../services/ResourceStore.js"
import type { Introspection } from "../../services/UmaAuthorizationServer.js"
import { evaluateScopeExpression } from "../../uma/scopeExpression.js"

interface GrantedPermission { readonly resource_id?: unknown; readonly resource_scopes?: unknown; readonly exp?: unknown }

/** Whether an RPT's permissions open this resource: any one scope ("or"), or the scope_expression. */
export const grants = (rpt: Introspection, resource: ProtectedResource, nowSeconds: number): boolean => {
  if (!rpt.active) return false
  if (typeof rpt["exp"] === "number" && rpt["exp"] <= nowSeconds) return false
  const permissions = Array.isArray(rpt["permissions"]) ? (rpt["permissions"] as GrantedPermission[]) : []
  const granted = new Set<string>()
  for (const p of permissions) {
    if (p.resource_id !== resource.resourceId) continue
    if (typeof p.exp === "number" && p.exp <= nowSeconds) continue
    if (Array.isArray(p.resource_scopes)) for (const s of p.resource_scopes) if (typeof s === "string") granted.add(s)
  }
  if (resource.scopeExpression) return evaluateScopeExpression(resource.scopeExpression.rule, resource.scopeExpression.data, granted)
  return resource.scopes.some((s) => granted.has(s))
}
