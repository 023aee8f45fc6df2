import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const UmaRsProtect = Command.make("uma_rs_protect", {
  description: "Protect the site's resources (paths, methods, scopes) at the UMA authorization server.",
  params: Params,
  result: Result,
  protection: "site",
  fieldCodes: {
    resources: "invalid_uma_request",
    path: "invalid_path_parameter",
    httpMethods: "invalid_http_method",
    scope_expression: "invalid_scope_expressioin",
  },
  handler,
})
