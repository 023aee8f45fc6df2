import { errors, type Configuration } from "oidc-provider"
import { UMA_CLIENT_METADATA } from "./uma/clientMetadata.js"

/**
 * Client metadata beyond OpenID Connect Registration that this OP keeps, like the OPs it stands in for:
 * UMA's `claims_redirect_uri`, and Gluu's custom attribute `oxAuthTrustedClient` ("true": the consent page is
 * skipped), which oxd 3.1's register_site sends for `trusted_client` (oxd RegisterSiteOperation.java:320-322).
 * Kept so tests can read it back; this OP does not skip consent for it.
 */
export const EXTRA_CLIENT_METADATA: NonNullable<Configuration["extraClientMetadata"]> = {
  properties: [...(UMA_CLIENT_METADATA.properties ?? []), "oxAuthTrustedClient"],
  validator(ctx, key, value, metadata) {
    if (key === "oxAuthTrustedClient") {
      if (value !== undefined && value !== "true" && value !== "false")
        throw new errors.InvalidClientMetadata('oxAuthTrustedClient must be "true" or "false"')
      return
    }
    return UMA_CLIENT_METADATA.validator?.(ctx, key, value, metadata)
  },
}
