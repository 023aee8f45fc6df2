import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const UmaRpGetClaimsGatheringUrl = Command.make("uma_rp_get_claims_gathering_url", {
  description: "Get the URL of the AS's claims-gathering page for a ticket.",
  params: Params,
  result: Result,
  protection: "site",
  fieldCodes: { ticket: "invalid_ticket_parameter", claims_redirect_uri: "invalid_claims_redirect_uri_parameter" },
  handler,
})
