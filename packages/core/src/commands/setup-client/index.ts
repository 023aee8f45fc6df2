import * as Command from "../../Command.js"
import { registrationFieldCodes } from "../_shared/registration.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const SetupClient = Command.make("setup_client", {
  description: "Register the setup client that protects this server's API (and, deprecated, one ordinary site).",
  params: Params,
  result: Result,
  protection: "none",
  fieldCodes: registrationFieldCodes,
  handler,
})
