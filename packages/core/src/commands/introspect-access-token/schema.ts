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
  active: Schema.Boolean.annotate({
    description:
      "Whether the token is active (RFC 7662): issued by this OP, not expired, not revoked. When false, the OP usually says nothing more.",
  }),
  scopes: Schema.NullOr(Schema.Array(Schema.String)).annotate({
    description: "The token's scopes (the older name; the same as scope).",
  }),
  scope: Schema.NullOr(Schema.Array(Schema.String)).annotate({ description: "The token's scopes, as a list." }),
  client_id: Schema.NullOr(Schema.String).annotate({
    description: "The client the token was issued to; null when the OP gave none.",
  }),
  username: Schema.NullOr(Schema.String).annotate({
    description: "A human-readable name of the user who authorised the token; null when the OP gave none.",
  }),
  token_type: Schema.NullOr(Schema.String).annotate({
    description: "The token's type, e.g. bearer; null when the OP gave none.",
  }),
  exp: Schema.NullOr(Schema.Int).annotate({
    description: "When the token expires, in seconds since 1970; null when the OP gave none.",
  }),
  iat: Schema.NullOr(Schema.Int).annotate({
    description: "When the token was issued, in seconds since 1970; null when the OP gave none.",
  }),
  sub: Schema.NullOr(Schema.String).annotate({
    description: "The subject of the token, usually the user's identifier at the OP; null when the OP gave none.",
  }),
  aud: Schema.NullOr(Schema.String).annotate({
    description: "The audience the token is meant for; null when the OP gave none.",
  }),
  iss: Schema.NullOr(Schema.String).annotate({ description: "The issuer of the token; null when the OP gave none." }),
  jti: Schema.NullOr(Schema.String).annotate({ description: "The token's identifier; null when the OP gave none." }),
  acr_values: Schema.NullOr(Schema.String).annotate({
    description:
      "The authentication context class the user signed in with (a Gluu extension); null when the OP gave none.",
  }),
})
