import type { ServerResponse } from "node:http"
import { sendJson } from "../http.js"
import { CLIENT_AUTH_METHODS, GRANT_TYPES, RESPONSE_TYPES } from "../provider.js"
import { CLAIM_TOKEN_FORMATS } from "./claimTokens.js"
import { endpoint, type UmaContext } from "./context.js"
import { UMA_PATHS, UMA_TICKET_GRANT } from "./paths.js"

/**
 * UMA 2.0 AS metadata (UMA Grant §2, FedAuthz §2): RFC 8414 fields for the OP's own endpoints, plus the
 * UMA endpoints. `introspection_endpoint` is the UMA one (PAT as Bearer), not oidc-provider's.
 */
export function umaConfiguration(uma: UmaContext): Record<string, unknown> {
  const provider = uma.provider()
  return {
    issuer: uma.issuer,
    authorization_endpoint: provider.urlFor("authorization"),
    token_endpoint: provider.urlFor("token"),
    jwks_uri: provider.urlFor("jwks"),
    registration_endpoint: provider.urlFor("registration"),
    resource_registration_endpoint: endpoint(uma, UMA_PATHS.resourceRegistration),
    permission_endpoint: endpoint(uma, UMA_PATHS.permission),
    introspection_endpoint: endpoint(uma, UMA_PATHS.introspection),
    claims_interaction_endpoint: endpoint(uma, UMA_PATHS.claimsInteraction),
    scopes_supported: [...uma.scopes],
    response_types_supported: [...RESPONSE_TYPES],
    grant_types_supported: [...GRANT_TYPES, UMA_TICKET_GRANT],
    token_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
    code_challenge_methods_supported: ["S256"],
    uma_profiles_supported: [],
    /** Not standard metadata (Gluu-like); lists the claim_token_format values the token endpoint accepts. */
    claim_token_formats_supported: [...CLAIM_TOKEN_FORMATS],
  }
}

export function handleConfiguration(uma: UmaContext, res: ServerResponse): void {
  sendJson(res, 200, uma.discovery.apply("uma", umaConfiguration(uma)))
}
