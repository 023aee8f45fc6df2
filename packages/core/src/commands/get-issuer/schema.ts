import { Schema } from "effect"
import { OpLocationFields } from "../_shared/opLocation.js"
import { optional, Text } from "../_shared/fields.js"

export const Params = Schema.Struct({
  ...OpLocationFields,
  resource: optional(Text).annotate({
    description:
      "The user's identifier to discover the issuer of: acct:user@host, user@host or an https URL (OpenID Connect Discovery 1.0 §2).",
  }),
}).annotate({
  description:
    "Finds the user's OP by WebFinger and checks it is the OP named (op_configuration_endpoint or op_host) (oxd 4.x get-issuer).",
})

/** GetIssuerResponse (oxd-common/…/response/GetIssuerResponse.java:12-15 on master): the WebFinger answer. */
export const Result = Schema.Struct({
  subject: Schema.String.annotate({ description: "The JRD's subject: the normalised resource." }),
  links: Schema.Array(
    Schema.Struct({
      rel: Schema.String.annotate({ description: "http://openid.net/specs/connect/1.0/issuer for an issuer link." }),
      href: Schema.String.annotate({ description: "The issuer." }),
    }),
  ).annotate({ description: "The JRD's links (rel and href of each)." }),
})
