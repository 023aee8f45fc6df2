import { PROFILES, PROFILES_4 } from "../src/index.js"
import { conformanceSuite } from "./support/conformanceSuite.js"
import { startWsTargets } from "./support/wsTarget.js"

conformanceSuite("conformance over WebSocket (tRPC through @oxd/client, token per call)", startWsTargets, [
  ...PROFILES,
  ...PROFILES_4,
])
