import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result, Result4 } from "./schema.js"

export const GetUserInfo = Command.make("get_user_info", {
  description: "Get the user's claims with an access token.",
  params: Params,
  result: Result,
  result4: Result4,
  protection: "site",
  handler,
})
