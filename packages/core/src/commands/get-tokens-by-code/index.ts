import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const GetTokensByCode = Command.make("get_tokens_by_code", {
  description: "Exchange the authorization code for tokens, validating the ID token.",
  params: Params,
  result: Result,
  protection: "site",
  handler,
})
