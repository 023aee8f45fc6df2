export { runServerCli, serverUsage, resolveFromCwd, stopOnSignals, type ServerProgram } from "./runServerCli.js"
export {
  serveObservability,
  startAdminServer,
  METRICS_PATH,
  LIVE_PATH,
  READY_PATH,
  type AdminServer,
} from "./httpEndpoints.js"
export { gatherWritesThisTurn, type Corkable } from "./gatherWrites.js"
export { loadRestTls, certificateNames, RestTlsError, type RestTls } from "./tls.js"
export { serverTlsPolicy, TLS_CIPHERS } from "./tlsPolicy.js"
export { logTls } from "./logTls.js"
export { runDoctorCli } from "./doctorCli.js"
export { runDoctor } from "./doctor/runDoctor.js"
export type { CheckResult } from "./doctor/check.js"
export { runSitesCli } from "./sitesCli.js"
export { serveSiteAdmin, SITES_PATH } from "./siteAdminEndpoints.js"
