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
  client_id: Schema.String.annotate({
    description:
      "The setup client's client_id at the OP: with client_secret, what get_client_token takes to issue the protection_access_token.",
  }),
  client_secret: Schema.NullOr(Schema.String).annotate({
    description: "The setup client's secret; null when the OP issued none.",
  }),
  client_registration_access_token: Schema.NullOr(Schema.String).annotate({
    description: "The setup client's registration access token (RFC 7592); null when the OP gave none.",
  }),
  client_registration_client_uri: Schema.NullOr(Schema.String).annotate({
    description: "The setup client's configuration URL at the OP (RFC 7592); null when the OP gave none.",
  }),
  client_id_issued_at: Timestamp.annotate({
    description: "When the OP issued client_id, in seconds since 1970; 0 when it did not say.",
  }),
  client_secret_expires_at: Timestamp.annotate({
    description:
      "When client_secret expires, in seconds since 1970; 0 when it does not expire (or the OP did not say).",
  }),
  op_host: Schema.String.annotate({
    description: "The op_host the setup client is registered at, as given (or default_op_host).",
  }),
  oxd_id: Schema.String.annotate({
    description: "Deprecated: oxd_id of an ordinary site registered alongside (use register_site).",
  }),
  client_id_of_oxd_id: Schema.String.annotate({ description: "Deprecated: client_id of that ordinary site." }),
})
