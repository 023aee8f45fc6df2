import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, StringList, Text, textOf } from "../_shared/fields.js"
import { ScopeExpression } from "../uma-rs-protect/schema.js"

/** RsModifyParams (C/params/RsModifyParams.java:12-21 on GluuFederation/oxd master). */
export const Params = Schema.Struct({
  oxd_id: OxdId,
  // the reference checks http_method before path (RsModifyOperation.java:144-156)
  http_method: textOf(Schema.NonEmptyString, { description: "A method the protected resource guards (GET, POST, …)." }),
  path: textOf(Schema.NonEmptyString, { description: "The protected path, as given to uma_rs_protect." }),
  scopes: optional(StringList).annotate({
    description: "The resource's new scopes (any one grants access); ignored when scope_expression is given.",
  }),
  scope_expression: optional(Schema.Union([Text, ScopeExpression])).annotate({
    description:
      'A JsonLogic scope expression {"rule": …, "data": [scopes]} — as JSON text (oxd 4.x) or an object — replacing the scopes; "null" or empty: none.',
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description:
    "Changes the scopes (or scope expression) of one protected resource of the site (oxd 4.x uma-rs-modify).",
})

/** RsModifyResponse (C/response/RsModifyResponse.java on master): {oxd_id}. */
export const Result = Schema.Struct({
  oxd_id: Schema.String.annotate({ description: "The site whose protected resource was changed." }),
})
