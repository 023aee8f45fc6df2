import type { TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, it } from "vitest"
import { PROFILES, scenarios, scenarioTest, type Env } from "../src/index.js"
import { startWsTargets } from "./support/wsTarget.js"
import { testOpDriver } from "../src/drivers/testOp.js"

let op: TestOp
let targets: Awaited<ReturnType<typeof startWsTargets>>

beforeAll(async () => {
  op = await startOp()
  targets = await startWsTargets(op)
})
afterAll(async () => {
  await targets?.close()
  await op?.close()
})

const env = (): Env => ({
  target: targets.target,
  op: testOpDriver(op),
  redirectUri: "https://client.example.org/cb",
  postLogoutRedirectUri: "https://client.example.org/logged-out",
  claimsRedirectUri: "https://client.example.org/claims-cb",
})

// our own server: both profiles must be green (reference: what oxd 3.1.4 does; strict: our hardening on top)
for (const profile of PROFILES) {
  describe(`conformance over WebSocket (tRPC through @oxd/client, token per call), profile ${profile}`, () => {
    for (const s of scenarios) it(s.id, (ctx) => scenarioTest(s, env, profile)((r) => ctx.skip(r)))
  })
}
