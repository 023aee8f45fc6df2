import { Effect } from "effect"
import { HttpMethodNotUnique, InvalidParams, InvalidScopeExpression, InvalidUmaRequest } from "../../errors.js"
import { scopeExpressionProblem } from "../../uma/scopeExpression.js"
import type { Params } from "./schema.js"

export const HTTP_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]

/** Everything wrong with a protection document is found before anything is registered at the AS. */
export const validateResources = Effect.fnUntraced(function* (resources: typeof Params.Type["resources"]) {
  if (resources.length === 0) return yield* new InvalidUmaRequest({ detail: "resources is empty" })
  const paths = new Set<string>()
  for (const [i, r] of resources.entries()) {
    if (!r.path || !r.path.startsWith("/")) {
      return yield* new InvalidParams({ code: "invalid_path_parameter", field: `resources[${i}].path`, detail: "must be a path starting with /" })
    }
    if (paths.has(r.path)) return yield* new InvalidUmaRequest({ detail: `path ${r.path} is listed twice; put all its conditions in one entry` })
    paths.add(r.path)
    if (r.conditions.length === 0) return yield* new InvalidUmaRequest({ detail: `path ${r.path} has no conditions` })
    const methods = new Set<string>()
    for (const c of r.conditions) {
      if (c.httpMethods.length === 0) {
        return yield* new InvalidParams({ code: "invalid_http_method", field: `resources[${i}].conditions.httpMethods`, detail: "must list at least one method" })
      }
      for (const m of c.httpMethods) {
        const method = m.toUpperCase()
        if (!HTTP_METHODS.includes(method)) {
          return yield* new InvalidParams({ code: "invalid_http_method", field: `resources[${i}].conditions.httpMethods`, detail: `"${m}" is not one of ${HTTP_METHODS.join(", ")}` })
        }
        if (methods.has(method)) return yield* new HttpMethodNotUnique({ path: r.path, http_method: method })
        methods.add(method)
      }
      if (c.scope_expression) {
        const problem = scopeExpressionProblem(c.scope_expression.rule, c.scope_expression.data)
        if (problem) return yield* new InvalidScopeExpression({ path: r.path, detail: problem })
      } else if (!c.scopes || c.scopes.length === 0) {
        return yield* new InvalidUmaRequest({ detail: `a condition of ${r.path} has neither scopes nor scope_expression` })
      }
      // the ticket of a denied check asks the AS for ticketScopes on this resource, which it only knows by its scopes
      const registered = c.scope_expression ? c.scope_expression.data : (c.scopes ?? [])
      const foreign = (c.ticketScopes ?? []).filter((s) => !registered.includes(s))
      if (foreign.length > 0) {
        return yield* new InvalidUmaRequest({ detail: `ticketScopes of ${r.path} must be among the condition's scopes; not: ${foreign.join(", ")}` })
      }
    }
  }
})
