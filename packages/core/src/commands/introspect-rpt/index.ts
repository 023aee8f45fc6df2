import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const IntrospectRpt = Command.make("introspect_rpt", {
  description: "Introspect an RPT at the UMA authorization server.",
  params: Params,
  result: Result,
  protection: "site",
  handler,
})
