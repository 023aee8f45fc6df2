import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const GetAccessTokenByRefreshToken = Command.make("get_access_token_by_refresh_token", {
  description: "Get a new access token with a refresh token.",
  params: Params,
  result: Result,
  protection: "site",
  fieldCodes: { scope: "invalid_scope" },
  handler,
})
