export * from "./scenario.js"
export {
  reference,
  reference4,
  hardening,
  byTransport,
  describeSource,
  describeProfile,
  inProfile,
  PROFILES,
  PROFILES_4,
  type Source,
  type SourceKind,
  type SourceSpec,
  type PerTransport,
  type Profile,
} from "./source.js"
export type { Envelope, Transport } from "./Transport.js"
export { scenarios } from "./scenarios/index.js"
export { runScenario, scenarioTest, notInProfile, type Outcome, type RunScenarioOptions } from "./runner.js"
export {
  runSuite,
  probeCommands,
  selectScenarios,
  forApiOf,
  unknownSelectors,
  GHOST_OXD_ID,
  type SuiteOptions,
  type SuiteResult,
  type TransportResult,
  type ScenarioResult,
  type ProgressEvent,
} from "./suite.js"
export {
  externalTarget,
  DEFAULT_TARGETS,
  TRANSPORTS,
  TRANSPORTS_4,
  transportOfAddress,
  withFix,
  type TransportName,
  type ExternalTargetOptions,
} from "./targets.js"
export {
  connectOp,
  OpUnavailable,
  LOGIN_KINDS,
  type ConnectOpOptions,
  type ConnectedOp,
  type LoginKind,
} from "./drivers/op.js"
export { formLogin, type FormLoginOptions, type AuthorizationResponse } from "./drivers/formLogin.js"
export { manualLogin } from "./drivers/manualLogin.js"
export { gatherClaimsByForm } from "./drivers/claims.js"
export {
  REPORTERS,
  report,
  tableReport,
  tapReport,
  junitReport,
  jsonReport,
  progressLine,
  summaryLine,
  type ReporterName,
} from "./reporters/index.js"
export { fetchTrusting, webSocketTrusting, trustList } from "./tls.js"
export { describeError, UsageError } from "./errors.js"
export { tcpTransport } from "./transports/tcp.js"
export { httpsTransport } from "./transports/https.js"
export { https4Transport, httpStatusOf } from "./transports/https4.js"
export { wsTransport, clientTransport } from "./transports/ws.js"
