import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, StringList } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  ticket: Schema.NonEmptyString.annotate({ description: "The permission ticket (from the resource server's denial, or the claims-gathering redirect)." }),
  claim_token: optional(Schema.String),
  claim_token_format: optional(Schema.String).annotate({ description: "Required with claim_token, e.g. http://openid.net/specs/openid-connect-core-1_0.html#IDToken" }),
  pct: optional(Schema.String).annotate({ description: "A persisted claims token from an earlier RPT." }),
  rpt: optional(Schema.String).annotate({ description: "An RPT to upgrade." }),
  scope: optional(StringList),
  state: optional(Schema.String).annotate({ description: "The state from uma_rp_get_claims_gathering_url, when coming back from claims gathering." }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Gets an RPT for a permission ticket (UMA 2 grant). need_info carries the AS's answer in details." })

export const Result = Schema.Struct({
  access_token: Schema.String,
  token_type: Schema.String,
  pct: Schema.NullOr(Schema.String),
  upgraded: Schema.Boolean,
})
