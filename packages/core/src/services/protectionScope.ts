/**
 * The protection scope rule, in one place (the protection guard checks it and answers from its cache with it):
 * a protection_access_token must carry at least one of the accepted scopes (config protection_scope). The default
 * accepts the reference's `oxd` — what oxd 3.1 setups request from get_client_token and what its
 * ValidationService requires (oxd 3.1.4 ValidationService.java:138-140; audit X17) — and `uma_protection`, what
 * oxd-ts asked for before (X16, which the reference refuses). The token must still have been issued to the site's setup client: this rule only
 * says which scopes count, never whose token it is.
 */
export const hasProtectionScope = (tokenScopes: ReadonlyArray<string>, accepted: ReadonlyArray<string>): boolean =>
  accepted.some((scope) => tokenScopes.includes(scope))

/** How the accepted scopes are named to a caller whose token has none of them. */
export const describeProtectionScopes = (accepted: ReadonlyArray<string>): string =>
  accepted.map((s) => `"${s}"`).join(" or ")
