import { Effect } from "effect"
import { InvalidParams } from "../../errors.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { StateStore } from "../../services/StateStore.js"
import { opClientOf } from "../_shared/siteClient.js"
import { authorizationParams, callerParameters, chosen, redirectOf } from "./authorizationParams.js"
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
  const pkce = yield* op.supportsPkceS256(client)
  const states = yield* StateStore
  const { state, nonce } = chosen(p)
  // sealed: nothing is stored until the state comes back (StateStore); it names the redirect URI for the exchange.
  // oxd 4.x's caller-chosen state or nonce: the request is stored (it has nowhere to be sealed)
  const request =
    state === undefined && nonce === undefined
      ? yield* states.issue({ oxdId: site.oxdId, pkce, redirect })
      : yield* chosenRequest(states, site.oxdId, state, nonce, pkce, redirect)
  return { authorization_url: yield* op.authorizationUrl(client, authorizationParams(p, caller, site, request)) }
})

const chosenRequest = Effect.fnUntraced(function* (
  states: StateStore["Service"],
  oxdId: string,
  state: string | undefined,
  nonce: string | undefined,
  pkce: boolean,
  redirect: number,
) {
  // a stored request names the site's authorization_redirect_uri (4.x's exchange names it too: GetTokensByCodeOperation.java:56)
  if (redirect !== 0)
    return yield* new InvalidParams({
      code: "bad_request",
      field: "redirect_uri",
      detail:
        "cannot be combined with a state or nonce of the caller's: leave them out (the server makes them) to name another redirect URI",
    })
  const request = yield* states.issueChosen({ oxdId, state, nonce, pkce })
  if (!request)
    return yield* new InvalidParams({
      code: "bad_request",
      field: "state",
      detail: "is in use by another authorization request: use a new random value for each login",
    })
  return request
})
