import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, StringList, Text } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  scope: optional(StringList).annotate({
    description: "Scopes to request; those registered with the site when absent.",
  }),
  acr_values: optional(StringList).annotate({
    description:
      'Authentication context classes to ask for (acr_values), e.g. ["duo"]; those registered with the site when absent.',
  }),
  prompt: optional(Text).annotate({ description: "e.g. login, to force re-authentication." }),
  hd: optional(Text).annotate({ description: "Google's hosted domain parameter, sent as hd." }),
  custom_parameters: optional(Schema.Record(Schema.String, Schema.NullOr(Text))).annotate({
    description:
      'Extra authorization request parameters (login_hint, ui_locales, max_age, claims…): sent each on its own and, as oxd 3.1 sends them, together as custom_response_headers (a JSON array [{"name":"value"}]). Numbers and booleans are sent as text, null values not at all. Those that would change the protocol — state, nonce, code_challenge(_method), redirect_uri, client_id, response_type, scope, request, request_uri, response_mode, registration — are refused with bad_request.',
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description: "Builds the URL to send the user to for login; state, nonce and PKCE are generated and remembered.",
})

export const Result = Schema.Struct({
  authorization_url: Schema.String.annotate({
    description:
      "The OP's authorization endpoint with the request (client_id, redirect_uri, response_type, scope, state, nonce, PKCE challenge…): send the user's browser there.",
  }),
})
