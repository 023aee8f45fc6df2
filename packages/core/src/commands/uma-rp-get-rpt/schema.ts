import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, StringList } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  // not required by the schema: the reference sends what it got and passes the AS's refusal on (http_status_400)
  ticket: optional(Schema.String).annotate({
    description: "The permission ticket (from the resource server's denial, or the claims-gathering redirect).",
  }),
  claim_token: optional(Schema.String).annotate({
    description:
      "A token of claims about the requesting party pushed to the AS (e.g. the user's ID token), with claim_token_format.",
  }),
  claim_token_format: optional(Schema.String).annotate({
    description:
      "The format of claim_token, e.g. http://openid.net/specs/openid-connect-core-1_0.html#IDToken (the AS requires it with claim_token)",
  }),
  pct: optional(Schema.String).annotate({ description: "A persisted claims token from an earlier RPT." }),
  rpt: optional(Schema.String).annotate({ description: "An RPT to upgrade." }),
  scope: optional(StringList).annotate({ description: "Scopes to ask for besides those the ticket names." }),
  state: optional(Schema.String).annotate({
    description: "The state from uma_rp_get_claims_gathering_url, when coming back from claims gathering.",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description:
    "Gets an RPT for a permission ticket (UMA 2 grant). need_info carries the AS's answer in details; any other refusal of the AS is http_status_<its status> with its answer as the description.",
})

export const Result = Schema.Struct({
  access_token: Schema.String.annotate({
    description: "The RPT: the requesting party's token, sent to the resource server as Authorization: Bearer <it>.",
  }),
  token_type: Schema.String.annotate({ description: "As the AS wrote it (Bearer when it wrote none)." }),
  pct: Schema.NullOr(Schema.String).annotate({
    description: "A persisted claims token for a later uma_rp_get_rpt (its pct param); null when the AS issued none.",
  }),
  updated: Schema.Boolean.annotate({
    description: "The AS's upgraded: true when the RPT passed in rpt was upgraded (oxd 3.1 names it updated).",
  }),
})
