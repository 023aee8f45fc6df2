import type { FromWarmState } from "../../Command.js"
import { InvalidParams } from "../../errors.js"
import { authorizationParams, callerParameters, chosen, redirectOf } from "./authorizationParams.js"
import type { Params, Result } from "./schema.js"

/**
 * The handler's steps from warm state when the site and the OP's discovery are cached and the state key is loaded:
 * a sealed state needs no write, so a login URL is built without the Effect runtime. Anything else is the handler's.
 */
export const fromWarmState: FromWarmState<typeof Params.Type, typeof Result.Type> = (p, _ctx, warm) => {
  // a refused parameter or redirect URI is the handler's to answer (it runs the same rules)
  const caller = callerParameters(p)
  if (caller instanceof InvalidParams) return undefined
  // a caller's state or nonce is stored: the handler's
  const { state, nonce } = chosen(p)
  if (state !== undefined || nonce !== undefined) return undefined
  const site = warm.site(p.oxd_id)
  if (!site) return undefined
  const redirect = redirectOf(p, site)
  if (redirect instanceof InvalidParams) return undefined
  const pkce = warm.supportsPkceS256(site)
  if (pkce === undefined) return undefined
  const sealed = warm.issueState(site.oxdId, pkce, redirect)
  if (!sealed) return undefined
  const url = warm.authorizationUrl(site, authorizationParams(p, caller, site, sealed))
  return url === undefined ? undefined : { result: { authorization_url: url } }
}
