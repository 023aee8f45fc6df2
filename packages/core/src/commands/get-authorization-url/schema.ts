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
  params: optional(Schema.Record(Schema.String, Schema.NullOr(Text))).annotate({
    description:
      "oxd 4.x: extra authorization request parameters, each sent on its own (not as custom_response_headers). The same refusals as custom_parameters: state, nonce, PKCE, redirect_uri, client_id, response_type, scope, request, request_uri, response_mode and registration are bad_request.",
  }),
  redirect_uri: optional(Text).annotate({
    description:
      "oxd 4.x: the redirect URI to name in the request instead of authorization_redirect_uri; it must be one the site registered (redirect_uris), else redirect_uri_is_not_registered. get_tokens_by_code names the same one.",
  }),
  response_types: optional(StringList).annotate({
    description:
      "oxd 4.x: the response types to ask for; used when the site registered them all, else the site's registered ones.",
  }),
  state: optional(Text).annotate({
    description:
      "oxd 4.x: the state to send instead of the server's (16 to 512 visible ASCII characters, a random value); stored until get_tokens_by_code takes it, once. Not with a redirect_uri other than authorization_redirect_uri.",
  }),
  nonce: optional(Text).annotate({
    description:
      "oxd 4.x: the nonce to send instead of the server's (at most 512 visible ASCII characters); the ID token must carry it.",
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
