import { Schema } from "effect"
import { optional, StringList, Text, textOf } from "../_shared/fields.js"

export const Params = Schema.Struct({
  client_id: textOf(Schema.NonEmptyString, {
    description:
      "The client to get a token for: the setup client's client_id (from setup_client) for a protection_access_token.",
  }),
  client_secret: optional(Text).annotate({ description: "Required unless authentication_method is private_key_jwt." }),
  op_host: optional(Text).annotate({ description: "Issuer URL; the server's default_op_host when absent." }),
  op_discovery_path: optional(Text).annotate({
    description: "Discovery document path when not /.well-known/openid-configuration.",
  }),
  op_configuration_endpoint: optional(Text).annotate({
    description: "oxd 4.x: the URL of the OP's discovery document, instead of op_host; it wins over it.",
  }),
  scope: optional(StringList).annotate({
    description:
      "Scopes to request, with openid; when absent, the protection scopes (protection_scope: oxd, uma_protection) on the 3.1 API and openid alone on the oxd 4.x API, as 4.x asks.",
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
  access_token: Schema.String.annotate({
    description:
      "The access token; the setup client's is the protection_access_token of the other commands (on REST: Authorization: Bearer <it>).",
  }),
  expires_in: Schema.NullOr(Schema.Int).annotate({
    description: "Seconds the access token lives; null when the OP did not say. Get a new one before then.",
  }),
  refresh_token: Schema.NullOr(Schema.String).annotate({
    description: "The OP's refresh token; null when it issued none (the client credentials grant usually issues none).",
  }),
  scope: Schema.NullOr(Schema.String).annotate({
    description: "The scope the OP granted, space-separated as it wrote it; null when it did not say.",
  }),
})

/** oxd 4.x answers the granted scopes as a list (4.x GetClientTokenOperation.java:81, `Utils.stringToList`). */
export const Result4 = Schema.Struct({
  ...Result.fields,
  scope: Schema.Array(Schema.String).annotate({ description: "The scopes granted ([] when the OP names none)." }),
})
