import { Schema } from "effect"
import { Flag, OxdId, optional, ProtectionAccessToken } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  list: optional(Flag).annotate({
    description:
      "oxd 4.x lists every site of the server with list: true; this server refuses it (one caller may not see other tenants' sites).",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "The site's registration as this server keeps it, without secrets (oxd 4.x get-rp)." })

/** GetRpResponse (oxd-common/…/response/GetRpResponse.java:12-13 on master): {node}, the Rp as JSON. */
export const Result = Schema.Struct({
  node: Schema.Record(
    Schema.String,
    Schema.Union([Schema.String, Schema.Finite, Schema.Boolean, Schema.Null, Schema.Array(Schema.String)]),
  ).annotate({
    description:
      "The site by oxd 4.x's Rp field names (oxd_id, op_host, client_id, redirect_uri, scope, response_types, …); secrets and tokens (client_secret, client_registration_access_token, id_token, pat, rpt…) are never included.",
  }),
})
