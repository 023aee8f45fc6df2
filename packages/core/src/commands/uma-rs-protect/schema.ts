import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken } from "../_shared/fields.js"

const Scopes = Schema.Array(Schema.String)
export const ScopeExpression = Schema.Struct({
  // on the key: Unknown's JSON Schema (effect 4.1) drops a description annotated on the type
  rule: Schema.Unknown.annotateKey({
    description: 'A JsonLogic rule; {"var": i} stands for "the RPT grants data[i]".',
  }),
  data: Scopes.annotate({ description: "The scopes the rule refers to, by index." }),
})
export const Condition = Schema.Struct({
  httpMethods: Schema.Array(Schema.String).annotate({
    description: "Methods this condition guards (GET, POST, PUT, DELETE, …); each at most once per path.",
  }),
  scopes: optional(Scopes).annotate({ description: 'Any one of these scopes grants access ("or" rule).' }),
  ticketScopes: optional(Scopes).annotate({
    description: "Scopes a denied check asks the ticket for; the scopes when absent.",
  }),
  scope_expression: optional(ScopeExpression).annotate({
    description: "Instead of scopes: a JsonLogic rule over scopes (Gluu extension).",
  }),
})
export const Resource = Schema.Struct({
  path: Schema.String.annotate({ description: "The path as the resource server sees it, e.g. /photo." }),
  conditions: Schema.Array(Condition).annotate({
    description:
      "Who may do what on the path: each condition names HTTP methods and the scopes (or scope_expression) they need.",
  }),
})

export const Params = Schema.Struct({
  oxd_id: OxdId,
  resources: Schema.Array(Resource).annotate({
    description: "The resources to protect: each a path and its conditions.",
  }),
  overwrite: optional(Schema.Boolean).annotate({
    description: "Replace resources already protected for this oxd_id (they are deleted at the AS).",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Registers the site's protected resources at the UMA authorization server." })

export const Result = Schema.Struct({
  oxd_id: Schema.String.annotate({ description: "The oxd_id whose resources are now protected." }),
})
