import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const ImplicitFlow = Command.make("implicit_flow", {
  description: "Test helper: as authorization_code_flow (oxd 4.x; test_helpers_enabled).",
  params: Params,
  result: Result,
  protection: "site",
  enabledBy: "test_helpers_enabled",
  handler,
})
