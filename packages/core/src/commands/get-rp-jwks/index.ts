import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

/** Unprotected, as the reference's (C/CommandType.java:53): OPs fetch it as a client's jwks_uri. */
export const GetRpJwks = Command.make("get_rp_jwks", {
  description: "Get the server's public signing keys (oxd 4.x).",
  params: Params,
  result: Result,
  protection: "none",
  handler,
})
