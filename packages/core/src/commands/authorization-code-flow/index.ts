import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const AuthorizationCodeFlow = Command.make("authorization_code_flow", {
  description: "Test helper: a code flow by password, login to tokens (oxd 4.x; test_helpers_enabled).",
  params: Params,
  result: Result,
  protection: "site",
  enabledBy: "test_helpers_enabled",
  handler,
})
