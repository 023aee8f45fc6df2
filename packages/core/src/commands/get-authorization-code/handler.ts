import { Effect } from "effect"
import { OperationFailed } from "../../errors.js"
import { list } from "../_shared/fields.js"
import { passwordLogin } from "../_shared/passwordLogin.js"
import { handler as authorizationUrl } from "../get-authorization-url/handler.js"
import type { Params as UrlParams } from "../get-authorization-url/schema.js"
import type { Params, Result } from "./schema.js"

/**
 * GetAuthorizationCodeOperation.java:41-73 on master: the site's authorization request with prompt=none and the
 * user's credentials. The request is get_authorization_url's (state, nonce and PKCE issued and sealed as for any login),
 * so get_tokens_by_code redeems the code with the state returned here.
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const acr = list(p.acr_values)
  const urlParams: typeof UrlParams.Type = { oxd_id: p.oxd_id, prompt: "none", ...(acr ? { acr_values: acr } : {}) }
  const { authorization_url } = yield* authorizationUrl(urlParams)
  const response = yield* passwordLogin(authorization_url, p.username, p.password)
  const code = response.get("code")
  const state = response.get("state")
  if (!code || !state)
    return yield* new OperationFailed({
      operation: "Logging the user in at the OP",
      detail: "the OP's redirect carries no code or no state",
    })
  const reply: typeof Result.Type = { code, state }
  return reply
})
