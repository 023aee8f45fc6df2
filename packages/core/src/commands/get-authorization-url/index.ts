import * as Command from "../../Command.js"
import { fromWarmState } from "./fromWarmState.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const GetAuthorizationUrl = Command.make("get_authorization_url", {
  description: "Get the OP URL to send the user to for login.",
  params: Params,
  result: Result,
  protection: "site",
  handler,
  fromWarmState,
})
