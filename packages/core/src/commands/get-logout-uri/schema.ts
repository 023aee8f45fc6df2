import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  id_token_hint: optional(Schema.String).annotate({
    description: "The user's ID token; the site's last one when absent.",
  }),
  post_logout_redirect_uri: optional(Schema.String).annotate({
    description: "Where the OP sends the user after logout; the registered one when absent.",
  }),
  state: optional(Schema.String).annotate({
    description: "Sent to the OP as state; it gives it back on the redirect to post_logout_redirect_uri.",
  }),
  session_state: optional(Schema.String).annotate({
    description: "Sent to the OP as session_state (OpenID Connect Session Management).",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Builds the OP's end-session URL (OpenID Connect RP-Initiated Logout)." })

export const Result = Schema.Struct({
  uri: Schema.String.annotate({
    description:
      "The OP's end-session URL with id_token_hint, post_logout_redirect_uri, state and session_state (those known): send the user's browser there.",
  }),
})
