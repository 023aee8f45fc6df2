import { errors, type Configuration } from "oidc-provider"
import { UMA_CLIENT_METADATA } from "./uma/clientMetadata.js"

/**
 * Client metadata beyond OpenID Connect Registration that this OP keeps, like the OPs it stands in for:
 * UMA's `claims_redirect_uri`, and Gluu's custom attribute `oxAuthTrustedClient` ("true": the consent page is
 * skipped), which oxd 3.1's register_site sends for `trusted_client` (oxd RegisterSiteOperation.java:320-322).
 * Kept so tests can read it back; this OP does not skip consent for it. Also kept, unchecked: oxAuth's spontaneous
 * scope settings and a Gluu client custom attribute (oxIncludeClaimsInIdToken), which oxd 4.x's register_site sends
 * (allow_spontaneous_scopes, spontaneous_scopes, custom_attributes).
 */
export const EXTRA_CLIENT_METADATA: NonNullable<Configuration["extraClientMetadata"]> = {
  // oidc-provider 8+ has no front-channel logout: its metadata is kept (and read back) all the same
  properties: [
    ...(UMA_CLIENT_METADATA.properties ?? []),
    "oxAuthTrustedClient",
    "frontchannel_logout_uri",
    "frontchannel_logout_session_required",
    "allow_spontaneous_scopes",
    "spontaneous_scopes",
    "oxIncludeClaimsInIdToken",
  ],
  validator(ctx, key, value, metadata) {
    if (key === "oxAuthTrustedClient") {
      if (value !== undefined && value !== "true" && value !== "false")
        throw new errors.InvalidClientMetadata('oxAuthTrustedClient must be "true" or "false"')
      return
    }
    if (key === "frontchannel_logout_session_required") {
      if (value !== undefined && typeof value !== "boolean")
        throw new errors.InvalidClientMetadata("frontchannel_logout_session_required must be a boolean")
      return
    }
    if (key === "frontchannel_logout_uri") {
      if (value !== undefined && (typeof value !== "string" || !/^https?:\/\/[^#]+$/.test(value)))
        throw new errors.InvalidClientMetadata("frontchannel_logout_uri must be an http(s) URL without fragment")
      return
    }
    return UMA_CLIENT_METADATA.validator?.(ctx, key, value, metadata)
  },
}
