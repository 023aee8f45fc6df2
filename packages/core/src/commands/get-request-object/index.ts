import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

/**
 * Unprotected: the OP fetches it by the request_uri it was given (C/CommandType.java:54, get_request_object_jwt, kept
 * as an alias). The id is a random UUID; knowing the request_uri is the only credential, as in the reference.
 */
export const GetRequestObject = Command.make("get_request_object", {
  description: "Get a request object by its id (oxd 4.x; the JWT the request_uri names).",
  params: Params,
  result: Result,
  protection: "none",
  aliases: ["get_request_object_jwt"],
  fieldCodes: { request_object_id: "request_object_not_found" },
  handler,
})
