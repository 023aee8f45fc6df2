import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const UmaRpGetRpt = Command.make("uma_rp_get_rpt", {
  description: "Get an RPT for a permission ticket (UMA 2 grant).",
  params: Params,
  result: Result,
  protection: "site",
  handler,
})
