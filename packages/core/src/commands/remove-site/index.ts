import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const RemoveSite = Command.make("remove_site", {
  description: "Remove a site from this server.",
  params: Params,
  result: Result,
  protection: "site",
  handler,
})
