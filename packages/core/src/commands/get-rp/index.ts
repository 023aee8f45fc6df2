import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

/**
 * oxd 4.x get_rp. Protected like every site command, though the reference's is not (CommandType.java:49,
 * authorizationRequired false) — it returned the client secret to anyone: docs/compatibility.md, oxd 4.x.
 */
export const GetRp = Command.make("get_rp", {
  description: "Get the site's registration, without secrets (oxd 4.x).",
  params: Params,
  result: Result,
  protection: "site",
  handler,
})
