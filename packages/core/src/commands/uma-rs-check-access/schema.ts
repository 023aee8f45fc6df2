import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, StringList } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  rpt: optional(Schema.String).annotate({
    description: "The RPT the requesting party sent (Authorization: Bearer …); empty when it sent none.",
  }),
  // the method before the path, as the reference checks them
  http_method: Schema.String.annotate({ description: "The request's HTTP method (any letter case)." }),
  path: Schema.String.annotate({
    description: "The requested path, e.g. /photo (matched in any letter case, as oxd 3.1 matches it).",
  }),
  scopes: optional(StringList).annotate({
    description:
      "oxd 4.x: the scopes this request needs, any one of which opens it, in place of the resource's scopes or scope_expression; the permission ticket asks for them too. Absent or empty: the resource's.",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description:
    "Decides whether a request to a protected resource may proceed; when not, gets a permission ticket for the requester.",
})

export const Result = Schema.Struct({
  access: Schema.Literals(["granted", "denied"]).annotate({
    description:
      "granted: let the request through. denied: refuse it; when www-authenticate_header and ticket are given, answer 401 with that header, so the requester can get an RPT for the ticket (uma_rp_get_rpt).",
  }),
  "www-authenticate_header": Schema.NullOr(Schema.String).annotate({
    description: "For a denied request: the WWW-Authenticate header to answer with (401); null when granted.",
  }),
  ticket: Schema.NullOr(Schema.String).annotate({
    description: "For a denied request: the permission ticket; null when granted.",
  }),
})
