import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const GetLogoutUri = Command.make("get_logout_uri", {
  description: "Get the OP's logout (end-session) URL for the user.",
  params: Params,
  result: Result,
  protection: "site",
  handler,
})
