import * as Command from "../../Command.js"
import { registrationFieldCodes } from "../_shared/registration.js"
import { handler } from "./handler.js"
import { Params, Result, Result4 } from "./schema.js"

export const RegisterSite = Command.make("register_site", {
  description: "Register a site (an OpenID client) and get its oxd_id.",
  params: Params,
  result: Result,
  result4: Result4,
  protection: "register",
  fieldCodes: registrationFieldCodes,
  handler,
})
