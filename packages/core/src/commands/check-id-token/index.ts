import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

/** oxd 4.x check-id-token; id_token_status is its wire name in 3.1 and 4.x (C/CommandType.java:34). */
export const CheckIdToken = Command.make("check_id_token", {
  description: "Validate an ID token of the site (oxd 4.x).",
  params: Params,
  result: Result,
  protection: "site",
  aliases: ["id_token_status"],
  // NO_ID_TOKEN_PARAM (C/ErrorResponseCode.java:35 on master)
  fieldCodes: { id_token: "no_id_token" },
  handler,
})
