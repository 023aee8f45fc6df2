import { errors, type Configuration } from "oidc-provider"

/**
 * UMA 2.0 Grant §3.3.2 client metadata: `claims_redirect_uri`, an array of absolute URLs (no fragment)
 * the claims interaction endpoint may redirect back to.
 */
export const UMA_CLIENT_METADATA: NonNullable<Configuration["extraClientMetadata"]> = {
  properties: ["claims_redirect_uri"],
  validator(_ctx, key, value) {
    if (key !== "claims_redirect_uri" || value === undefined) return
    const ok =
      Array.isArray(value) &&
      value.every((uri) => {
        const url = typeof uri === "string" ? URL.parse(uri) : null
        return (
          url !== null && (url.protocol === "https:" || url.protocol === "http:") && !url.hash && !uri.includes("#")
        )
      })
    if (!ok)
      throw new errors.InvalidClientMetadata(
        "claims_redirect_uri must be an array of absolute http(s) URLs without fragments",
      )
  },
}
