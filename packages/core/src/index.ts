export type { CallContext } from "./CallContext.js"
export * as Command from "./Command.js"
export { commands, aliases, resolveCommand, type Commands, type CommandName } from "./commands/index.js"
export { dispatch } from "./dispatch.js"
export { errorCodes, toWireError, edgeRefusal, type WireError } from "./errorCodes.js"
export * from "./errors.js"
export {
  okEnvelope,
  errorEnvelope,
  defectError,
  type Envelope,
  type OkEnvelope,
  type ErrorEnvelope,
  type Reply,
} from "./envelope.js"
export { OxdConfig, ConfigSchema, type Config } from "./config/OxdConfig.js"
export { loadConfig, makeConfig, configHelp, parseArgs, ConfigError } from "./config/loadConfig.js"
export { configKeys } from "./config/keys.js"
export { coreLayer, loggerLayer } from "./CoreLive.js"
export { makeOxd, type Oxd, type OxdAdmin, type WhoAmI } from "./makeOxd.js"
export type { SiteView, SiteDetail } from "./admin/siteView.js"
export type { ProtectionCheck } from "./admin/siteAdmin.js"
export { sqliteFilePath } from "./store/sqlite/open.js"
export { looseDatabaseFiles } from "./store/atRestWarnings.js"
export { discoveryUrl } from "./services/discoveryUrl.js"
export { makeOpHostPolicy, refusalIn } from "./services/opHosts/OpHostPolicy.js"
export {
  Events,
  EVENTS_RETAINED,
  eventOfSetupClient,
  type OxdEvent,
  type OxdEventInput,
  type SubscribeOptions,
} from "./services/Events.js"
export { redactSecrets } from "./safety/redact.js"
export { bucketKey } from "./safety/RateLimiter.js"
export { transportProtection, presentedToken, type TransportProtection } from "./services/transportProtection.js"
export { bearerToken, sameSecret } from "./safety/bearer.js"
export { MAX_PARAMS_DEPTH } from "./dispatch.js"
export { CircuitOpenError, type Transport as OpTransport } from "./services/opResilience.js"
export { type Readiness } from "./makeOxd.js"
export { cacheStats, type CacheName } from "./observability/cacheStats.js"
export { OxdMetrics, opEndpointKind } from "./observability/metrics.js"
export { requestIdFrom } from "./observability/requestId.js"
export { BACKCHANNEL_LOGOUT_PATH, FRONTCHANNEL_LOGOUT_PATH } from "./logout/endpoints.js"
export { type LogoutAnswer } from "./logout/receiveLogout.js"
