import { Schema } from "effect"
import { OpLocationFields } from "../_shared/opLocation.js"

export const Params = Schema.Struct(OpLocationFields).annotate({
  description: "The OP's signing keys (JWKS), from the server's key cache (oxd 4.x get-jwks).",
})

/**
 * A JSON Web Key as published (RFC 7517): its members pass through as the OP wrote them — strings (kty, kid, n, e…),
 * lists of strings (key_ops, x5c), numbers (Gluu's exp), booleans.
 */
export const Jwk = Schema.Record(
  Schema.String,
  Schema.Union([Schema.String, Schema.Finite, Schema.Boolean, Schema.Array(Schema.String)]),
).annotate({
  description: "A JSON Web Key (RFC 7517), as published.",
})

/** GetJwksResponse (oxd-common/…/response/GetJwksResponse.java:21-22 on master): {keys}. */
export const Result = Schema.Struct({
  keys: Schema.Array(Jwk).annotate({ description: "The keys of the OP's jwks_uri." }),
})
