export { startTestOp, type StartTestOpOptions, type TestOp, type RotateKeysResult } from "./server.js";
export {
  headlessLogin,
  AuthorizationResponseError,
  type HeadlessLoginOptions,
  type HeadlessLoginResult,
} from "./headlessLogin.js";
export { ensureCertificates, defaultStateDir, type Certificates } from "./certs.js";
export { MISBEHAVIOUR_KINDS, type Misbehaviour, type MisbehaviourKind } from "./misbehave.js";
export { TEST_USERS, type TestUser } from "./accounts.js";
export { DEFAULT_TTL, SCOPES, type TtlOptions } from "./provider.js";
export { SIGNING_ALGS, type SigningAlg } from "./keys.js";
export { ADMIN_PREFIX } from "./admin.js";
