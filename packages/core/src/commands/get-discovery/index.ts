import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

/** oxd 4.x: unprotected, as RestResource.java:245-249 calls it without the Authorization header. */
export const GetDiscovery = Command.make("get_discovery", {
  description: "Get the OP's discovery document (oxd 4.x).",
  params: Params,
  result: Result,
  protection: "none",
  fieldCodes: { op_configuration_endpoint: "invalid_op_configuration_endpoint", op_host: "invalid_op_host" },
  handler,
})
