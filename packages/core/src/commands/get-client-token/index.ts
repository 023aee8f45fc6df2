import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result, Result4 } from "./schema.js"

export const GetClientToken = Command.make("get_client_token", {
  description: "Get an access token by client credentials (the protection_access_token for the other commands).",
  params: Params,
  result: Result,
  result4: Result4,
  protection: "none",
  // client_id missing: the reference sends the token request without it and fails, internal_error (GC3)
  fieldCodes: { op_host: "invalid_op_host", algorithm: "invalid_algorithm", client_id: "internal_error" },
  handler,
})
