import * as Command from "../../Command.js"
import { handler } from "./handler.js"
import { Params, Result } from "./schema.js"

export const UpdateSite = Command.make("update_site", {
  description: "Change a site's registration.",
  params: Params,
  result: Result,
  protection: "site",
  aliases: ["update_site_registration"],
  fieldCodes: {
    client_token_endpoint_auth_signing_alg: "invalid_algorithm",
    access_token_signing_alg: "invalid_algorithm",
    id_token_signed_response_alg: "invalid_algorithm",
    user_info_signed_response_alg: "invalid_algorithm",
    request_object_signing_alg: "invalid_algorithm",
  },
  handler,
})
