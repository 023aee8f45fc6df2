import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  // not required: the reference sends what it got and answers what the AS says (for no RPT: active false)
  rpt: optional(Schema.String).annotate({ description: "The RPT to introspect." }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Asks the UMA authorization server what an RPT grants (UMA FedAuthz §5)." })

const OptInt = Schema.NullOr(Schema.Int)
const OptString = Schema.NullOr(Schema.String)

/** oxd 3.1's CorrectUmaPermission: these three fields, null when the AS gave none. */
export const Permission = Schema.Struct({
  resource_id: OptString.annotate({
    description: "The resource's id at the AS (uma_rs_protect registered it); null when the AS gave none.",
  }),
  resource_scopes: Schema.NullOr(Schema.Array(Schema.String)).annotate({
    description: "The scopes granted on that resource; null when the AS gave none.",
  }),
  exp: OptInt.annotate({
    description: "When this permission expires, in seconds since 1970; null when the AS gave none.",
  }),
})
/** oxd 3.1's CorrectRptIntrospectionResponse: these fields in this order, null when the AS gave none; nothing else. */
export const Result = Schema.Struct({
  active: Schema.Boolean.annotate({
    description:
      "Whether the RPT is active: false for an unknown, expired or revoked one (the other fields are then null).",
  }),
  exp: OptInt.annotate({ description: "When the RPT expires, in seconds since 1970; null when the AS gave none." }),
  iat: OptInt.annotate({ description: "When the RPT was issued, in seconds since 1970; null when the AS gave none." }),
  nbf: OptInt.annotate({ description: "Not to be used before, in seconds since 1970; null when the AS gave none." }),
  permissions: Schema.NullOr(Schema.Array(Permission)).annotate({
    description: "What the RPT grants: one entry per resource; null when the AS gave none.",
  }),
  client_id: OptString.annotate({ description: "The client the RPT was issued to; null when the AS gave none." }),
  sub: OptString.annotate({ description: "The requesting party the RPT was issued for; null when the AS gave none." }),
  aud: Schema.NullOr(Schema.Union([Schema.String, Schema.Array(Schema.String)])).annotate({
    description: "The audience of the RPT, one or a list, as the AS wrote it; null when the AS gave none.",
  }),
  iss: OptString.annotate({ description: "The issuer of the RPT (the AS); null when the AS gave none." }),
  jti: OptString.annotate({ description: "The RPT's identifier; null when the AS gave none." }),
})
