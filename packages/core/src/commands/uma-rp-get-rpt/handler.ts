import { Effect } from "effect"
import { InvalidParams } from "../../errors.js"
import { SiteStore } from "../../services/SiteStore.js"
import { StateStore } from "../../services/StateStore.js"
import { UmaAuthorizationServer } from "../../services/UmaAuthorizationServer.js"
import { list, present } from "../_shared/fields.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  if (present(p.claim_token) && !present(p.claim_token_format)) {
    return yield* new InvalidParams({ code: "bad_request", field: "claim_token_format", detail: "is required with claim_token" })
  }
  // coming back from claims gathering: the state must be one we issued for this site, once
  if (present(p.state)) yield* (yield* StateStore).consume(site.oxdId, p.state, "claims_gathering")
  return yield* (yield* UmaAuthorizationServer).requestRpt(site, opClientOf(site), {
    ticket: p.ticket,
    claim_token: present(p.claim_token) ? p.claim_token : undefined,
    claim_token_format: present(p.claim_token_format) ? p.claim_token_format : undefined,
    pct: present(p.pct) ? p.pct : undefined,
    rpt: present(p.rpt) ? p.rpt : undefined,
    scope: list(p.scope),
  })
})
