import { Effect } from "effect"
import { InvalidParams } from "../../errors.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { StateStore } from "../../services/StateStore.js"
import { opClientOf } from "../_shared/siteClient.js"
import { authorizationParams, callerParameters, redirectOf } from "./authorizationParams.js"
import type { Params } from "./schema.js"

/** Untraced (no span, no stack capture per call): it sits on every login; the command's span comes from dispatch's caller. */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const caller = callerParameters(p)
  if (caller instanceof InvalidParams) return yield* caller
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const redirect = redirectOf(p, site)
  if (redirect instanceof InvalidParams) return yield* redirect
  const op = yield* OpenIdProvider
  const client = opClientOf(site)
  // sealed: nothing is stored until the state comes back (StateStore); it names the redirect URI for the exchange
  const sealed = yield* (yield* StateStore).issue({
    oxdId: site.oxdId,
    pkce: yield* op.supportsPkceS256(client),
    redirect,
  })
  return { authorization_url: yield* op.authorizationUrl(client, authorizationParams(p, caller, site, sealed)) }
})
