import { Schema } from "effect"
import { Jwk } from "../get-jwks/schema.js"

export const Params = Schema.Struct({}).annotate({
  description: "The server's own public signing keys (oxd 4.x get-rp-jwks): the keys request objects are signed with.",
})

/** The reference answers the JSONWebKeySet itself (S/op/GetRpJwksOperation.java:20 on master): {keys}. */
export const Result = Schema.Struct({
  keys: Schema.Array(Jwk).annotate({
    description: "Public JWKs (kid, alg, use sig): the current period's and the previous one's.",
  }),
})
