import { Schema } from "effect"
import { OxdId, ProtectionAccessToken, textOf } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  access_token: textOf(Schema.NonEmptyString, { description: "The token to introspect (RFC 7662)." }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Asks the OP whether an access token is active, and what it grants." })

/**
 * The reference's reply: oxAuth's IntrospectionResponse (oxAuth 3.1.4 IntrospectionResponse.java:22-64), every field
 * present, null when the OP gave none; `scope` and `scopes` both lists.
 */
export const Result = Schema.Struct({
  active: Schema.Boolean,
  scopes: Schema.NullOr(Schema.Array(Schema.String)).annotate({
    description: "The token's scopes (the older name; the same as scope).",
  }),
  scope: Schema.NullOr(Schema.Array(Schema.String)).annotate({ description: "The token's scopes, as a list." }),
  client_id: Schema.NullOr(Schema.String),
  username: Schema.NullOr(Schema.String),
  token_type: Schema.NullOr(Schema.String),
  exp: Schema.NullOr(Schema.Int),
  iat: Schema.NullOr(Schema.Int),
  sub: Schema.NullOr(Schema.String),
  aud: Schema.NullOr(Schema.String),
  iss: Schema.NullOr(Schema.String),
  jti: Schema.NullOr(Schema.String),
  acr_values: Schema.NullOr(Schema.String),
})
