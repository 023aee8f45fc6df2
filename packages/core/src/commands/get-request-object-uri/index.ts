import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

/** oxd 4.x get_request_uri (C/CommandType.java:55, kept as an alias): a site command, protected. */
export const GetRequestObjectUri = Command.make("get_request_object_uri", {
  description: "Build, sign and keep a request object; get its request_uri (oxd 4.x).",
  params: Params,
  result: Result,
  protection: "site",
  aliases: ["get_request_uri"],
  fieldCodes: { oxd_host_url: "bad_request_no_oxd_host", request_object_signing_alg: "invalid_algorithm" },
  handler,
})
