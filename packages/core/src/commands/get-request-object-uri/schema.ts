import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, Text } from "../_shared/fields.js"

/** GetRequestObjectUriParams (C/params/GetRequestObjectUriParams.java:11-18 on GluuFederation/oxd master). */
export const Params = Schema.Struct({
  oxd_id: OxdId,
  params: optional(Schema.Record(Schema.String, Schema.Unknown)).annotate({
    description:
      "Claims of the request object (scope, redirect_uri, state, nonce, claims…); iss, aud, client_id, oxd_id, jti, iat and exp are the server's and cannot be set.",
  }),
  request_object_signing_alg: optional(Text).annotate({
    description:
      "How the request object is signed: none, HS256/384/512 (the client secret), RS256/384/512, PS256/384/512, ES256/384/512 (the server's keys, get_rp_jwks); the site's request_object_signing_alg when absent.",
  }),
  oxd_host_url: optional(Text).annotate({
    description:
      "The public URL of this server's 4.x REST API: the request_uri is <oxd_host_url>/get-request-object/<id> (https:// added without a scheme).",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description: "Builds, signs and keeps a request object for the site, and returns its request_uri (oxd 4.x).",
})

/** GetRequestObjectUriResponse (C/response/GetRequestObjectUriResponse.java on master): {request_uri}. */
export const Result = Schema.Struct({
  request_uri: Schema.String.annotate({ description: "Where the OP fetches the request object; pass it to the OP." }),
})
