import type { FromWarmState } from "../../Command.js"
import { InvalidParams } from "../../errors.js"
import { resourceFor } from "../../services/ResourceStore.js"
import { list, present } from "../_shared/fields.js"
import { accessChecked, grants, GRANTED, requestedMethod } from "./decide.js"
import type { Params, Result } from "./schema.js"

/**
 * A granted check whose site, resources and RPT introspection are all cached: the handler's own steps, read from
 * warm state, without the Effect runtime (a fiber and its continuations were most of a cached check's cost). Anything
 * else — a malformed request, a miss, an entry due for refresh, a denial (it needs a permission ticket from the AS)
 * — is left to the handler, which answers it and refreshes what needs refreshing.
 */
export const fromWarmState: FromWarmState<typeof Params.Type, typeof Result.Type> = (p, _ctx, warm) => {
  if (!present(p.rpt)) return undefined
  const method = requestedMethod(p)
  if (method instanceof InvalidParams) return undefined
  const site = warm.site(p.oxd_id)
  if (!site) return undefined
  const resources = warm.resources(site.oxdId)
  const resource = resources && resourceFor(resources, p.path, method)
  if (!resource) return undefined
  const introspection = warm.rpt(site, p.rpt)
  if (!introspection || !grants(introspection, resource, Math.floor(warm.now() / 1000), list(p.scopes)))
    return undefined
  return { result: GRANTED, event: accessChecked(site, "granted", p.path, method) }
}
