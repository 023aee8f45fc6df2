import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

/** oxd 4.x check-access-token; access_token_status is its wire name in 3.1 and 4.x (C/CommandType.java:35). */
export const CheckAccessToken = Command.make("check_access_token", {
  description: "Check that an access token is the one its ID token was issued with (oxd 4.x).",
  params: Params,
  result: Result,
  protection: "site",
  aliases: ["access_token_status"],
  fieldCodes: { id_token: "no_id_token" },
  handler,
})
