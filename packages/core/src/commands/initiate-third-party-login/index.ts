import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

/** oxd 4.x (CommandType.java:56: protected; RestResource.java:268-274: GET /initiate-third-party-login/{oxd_id}). */
export const InitiateThirdPartyLogin = Command.make("initiate_third_party_login", {
  description: "Start a login the OP initiated (third-party initiated login, oxd 4.x): the authorization URL.",
  params: Params,
  result: Result,
  protection: "site",
  handler,
})
