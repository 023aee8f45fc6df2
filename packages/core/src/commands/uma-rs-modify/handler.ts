import { Effect } from "effect"
import { InvalidScopeExpression, ResourceNotProtected } from "../../errors.js"
import { ResourceStore } from "../../services/ResourceStore.js"
import { SiteStore } from "../../services/SiteStore.js"
import { UmaAuthorizationServer } from "../../services/UmaAuthorizationServer.js"
import { scopeExpressionProblem } from "../../uma/scopeExpression.js"
import type { Params, Result } from "./schema.js"

type Expression = { readonly rule: unknown; readonly data: ReadonlyArray<string> }

/**
 * scope_expression as the reference reads it (RsModifyOperation.java:158-168): blank or "null" is none; else JSON
 * text of {rule, data} (an object is taken as is), checked as uma_rs_protect checks one.
 */
const expressionOf = (path: string, given: (typeof Params.Type)["scope_expression"]) =>
  Effect.suspend((): Effect.Effect<Expression | undefined, InvalidScopeExpression> => {
    if (given === undefined || given === null) return Effect.succeed(undefined)
    let value: unknown = given
    if (typeof given === "string") {
      if (given.trim() === "" || given.trim().toLowerCase() === "null") return Effect.succeed(undefined)
      try {
        value = JSON.parse(given)
      } catch {
        return Effect.fail(new InvalidScopeExpression({ path, detail: "it is not JSON" }))
      }
    }
    const { rule, data } = (value ?? {}) as { rule?: unknown; data?: unknown }
    if (!Array.isArray(data) || !data.every((d) => typeof d === "string"))
      return Effect.fail(new InvalidScopeExpression({ path, detail: "data must list the scopes the rule refers to" }))
    const problem = scopeExpressionProblem(rule, data)
    return problem
      ? Effect.fail(new InvalidScopeExpression({ path, detail: problem }))
      : Effect.succeed({ rule, data: data as ReadonlyArray<string> })
  })

/**
 * RsModifyOperation.java:45-142 on master: the resource guarding (path, http_method) — invalid_request when there is
 * none (:62-73) — gets the new scopes, or the scope expression and its data, at the AS (:97-122) and here (:124-141:
 * with an expression, its data are the ticket scopes).
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const expression = yield* expressionOf(p.path, p.scope_expression)
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const store = yield* ResourceStore
  const rows = yield* store.list(site.oxdId)
  const target = yield* store.find(site.oxdId, p.path, p.http_method)
  if (!target) return yield* new ResourceNotProtected({ path: p.path, http_method: p.http_method })
  const scopes = expression ? expression.data : (p.scopes ?? [])
  yield* (yield* UmaAuthorizationServer).updateResource(site, target.resourceId, {
    resource_scopes: scopes,
    ...(expression ? { scope_expression: expression } : {}),
  })
  yield* store.replace(
    site.oxdId,
    rows.map(({ id: _id, oxdId: _oxdId, createdAt: _at, ...row }) =>
      row.resourceId === target.resourceId
        ? { ...row, scopes, ticketScopes: expression ? expression.data : scopes, scopeExpression: expression ?? null }
        : row,
    ),
  )
  const reply: typeof Result.Type = { oxd_id: site.oxdId }
  return reply
})
