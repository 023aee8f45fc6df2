import { Schema } from "effect"
import { OxdId, ProtectionAccessToken } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  rpt: Schema.NonEmptyString,
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Asks the UMA authorization server what an RPT grants (UMA FedAuthz §5)." })

export const Permission = Schema.StructWithRest(
  Schema.Struct({
    resource_id: Schema.String,
    resource_scopes: Schema.Array(Schema.String),
    exp: Schema.optional(Schema.Int),
  }),
  [Schema.Record(Schema.String, Schema.Unknown)],
)
export const Result = Schema.StructWithRest(
  Schema.Struct({
    active: Schema.Boolean,
    exp: Schema.optional(Schema.Int),
    iat: Schema.optional(Schema.Int),
    permissions: Schema.optional(Schema.Array(Permission)),
  }),
  [Schema.Record(Schema.String, Schema.Unknown)],
)
