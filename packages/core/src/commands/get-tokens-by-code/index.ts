import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result, Result4 } from "./schema.js"

export const GetTokensByCode = Command.make("get_tokens_by_code", {
  description: "Exchange the authorization code for tokens, validating the ID token.",
  params: Params,
  result: Result,
  result4: Result4,
  protection: "site",
  handler,
})
