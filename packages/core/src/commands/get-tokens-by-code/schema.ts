import { Schema } from "effect"
import { ClaimLists, OxdId, ProtectionAccessToken } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  code: Schema.NonEmptyString.annotate({ description: "The code from the OP's redirect." }),
  state: Schema.NonEmptyString.annotate({ description: "The state from the OP's redirect; accepted once." }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description:
    "Exchanges the code for tokens and validates the ID token fully (signature, iss, aud, azp, exp, iat, nonce, at_hash).",
})

export const Result = Schema.Struct({
  access_token: Schema.String.annotate({ description: "The user's access token (get_user_info takes it)." }),
  expires_in: Schema.Int.annotate({
    description: "Seconds the access token lives; -1 when the OP does not say (as oxd 3.1 answers).",
  }),
  refresh_token: Schema.NullOr(Schema.String).annotate({
    description: "For get_access_token_by_refresh_token; null when the OP issued none.",
  }),
  id_token: Schema.String.annotate({
    description: "The ID token (a JWT), validated; kept as the site's last one for get_logout_uri's id_token_hint.",
  }),
  id_token_claims: ClaimLists.annotate({
    description: "The validated ID token's claims, each as a list of strings (as oxd 3.1 returns them).",
  }),
})

/** oxd 4.x answers the ID token's claims as they are in it (4.x GetTokensByCodeOperation.java:137): the 4.x API's result. */
export const Result4 = Schema.Struct({
  ...Result.fields,
  id_token_claims: Schema.Record(Schema.String, Schema.Unknown).annotate({
    description: "The validated ID token's claims as the token carries them (oxd 4.x).",
  }),
})
