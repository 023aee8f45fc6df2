import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, Text, textOf } from "../_shared/fields.js"

/** CheckAccessTokenParams (C/params/CheckAccessTokenParams.java:22-35 on GluuFederation/oxd master). */
export const Params = Schema.Struct({
  oxd_id: OxdId,
  id_token: textOf(Schema.NonEmptyString, { description: "The ID token the access token came with." }),
  access_token: optional(Text).annotate({ description: "The access token whose hash the ID token's at_hash must be." }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description:
    "Checks that an access token is the one its ID token was issued with (at_hash) (oxd 4.x check-access-token; 3.1 access_token_status).",
})

/** CheckAccessTokenResponse (C/response/CheckAccessTokenResponse.java:17-22 on master): dates as Jackson writes them, epoch milliseconds. */
export const Result = Schema.Struct({
  active: Schema.Boolean.annotate({
    description: "Whether the ID token is valid and its at_hash is the access token's.",
  }),
  expires_at: Schema.NullOr(Schema.Int).annotate({
    description: "The ID token's exp in milliseconds since the epoch; null when inactive.",
  }),
  issued_at: Schema.NullOr(Schema.Int).annotate({
    description: "The ID token's iat in milliseconds since the epoch; null when inactive.",
  }),
})
