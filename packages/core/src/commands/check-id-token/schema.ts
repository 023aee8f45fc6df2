import { Schema } from "effect"
import { ClaimLists, OxdId, optional, ProtectionAccessToken, Text, textOf } from "../_shared/fields.js"

/** CheckIdTokenParams (C/params/CheckIdTokenParams.java:17-28 on GluuFederation/oxd master). */
export const Params = Schema.Struct({
  oxd_id: OxdId,
  id_token: textOf(Schema.NonEmptyString, { description: "The ID token to check (issued to this site's client)." }),
  nonce: optional(Text).annotate({ description: "The nonce the ID token must carry, when given." }),
  state: optional(Text).annotate({ description: "The state whose s_hash the ID token must carry, when it has one." }),
  code: optional(Text).annotate({
    description: "The authorization code the ID token's c_hash must match, when given.",
  }),
  access_token: optional(Text).annotate({
    description: "The access token the ID token's at_hash must match, when given.",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Validates an ID token of the site (oxd 4.x check-id-token; 3.1 id_token_status)." })

/** CheckIdTokenResponse (C/response/CheckIdTokenResponse.java:18-25 on master). */
export const Result = Schema.Struct({
  active: Schema.Boolean.annotate({
    description: "Whether the ID token is valid: signed by the OP, issued to this site, not expired, the nonce's.",
  }),
  expires_at: Schema.Int.annotate({ description: "Its exp (seconds since the epoch); 0 when inactive." }),
  issued_at: Schema.Int.annotate({ description: "Its iat (seconds since the epoch); 0 when inactive." }),
  claims: ClaimLists.annotate({ description: "Its claims, each as a list of strings; {} when inactive." }),
})
