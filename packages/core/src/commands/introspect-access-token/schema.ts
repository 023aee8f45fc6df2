import { Schema } from "effect"
import { OxdId, ProtectionAccessToken, textOf } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  access_token: textOf(Schema.NonEmptyString, { description: "The token to introspect (RFC 7662)." }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Asks the OP whether an access token is active, and what it grants." })

/** RFC 7662's answer as the OP gives it, plus `scopes` as a list (oxd's shape); extension fields pass through. */
export const Result = Schema.StructWithRest(
  Schema.Struct({
    active: Schema.Boolean,
    scopes: Schema.optional(Schema.Array(Schema.String)),
    client_id: Schema.optional(Schema.String),
    username: Schema.optional(Schema.String),
    token_type: Schema.optional(Schema.String),
    sub: Schema.optional(Schema.String),
    iss: Schema.optional(Schema.String),
    exp: Schema.optional(Schema.Int),
    iat: Schema.optional(Schema.Int),
  }),
  [Schema.Record(Schema.String, Schema.Unknown)],
)
