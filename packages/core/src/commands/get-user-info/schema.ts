import { Schema } from "effect"
import { ClaimLists, OxdId, optional, ProtectionAccessToken, Text } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  // not required: the reference asks the OP without one and answers its refusal as no claims
  access_token: optional(Schema.String).annotate({
    description: "The user's access token; without one (or with one the OP refuses) the claims are {}.",
  }),
  id_token: optional(Text).annotate({
    description:
      "oxd 4.x: the ID token of the sign-in the access token came with; the userinfo answer must be about its sub (else invalid_subject_identifier).",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Fetches the user's claims from the OP's userinfo endpoint." })

export const Result = Schema.Struct({
  claims: ClaimLists.annotate({
    description: "Each claim as a list of strings, as oxd 3.1 returns them; {} when the OP refused the access token.",
  }),
  refresh_token: Schema.Null.annotate({ description: "Always null (oxd 3.1's reply has the field)." }),
  access_token: Schema.Null.annotate({ description: "Always null (oxd 3.1's reply has the field)." }),
})

/** oxd 4.x answers the OP's userinfo JSON as it came (4.x GetUserInfoOperation.java:55, `POJOResponse` of the body). */
export const Result4 = Schema.Record(Schema.String, Schema.Unknown).annotate({
  description:
    "The OP's userinfo answer as it came (claims with their own JSON values); {} when the OP refused the token.",
})
