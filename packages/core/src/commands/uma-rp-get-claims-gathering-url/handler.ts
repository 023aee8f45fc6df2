import { Effect } from "effect"
import { InvalidParams, UmaDiscoveryFailed } from "../../errors.js"
import { SiteStore } from "../../services/SiteStore.js"
import { StateStore } from "../../services/StateStore.js"
import { UmaAuthorizationServer } from "../../services/UmaAuthorizationServer.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  // the reference's checks, before the oxd_id: blank is missing (RpGetGetClaimsGatheringUrlOperation.validate,
  // StringUtils.isBlank); any other claims_redirect_uri goes to the AS, which holds the registered ones
  if (p.ticket.trim().length === 0)
    return yield* new InvalidParams({ code: "invalid_ticket_parameter", field: "ticket", detail: "is blank" })
  if (p.claims_redirect_uri.trim().length === 0) {
    return yield* new InvalidParams({
      code: "invalid_claims_redirect_uri_parameter",
      field: "claims_redirect_uri",
      detail: "is blank",
    })
  }
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const uma = yield* (yield* UmaAuthorizationServer).discover(site)
  if (!uma.claims_interaction_endpoint) {
    return yield* new UmaDiscoveryFailed({
      op_host: site.opHost,
      detail: "the AS advertises no claims_interaction_endpoint",
    })
  }
  const { state } = yield* (yield* StateStore).issue({ oxdId: site.oxdId, purpose: "claims_gathering", pkce: false })
  const url = new URL(uma.claims_interaction_endpoint)
  url.searchParams.set("client_id", site.clientId)
  url.searchParams.set("ticket", p.ticket)
  url.searchParams.set("claims_redirect_uri", p.claims_redirect_uri)
  url.searchParams.set("state", state)
  return { url: url.href, state }
})
