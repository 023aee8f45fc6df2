export { startTestOp, type StartTestOpOptions, type TestOp, type RotateKeysResult } from "./server.js"
export {
  headlessLogin,
  headlessLogout,
  BrowserSession,
  AuthorizationResponseError,
  type HeadlessLoginOptions,
  type HeadlessLoginResult,
} from "./headlessLogin.js"
export { ensureCertificates, defaultStateDir, type Certificates } from "./certs.js"
export {
  ID_TOKEN_MISBEHAVIOURS,
  MISBEHAVIOUR_KINDS,
  USERINFO_MISBEHAVIOURS,
  type Misbehaviour,
  type MisbehaviourKind,
} from "./misbehave.js"
export { TEST_USERS, type TestUser } from "./accounts.js"
export { DEFAULT_TTL, SCOPES, type TtlOptions } from "./provider.js"
export { SIGNING_ALGS, type SigningAlg } from "./keys.js"
export { ADMIN_PREFIX } from "./admin.js"
export { gatherClaims, type GatherClaimsOptions, type GatherClaimsResult } from "./uma/gatherClaims.js"
export type { UmaControl, UmaEndpoints } from "./uma/control.js"
export type { UmaPolicy } from "./uma/policies.js"
export { DEFAULT_UMA_TTL, type UmaTtlOptions, type UmaResource } from "./uma/store.js"
export { UMA_PATHS, UMA_TICKET_GRANT, UMA_PROTECTION_SCOPE } from "./uma/paths.js"
export { CLAIM_TOKEN_FORMATS, ID_TOKEN_FORMAT, JWT_FORMAT } from "./uma/claimTokens.js"
export { FAULT_MODES, type Fault, type FaultMode } from "./fault.js"
export type { DiscoveryRewrite, DiscoveryDocument } from "./discovery.js"
