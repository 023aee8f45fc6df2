import { PROFILES, PROFILES_4 } from "../src/index.js"
import { conformanceSuite } from "./support/conformanceSuite.js"
import { startRestTargets } from "./support/restTarget.js"

conformanceSuite("conformance over HTTPS (REST API through @oxd/client-rest, Bearer protection)", startRestTargets, [
  ...PROFILES,
  ...PROFILES_4,
])
