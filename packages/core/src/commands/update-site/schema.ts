import { Schema } from "effect"
import { LogoutFields } from "../_shared/logoutRegistration.js"
import { OxdId, optional, ProtectionAccessToken, StringList, Text } from "../_shared/fields.js"
import { Registration4xFields } from "../_shared/registration4x.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  authorization_redirect_uri: optional(Text).annotate({
    description:
      "The redirect URI to register in place of the site's (the OP judges it); the other registered ones stay.",
  }),
  redirect_uris: optional(StringList).annotate({
    description:
      "The further redirect URIs (replacing those registered), with post_logout_redirect_uri among them when given, as oxd 3.1 does.",
  }),
  post_logout_redirect_uri: optional(Text).annotate({
    description: "The URL the OP may send the user to after logout, in place of the site's.",
  }),
  client_frontchannel_logout_uris: optional(StringList).annotate({
    description: "The client's front-channel logout URL: the first is registered as frontchannel_logout_uri.",
  }),
  client_logout_uris: optional(StringList).annotate({
    description: "The oxd 3.0 name of client_frontchannel_logout_uris, used when that is absent.",
  }),
  response_types: optional(StringList).annotate({ description: 'The response types the client uses, e.g. ["code"].' }),
  response_type: optional(StringList).annotate({
    description: "The name oxd 3.1's documentation gives response_types; used when that is absent.",
  }),
  grant_types: optional(StringList).annotate({
    description: 'The grant types the client may use, e.g. ["authorization_code", "refresh_token"].',
  }),
  scope: optional(StringList).annotate({
    description: "The scopes to register for the client, in place of the site's.",
  }),
  acr_values: optional(StringList).annotate({
    description:
      "The authentication context classes to ask for by default (default_acr_values), in place of the site's.",
  }),
  client_name: optional(Text).annotate({ description: "The client's name at the OP, shown to users." }),
  client_secret_expires_at: optional(Schema.Int).annotate({
    description: "Requested client lifetime (milliseconds since 1970, as oxd documents it).",
  }),
  client_jwks_uri: optional(Text).annotate({
    description: "URL of the client's JSON Web Key Set (registered as jwks_uri).",
  }),
  client_token_endpoint_auth_method: optional(Text).annotate({
    description:
      "How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, client_secret_jwt or none; the site's when absent.",
  }),
  client_token_endpoint_auth_signing_alg: optional(Text).annotate({
    description:
      "The JWS algorithm of the client's token-endpoint authentication JWT: none, HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384 or ES512.",
  }),
  client_request_uris: optional(StringList).annotate({
    description: "request_uri values the client may use (registered as request_uris).",
  }),
  client_sector_identifier_uri: optional(Schema.Union([Text, Schema.Array(Text)])).annotate({
    description: "URL of the sector identifier document, for pairwise subject identifiers; of a list, the first.",
  }),
  contacts: optional(StringList).annotate({
    description: "E-mail addresses of the people responsible for the client.",
  }),
  ui_locales: optional(StringList).annotate({
    description: "Preferred languages of the user interface (BCP 47 tags); kept with the site, not sent to the OP.",
  }),
  claims_locales: optional(StringList).annotate({
    description: "Preferred languages of the claims returned (BCP 47 tags); kept with the site, not sent to the OP.",
  }),
  claims_redirect_uri: optional(StringList).annotate({
    description:
      "oxd 4.x: UMA's claims-gathering redirect URIs to register in place of the site's (UpdateSiteOperation.java:142-144); the registered ones stay when absent.",
  }),
  ...Registration4xFields,
  protection_access_token: ProtectionAccessToken,
  ...LogoutFields,
}).annotate({
  description:
    "Changes the site's registration at the OP (RFC 7592), then here; a site whose client was given with client_id (no registration_client_uri) cannot be updated.",
})

export const Result = Schema.Struct({
  oxd_id: Schema.String.annotate({ description: "The oxd_id of the updated site." }),
})
