import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const IntrospectAccessToken = Command.make("introspect_access_token", {
  description: "Introspect an access token at the OP (RFC 7662).",
  params: Params,
  result: Result,
  protection: "site",
  handler,
})
