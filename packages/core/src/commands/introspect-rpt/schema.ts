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
  resource_id: OptString,
  resource_scopes: Schema.NullOr(Schema.Array(Schema.String)),
  exp: OptInt,
})
/** oxd 3.1's CorrectRptIntrospectionResponse: these fields in this order, null when the AS gave none; nothing else. */
export const Result = Schema.Struct({
  active: Schema.Boolean,
  exp: OptInt,
  iat: OptInt,
  nbf: OptInt,
  permissions: Schema.NullOr(Schema.Array(Permission)),
  client_id: OptString,
  sub: OptString,
  aud: Schema.NullOr(Schema.Union([Schema.String, Schema.Array(Schema.String)])),
  iss: OptString,
  jti: OptString,
})
