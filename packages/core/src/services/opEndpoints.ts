/**
 * The OP endpoint behind each operation name of toOpError (opErrors.ts), and what to check at the OP when it answers
 * a call with something unusable or refuses the client: an error that only says "the OP failed" leaves the operator
 * guessing between a network problem and a client registered with the wrong grant types or auth method.
 */

const GRANTS: Readonly<Record<string, string>> = {
  token: "authorization_code",
  refresh: "refresh_token",
  client_credentials: "client_credentials",
  "uma-ticket grant": "urn:ietf:params:oauth:grant-type:uma-ticket",
}

export const endpointOf = (operation: string): string => {
  if (operation in GRANTS) return "token endpoint"
  if (operation === "registration") return "registration endpoint"
  if (operation.startsWith("registration ")) return "client configuration endpoint (registration_client_uri)"
  if (operation === "discovery" || operation === "UMA discovery") return `${operation} document`
  return `${operation} endpoint`
}

/** What to check at the OP; `authMethod` is the client's token_endpoint_auth_method, when the call authenticates. */
export const adviceFor = (operation: string, authMethod: string | undefined, status: number | undefined): string => {
  if (status !== undefined && status >= 500)
    return "The OP failed answering it (a server error): check the OP's logs, or retry later."
  const method = authMethod ?? "client_secret_basic"
  const grant = GRANTS[operation]
  if (grant) {
    return `Check at the OP that the client may use the ${grant} grant (its allowed grant types) and that it authenticates with ${method} (its token_endpoint_auth_method; register_site's client_token_endpoint_auth_method or default_token_endpoint_auth_method).`
  }
  if (operation === "introspection")
    return `Check at the OP that the client may introspect tokens and that it authenticates with ${method} (its token_endpoint_auth_method).`
  if (operation === "userinfo")
    return "Check that the access token is valid at the OP and was granted the openid scope."
  if (operation === "registration") {
    return "Check that the OP allows dynamic client registration (open, without an initial access token) and accepts the metadata sent: redirect URIs, grant types, token_endpoint_auth_method."
  }
  if (operation.startsWith("registration "))
    return "Check the site's registration access token and that the OP supports client management (RFC 7592)."
  return "Check the OP's configuration for this client."
}

/** OAuth errors that mean the client's registration does not allow the call (RFC 6749 §5.2), worth the advice. */
export const isRegistrationProblem = (error: string): boolean =>
  error === "invalid_client" || error === "unauthorized_client" || error === "unsupported_grant_type"
