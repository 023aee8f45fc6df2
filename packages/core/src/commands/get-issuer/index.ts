import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

/** oxd 4.x issuer_discovery (CommandType.java:52, its wire name kept as an alias): unprotected (RestResource.java:253-257). */
export const GetIssuer = Command.make("get_issuer", {
  description: "Discover the user's OP by WebFinger and check it is the given OP (oxd 4.x).",
  params: Params,
  result: Result,
  protection: "none",
  aliases: ["issuer_discovery"],
  fieldCodes: {
    op_configuration_endpoint: "invalid_op_configuration_endpoint",
    op_host: "invalid_op_host",
    resource: "bad_request_no_resource",
  },
  handler,
})
