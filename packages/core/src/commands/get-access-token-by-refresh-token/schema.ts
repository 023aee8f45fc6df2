import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, StringList } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  refresh_token: Schema.NonEmptyString,
  scope: optional(StringList).annotate({ description: "Narrower scopes; those of the original grant when absent." }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Gets a new access token with a refresh token." })

export const Result = Schema.Struct({
  access_token: Schema.String,
  expires_in: Schema.NullOr(Schema.Int),
  refresh_token: Schema.NullOr(Schema.String),
})
