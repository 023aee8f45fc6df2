import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

/** oxd 4.x: its params name no site (GetJwksParams is no HasOxdIdParams), so no token is checked (RestResource.java:340-344). */
export const GetJwks = Command.make("get_jwks", {
  description: "Get the OP's signing keys (JWKS) (oxd 4.x).",
  params: Params,
  result: Result,
  protection: "none",
  fieldCodes: { op_configuration_endpoint: "invalid_op_configuration_endpoint", op_host: "invalid_op_host" },
  handler,
})
