import { Schema } from "effect"
import { LogoutFields } from "../_shared/logoutRegistration.js"
import { OxdId, optional, ProtectionAccessToken, StringList, Text } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  authorization_redirect_uri: optional(Text),
  redirect_uris: optional(StringList).annotate({
    description:
      "The further redirect URIs (replacing those registered), with post_logout_redirect_uri among them when given, as oxd 3.1 does.",
  }),
  post_logout_redirect_uri: optional(Text),
  client_frontchannel_logout_uris: optional(StringList),
  client_logout_uris: optional(StringList),
  response_types: optional(StringList),
  /** 3.1 documents it singular */
  response_type: optional(StringList),
  grant_types: optional(StringList),
  scope: optional(StringList),
  acr_values: optional(StringList),
  client_name: optional(Text),
  client_secret_expires_at: optional(Schema.Int).annotate({
    description: "Requested client lifetime (milliseconds since 1970, as oxd documents it).",
  }),
  client_jwks_uri: optional(Text),
  client_token_endpoint_auth_method: optional(Text),
  client_token_endpoint_auth_signing_alg: optional(Text),
  client_request_uris: optional(StringList),
  client_sector_identifier_uri: optional(Schema.Union([Text, Schema.Array(Text)])),
  contacts: optional(StringList),
  ui_locales: optional(StringList),
  claims_locales: optional(StringList),
  protection_access_token: ProtectionAccessToken,
  ...LogoutFields,
}).annotate({
  description:
    "Changes the site's registration at the OP (RFC 7592), then here; a site whose client was given with client_id (no registration_client_uri) cannot be updated.",
})

export const Result = Schema.Struct({ oxd_id: Schema.String })
