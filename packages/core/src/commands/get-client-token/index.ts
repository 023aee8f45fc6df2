import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const GetClientToken = Command.make("get_client_token", {
  description: "Get an access token by client credentials (the protection_access_token for the other commands).",
  params: Params,
  result: Result,
  protection: "none",
  fieldCodes: { op_host: "invalid_op_host", algorithm: "invalid_algorithm" },
  handler,
})
