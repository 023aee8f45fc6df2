import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const GetAuthorizationCode = Command.make("get_authorization_code", {
  description: "Test helper: log a user in by password and get an authorization code (oxd 4.x; test_helpers_enabled).",
  params: Params,
  result: Result,
  protection: "site",
  enabledBy: "test_helpers_enabled",
  handler,
})
