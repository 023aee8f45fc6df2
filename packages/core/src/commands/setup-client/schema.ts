import { Schema } from "effect"
import { optional, Text } from "../_shared/fields.js"
import { RegistrationFields } from "../_shared/registration.js"

export const Params = Schema.Struct({
  ...RegistrationFields,
  setup_client_name: optional(Text).annotate({
    description: "client_name of the setup client at the OP (client_name names the ordinary site), as oxd 3.1 does.",
  }),
}).annotate({
  description:
    "Registers the setup client that protects the API (its tokens from get_client_token authorise the other commands), and, as oxd 3.1.3 did, one ordinary site.",
})
/** seconds since 1970; 0 when the OP gave none, as the reference answers (Utils.java:71-73) */
const Timestamp = Schema.Int
export const Result = Schema.Struct({
  setup_client_oxd_id: Schema.String.annotate({ description: "oxd_id of the setup client." }),
  client_id: Schema.String,
  client_secret: Schema.NullOr(Schema.String),
  client_registration_access_token: Schema.NullOr(Schema.String),
  client_registration_client_uri: Schema.NullOr(Schema.String),
  client_id_issued_at: Timestamp,
  client_secret_expires_at: Timestamp,
  op_host: Schema.String,
  oxd_id: Schema.String.annotate({
    description: "Deprecated: oxd_id of an ordinary site registered alongside (use register_site).",
  }),
  client_id_of_oxd_id: Schema.String.annotate({ description: "Deprecated: client_id of that ordinary site." }),
})
