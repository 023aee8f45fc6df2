import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, Text } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  iss: optional(Text).annotate({
    description:
      "The issuer of the OP that initiates the login (OpenID Connect Core §4); required, and it must be the site's OP's issuer.",
  }),
  login_hint: optional(Text).annotate({
    description: "The OP's hint of who is to log in; sent on in the authorization request.",
  }),
  target_link_uri: optional(Text).annotate({
    description:
      "Where the OP wants the user to end up after login; its host must be the host of one of the site's redirect URIs (else bad_request_invalid_target_uri). Not followed by the server: the RP redirects there once get_tokens_by_code succeeds.",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description:
    "oxd 4.x initiate_third_party_login: the OP asked the RP's initiate_login_uri to start a login (iss, login_hint, target_link_uri); answers the authorization URL to send the user to, as get_authorization_url.",
})

/** As the reference: GetAuthorizationUrlResponse (S/op/InitiateThirdPartyLoginOperation.java:54 on master). */
export const Result = Schema.Struct({
  authorization_url: Schema.String.annotate({
    description:
      "The OP's authorization endpoint with the site's request (state, nonce and PKCE as get_authorization_url's, and login_hint): send the user's browser there.",
  }),
})
