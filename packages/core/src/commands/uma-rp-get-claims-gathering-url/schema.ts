import { Schema } from "effect"
import { OxdId, ProtectionAccessToken } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  ticket: Schema.NonEmptyString.annotate({ description: "The newest ticket, usually from need_info." }),
  claims_redirect_uri: Schema.NonEmptyString.annotate({
    description: "Where the AS sends the user back with a new ticket; registered for the site.",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description: "Builds the URL of the AS's claims-gathering page; the state in it is remembered for uma_rp_get_rpt.",
})

export const Result = Schema.Struct({
  url: Schema.String.annotate({
    description:
      "The AS's claims-gathering page (claims_interaction_endpoint) with client_id, ticket, claims_redirect_uri and state: send the user's browser there.",
  }),
  state: Schema.String.annotate({
    description:
      "The state in that URL: the AS gives it back on the redirect to claims_redirect_uri, with a new ticket; pass both to uma_rp_get_rpt.",
  }),
})
