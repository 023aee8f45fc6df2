import type { FromMemory } from "../../Command.js"
import { InvalidParams } from "../../errors.js"
import { authorizationParams, customParameters } from "./authorizationParams.js"
import type { Params, Result } from "./schema.js"

/**
 * The handler's steps from memory when the site and the OP's discovery are cached and the state key is loaded:
 * a sealed state needs no write, so a login URL is built without the Effect runtime. Anything else is the handler's.
 */
export const fromMemory: FromMemory<typeof Params.Type, typeof Result.Type> = (p, _ctx, memory) => {
  // a refused custom parameter is the handler's to answer (it runs the same rule)
  const custom = customParameters(p)
  if (custom instanceof InvalidParams) return undefined
  const site = memory.site(p.oxd_id)
  if (!site) return undefined
  const pkce = memory.supportsPkceS256(site)
  if (pkce === undefined) return undefined
  const sealed = memory.issueState(site.oxdId, pkce)
  if (!sealed) return undefined
  const url = memory.authorizationUrl(site, authorizationParams(p, custom, site, sealed))
  return url === undefined ? undefined : { result: { authorization_url: url } }
}
