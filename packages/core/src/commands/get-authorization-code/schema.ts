import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, StringList, Text, textOf } from "../_shared/fields.js"

/** GetAuthorizationCodeParams (C/params/GetAuthorizationCodeParams.java on GluuFederation/oxd master). */
export const Params = Schema.Struct({
  oxd_id: OxdId,
  username: textOf(Schema.NonEmptyString, { description: "The user's name at the OP." }),
  password: textOf(Schema.NonEmptyString, { description: "The user's password at the OP." }),
  acr_values: optional(StringList).annotate({ description: "The site's when absent." }),
  state: optional(Text).annotate({ description: "Ignored: the state is the server's (returned in the reply)." }),
  nonce: optional(Text).annotate({ description: "Ignored: the nonce is the server's, bound to its state." }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description:
    "Test helper (test_helpers_enabled): logs the user in by password at the OP (prompt=none, Basic credentials, as Gluu oxAuth takes them) and returns the authorization code (oxd 4.x get-authorization-code).",
})

/** GetAuthorizationCodeResponse (C/response/GetAuthorizationCodeResponse.java on master): {code}, and the state. */
export const Result = Schema.Struct({
  code: Schema.String.annotate({ description: "The authorization code; redeem it with get_tokens_by_code." }),
  state: Schema.String.annotate({ description: "The state to pass to get_tokens_by_code with the code." }),
})
