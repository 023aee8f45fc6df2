import type { Scenario } from "../scenario.js"
import { unknownCommand, missingParam, unknownOxdId } from "./errors/errors.js"
import {
  badAtHash,
  badSignature,
  expiredIdToken,
  unknownKid,
  wrongAudience,
  wrongIssuer,
  wrongNonce,
} from "./id-token/faults.js"
import { keyRotation } from "./id-token/key-rotation.js"
import { codeFlow } from "./oidc/code-flow.js"
import { registerSite } from "./oidc/register-site.js"
import { removeSite } from "./oidc/remove-site.js"
import { setupClient } from "./oidc/setup-client.js"
import { nonAsciiParams } from "./oidc/non-ascii.js"
import { unknownParams } from "./oidc/unknown-params.js"
import { updateSite, updateSiteRegistration } from "./oidc/update-site.js"
import { blankProtectionToken, otherClientToken } from "./protection/protection.js"
import { restartSurvival } from "./restart.js"
import { umaDenied, umaFlow, umaInvalidTicket, umaNeedInfo } from "./uma/flow.js"
import { umaBadParams, umaDuplicateMethod, umaOverwrite, umaUnprotectedPath } from "./uma/protect.js"
import { umaExpiredRpt, umaIntrospectionCache, umaScopeExpression } from "./uma/rpt.js"
import { logoutScenarios } from "./logout/backchannel.js"
import { crossSiteState, expiredState, reusedState, wrongState } from "./state/state.js"
import { v4CodeFlow, v4Errors, v4Protection } from "./v4/api4.js"
import { v4CommandScenarios } from "./v4/commands4.js"

/** Every scenario, in the order a run reports them. */
export const scenarios: ReadonlyArray<Scenario> = [
  registerSite,
  setupClient,
  codeFlow,
  updateSite,
  updateSiteRegistration,
  removeSite,
  unknownParams,
  nonAsciiParams,
  wrongState,
  reusedState,
  crossSiteState,
  expiredState,
  badSignature,
  wrongNonce,
  wrongAudience,
  expiredIdToken,
  wrongIssuer,
  badAtHash,
  unknownKid,
  keyRotation,
  unknownOxdId,
  missingParam,
  unknownCommand,
  blankProtectionToken,
  otherClientToken,
  restartSurvival,
  umaFlow,
  umaNeedInfo,
  umaDenied,
  umaInvalidTicket,
  umaOverwrite,
  umaDuplicateMethod,
  umaUnprotectedPath,
  umaBadParams,
  umaExpiredRpt,
  umaIntrospectionCache,
  umaScopeExpression,
  // the oxd 4.x API (profile reference-4, transport https4); not in the 3.1 profiles
  v4CodeFlow,
  v4Protection,
  v4Errors,
  ...v4CommandScenarios,
  ...logoutScenarios,
]
