import { Schema } from "effect"
import { RegistrationFields } from "../_shared/registration.js"

export const Params = Schema.Struct(RegistrationFields).annotate({
  description:
    "Registers the application (an OpenID client) at the OP, dynamically unless client_id is given, and returns its oxd_id.",
})
export const Result = Schema.Struct({
  oxd_id: Schema.String.annotate({ description: "Identifies the site in every later command." }),
  op_host: Schema.String.annotate({
    description: "The op_host the site is registered at, as given (or default_op_host).",
  }),
})

/**
 * The result on the oxd 4.x API: the client too (4.x RegisterSiteResponse.java:13-31, RegisterSiteOperation.java:68-79),
 * since there the site is its own protection client.
 */
export const Result4 = Schema.Struct({
  oxd_id: Schema.String.annotate({ description: "Identifies the site in every later command." }),
  op_host: Schema.String.annotate({ description: "The op_host the site is registered at, as given." }),
  client_id: Schema.String.annotate({
    description: "The site's client at the OP; get_client_token with it and client_secret gives the site's token.",
  }),
  client_name: Schema.NullOr(Schema.String),
  client_secret: Schema.NullOr(Schema.String).annotate({ description: "The client's secret (keep it secret)." }),
  client_registration_access_token: Schema.NullOr(Schema.String).annotate({ description: "RFC 7592." }),
  client_registration_client_uri: Schema.NullOr(Schema.String).annotate({ description: "RFC 7592." }),
  client_id_issued_at: Schema.Int.annotate({ description: "Seconds since the epoch, 0 when unknown." }),
  client_secret_expires_at: Schema.Int.annotate({ description: "Seconds since the epoch, 0 for never." }),
})
