import * as Command from "../../Command.js"
import { fromWarmState } from "./fromWarmState.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const UmaRsCheckAccess = Command.make("uma_rs_check_access", {
  description: "Check whether a request to a protected resource may proceed, with the requester's RPT.",
  params: Params,
  result: Result,
  protection: "site",
  fieldCodes: { path: "invalid_path_parameter", http_method: "invalid_http_method", rpt: "invalid_rpt_parameter" },
  handler,
  fromWarmState,
})
