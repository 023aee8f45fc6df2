import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const UmaRsModify = Command.make("uma_rs_modify", {
  description: "Change the scopes of one protected resource (oxd 4.x).",
  params: Params,
  result: Result,
  protection: "site",
  // NO_UMA_HTTP_METHOD, NO_UMA_PATH_PARAMETER, UMA_FAILED_TO_VALIDATE_SCOPE_EXPRESSION (C/ErrorResponseCode.java:83,85,92)
  fieldCodes: {
    http_method: "invalid_http_method",
    path: "invalid_path_parameter",
    scope_expression: "invalid_scope_expressioin",
  },
  handler,
})
