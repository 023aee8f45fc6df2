import * as Command from "../Command.js"
import { GetAccessTokenByRefreshToken } from "./get-access-token-by-refresh-token/index.js"
import { GetAuthorizationUrl } from "./get-authorization-url/index.js"
import { GetClientToken } from "./get-client-token/index.js"
import { GetLogoutUri } from "./get-logout-uri/index.js"
import { GetTokensByCode } from "./get-tokens-by-code/index.js"
import { GetUserInfo } from "./get-user-info/index.js"
import { IntrospectAccessToken } from "./introspect-access-token/index.js"
import { RegisterSite } from "./register-site/index.js"
import { RemoveSite } from "./remove-site/index.js"
import { SetupClient } from "./setup-client/index.js"
import { UpdateSite } from "./update-site/index.js"
import { IntrospectRpt } from "./introspect-rpt/index.js"
import { UmaRpGetClaimsGatheringUrl } from "./uma-rp-get-claims-gathering-url/index.js"
import { UmaRpGetRpt } from "./uma-rp-get-rpt/index.js"
import { UmaRsCheckAccess } from "./uma-rs-check-access/index.js"
import { UmaRsProtect } from "./uma-rs-protect/index.js"
// oxd 4.x (issue 28)
import { AuthorizationCodeFlow } from "./authorization-code-flow/index.js"
import { CheckAccessToken } from "./check-access-token/index.js"
import { CheckIdToken } from "./check-id-token/index.js"
import { GetAuthorizationCode } from "./get-authorization-code/index.js"
import { GetDiscovery } from "./get-discovery/index.js"
import { GetIssuer } from "./get-issuer/index.js"
import { GetJwks } from "./get-jwks/index.js"
import { GetRequestObject } from "./get-request-object/index.js"
import { GetRequestObjectUri } from "./get-request-object-uri/index.js"
import { GetRp } from "./get-rp/index.js"
import { GetRpJwks } from "./get-rp-jwks/index.js"
import { ImplicitFlow } from "./implicit-flow/index.js"
import { InitiateThirdPartyLogin } from "./initiate-third-party-login/index.js"
import { UmaRsModify } from "./uma-rs-modify/index.js"
import { CheckSession } from "./check-session/index.js"

/** Every command, keyed by wire name. Adding a command is adding its folder and one line here. */
export const commands = Command.registry(
  SetupClient,
  GetClientToken,
  IntrospectAccessToken,
  RegisterSite,
  UpdateSite,
  RemoveSite,
  GetAuthorizationUrl,
  GetTokensByCode,
  GetAccessTokenByRefreshToken,
  GetUserInfo,
  GetLogoutUri,
  UmaRsProtect,
  UmaRsCheckAccess,
  IntrospectRpt,
  UmaRpGetRpt,
  UmaRpGetClaimsGatheringUrl,
  // oxd 4.x (issue 28)
  GetRp,
  GetDiscovery,
  GetJwks,
  GetIssuer,
  CheckIdToken,
  CheckAccessToken,
  UmaRsModify,
  GetRpJwks,
  GetRequestObjectUri,
  GetRequestObject,
  InitiateThirdPartyLogin,
  // test helpers: only with test_helpers_enabled (Command.enabledBy)
  GetAuthorizationCode,
  AuthorizationCodeFlow,
  ImplicitFlow,
  CheckSession,
)
export type Commands = typeof commands
export type CommandName = keyof Commands
/** Every service some handler needs: the union of their R, so a layer missing one fails to compile where it runs them. */
export type CommandServices = { readonly [K in CommandName]: Command.ServicesOf<Commands[K]> }[CommandName]

/** Older wire names (aliases in the definitions) → current name. */
export const aliases: Readonly<Record<string, CommandName>> = Object.fromEntries(
  Object.values(commands).flatMap((c) => c.aliases.map((a) => [a, c.name as CommandName])),
)

export const resolveCommand = (name: string): Command.AnyCommand | undefined => {
  const key = Object.hasOwn(commands, name) ? name : aliases[name]
  return key === undefined ? undefined : (commands as Record<string, Command.AnyCommand>)[key]
}
