import { conformanceSuite } from "./support/conformanceSuite.js"
import { startWsTargets } from "./support/wsTarget.js"

conformanceSuite("conformance over WebSocket (tRPC through @oxd/client, token per call)", startWsTargets)
