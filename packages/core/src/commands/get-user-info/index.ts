import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const GetUserInfo = Command.make("get_user_info", {
  description: "Get the user's claims with an access token.",
  params: Params,
  result: Result,
  protection: "site",
  handler,
})
