import { Effect } from "effect"
import { HttpMethodNotUnique, InvalidScopeExpression, InvalidUmaRequest } from "../../errors.js"
import { scopeExpressionProblem } from "../../uma/scopeExpression.js"
import type { Params } from "./schema.js"

/**
 * The reference's checks of a protection document, before anything is registered at the AS (RsProtectOperation.
 * validate): resources not empty; each method once per path; a scope_expression must be one we can evaluate. Paths,
 * method names, conditions and scopes are otherwise registered as given (the AS judges them), as the reference does.
 */
export const validateResources = Effect.fnUntraced(function* (resources: (typeof Params.Type)["resources"]) {
  if (resources.length === 0) return yield* new InvalidUmaRequest({ detail: "resources is empty" })
  // per path across entries (uma-rs ResourceValidator); in any letter case, since checks match paths and methods so
  const seen = new Set<string>()
  for (const r of resources) {
    for (const c of r.conditions) {
      for (const m of c.httpMethods) {
        const key = `${m.toUpperCase()} ${r.path.toLowerCase()}`
        if (seen.has(key)) return yield* new HttpMethodNotUnique({ path: r.path, http_method: m.toUpperCase() })
        seen.add(key)
      }
    }
  }
  for (const r of resources) {
    for (const c of r.conditions) {
      if (!c.scope_expression) continue
      // the reference asks for a rule and data only (JsonLogicNode.isValid); the rule is evaluated on every check
      // here, so one that cannot be is refused now with the reference's code, rather than denying every request
      const problem = scopeExpressionProblem(c.scope_expression.rule, c.scope_expression.data)
      if (problem) return yield* new InvalidScopeExpression({ path: r.path, detail: problem })
    }
  }
})
