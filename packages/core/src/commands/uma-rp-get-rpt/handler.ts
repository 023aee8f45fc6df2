import { Effect } from "effect"
import { SiteStore } from "../../services/SiteStore.js"
import { StateStore } from "../../services/StateStore.js"
import { UmaAuthorizationServer } from "../../services/UmaAuthorizationServer.js"
import { list, present } from "../_shared/fields.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  // coming back from claims gathering: the state must be one we issued for this site, once (the reference never
  // reads it; refused with its code for a state it does not know, bad_request "'state' is not registered.")
  if (present(p.state)) yield* (yield* StateStore).consume(site.oxdId, p.state, "claims_gathering")
  // every other param goes to the AS as given (claim_token without its format included): the AS judges them
  return yield* (yield* UmaAuthorizationServer).requestRpt(site, opClientOf(site), {
    ticket: present(p.ticket) ? p.ticket : undefined,
    claim_token: present(p.claim_token) ? p.claim_token : undefined,
    claim_token_format: present(p.claim_token_format) ? p.claim_token_format : undefined,
    pct: present(p.pct) ? p.pct : undefined,
    rpt: present(p.rpt) ? p.rpt : undefined,
    scope: list(p.scope),
  })
})
