import { siteAuthMethod } from "../../services/clientAuthMethods.js"
import type { OpClient } from "../../services/OpenIdProvider.js"
import type { Site } from "../../services/SiteStore.js"

/** How a stored site authenticates at its OP. */
export const opClientOf = (site: Site): OpClient => ({
  opHost: site.opHost,
  opDiscoveryPath: site.opDiscoveryPath,
  clientId: site.clientId,
  clientSecret: site.clientSecret,
  authMethod: siteAuthMethod(site),
})
