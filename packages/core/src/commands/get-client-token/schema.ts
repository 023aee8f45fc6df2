import { Schema } from "effect"
import { NonEmptyText, optional, StringList, Text } from "../_shared/fields.js"

export const Params = Schema.Struct({
  client_id: NonEmptyText,
  client_secret: optional(Text).annotate({ description: "Required unless authentication_method is private_key_jwt." }),
  op_host: optional(Text).annotate({ description: "Issuer URL; the server's default_op_host when absent." }),
  op_discovery_path: optional(Text),
  op_configuration_endpoint: optional(Text).annotate({
    description: "oxd 4.x: the URL of the OP's discovery document, instead of op_host; it wins over it.",
  }),
  scope: optional(StringList).annotate({
    description: "Scopes to request; the protection scope (uma_protection) when absent.",
  }),
  authentication_method: optional(Text).annotate({
    description:
      "client_secret_basic (default), client_secret_post (the client authenticates with its secret in the form body) or private_key_jwt.",
  }),
  algorithm: optional(Text).annotate({ description: "Signing algorithm for private_key_jwt." }),
  key_id: optional(Text).annotate({
    description: "kid of the private key in the server's key store, for private_key_jwt.",
  }),
}).annotate({
  description: "Obtains an access token by client credentials, e.g. the protection_access_token of the setup client.",
})

export const Result = Schema.Struct({
  access_token: Schema.String,
  expires_in: Schema.NullOr(Schema.Int),
  refresh_token: Schema.NullOr(Schema.String),
  scope: Schema.NullOr(Schema.String),
})
