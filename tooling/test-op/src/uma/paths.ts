/** Where the UMA endpoints live on the OP's origin (none of them clash with oidc-provider routes). */
export const UMA_PATHS = Object.freeze({
  configuration: "/.well-known/uma2-configuration",
  resourceRegistration: "/uma/resource_set",
  permission: "/uma/permission",
  introspection: "/uma/introspection",
  claimsInteraction: "/uma/claims_gathering",
})

/** UMA 2.0 Grant §3.3.1. */
export const UMA_TICKET_GRANT = "urn:ietf:params:oauth:grant-type:uma-ticket"

/** The PAT scope (UMA FedAuthz §1.3). */
export const UMA_PROTECTION_SCOPE = "uma_protection"
