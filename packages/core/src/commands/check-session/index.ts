import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const CheckSession = Command.make("check_session", {
  description: "Tell whether the OP ended a session of the site (back-channel or front-channel logout).",
  params: Params,
  result: Result,
  protection: "site",
  handler,
})
