import { Effect } from "effect"
import { UmaProtectionExists } from "../../errors.js"
import { ResourceStore, type NewProtectedResource } from "../../services/ResourceStore.js"
import { SiteStore, type Site } from "../../services/SiteStore.js"
import { UmaAuthorizationServer } from "../../services/UmaAuthorizationServer.js"
import type { Params } from "./schema.js"
import { validateResources } from "./validate.js"

/** One AS resource per path and condition, as oxd registers them; `rows` collects what was registered. */
const registerAll = (site: Site, resources: (typeof Params.Type)["resources"], rows: NewProtectedResource[]) =>
  Effect.gen(function* () {
    const as = yield* UmaAuthorizationServer
    for (const r of resources) {
      for (const c of r.conditions) {
        const methods = c.httpMethods.map((m) => m.toUpperCase())
        const scopes = c.scope_expression ? c.scope_expression.data : (c.scopes ?? [])
        const resourceId = yield* as.registerResource(site, {
          name: `${r.path} ${methods.join(" ")}`,
          resource_scopes: scopes,
          ...(c.scope_expression ? { scope_expression: c.scope_expression } : {}),
        })
        rows.push({
          path: r.path,
          httpMethods: methods,
          scopes,
          ticketScopes: c.ticketScopes && c.ticketScopes.length > 0 ? c.ticketScopes : null,
          scopeExpression: c.scope_expression ?? null,
          resourceId,
        })
      }
    }
  })

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  // the document before the oxd_id, as the reference checks them (RsProtectOperation.validate, then getRp)
  yield* validateResources(p.resources)
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const store = yield* ResourceStore
  const as = yield* UmaAuthorizationServer
  const existing = yield* store.list(site.oxdId)
  if (existing.length > 0 && p.overwrite !== true) return yield* new UmaProtectionExists()
  const rows: NewProtectedResource[] = []
  // if a registration or the store fails, what was already registered is withdrawn at the AS
  const withdraw = Effect.suspend(() =>
    Effect.forEach(rows, (row) => as.deleteResource(site, row.resourceId).pipe(Effect.ignore), { discard: true }),
  )
  yield* Effect.andThen(registerAll(site, p.resources, rows), store.replace(site.oxdId, rows)).pipe(
    Effect.onError(() => withdraw),
  )
  // the replaced ones go last, so a failure above leaves the old protection in force
  for (const old of existing) yield* as.deleteResource(site, old.resourceId).pipe(Effect.ignore)
  return { oxd_id: site.oxdId }
})
