import type { TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, it } from "vitest"
import { PROFILES, scenarios, scenarioTest, type Env, type Profile, type Target } from "../../src/index.js"
import { testOpDriver } from "../../src/drivers/testOp.js"

/** The Env of a scenario run against `target` with the test OP `op` (the redirect URIs its registrations use). */
export const scenarioEnv = (op: TestOp, target: Target): Env => ({
  target,
  op: testOpDriver(op),
  redirectUri: "https://client.example.org/cb",
  postLogoutRedirectUri: "https://client.example.org/logged-out",
  claimsRedirectUri: "https://client.example.org/claims-cb",
})

/** A test OP and the targets `startTargets` brings up on it, for the tests of one file: `use` gets both; both stop after the file. */
export const startOpAndTargets = <T extends { close(): Promise<void> }>(
  startTargets: (op: TestOp) => Promise<T>,
  use: (op: TestOp, targets: T) => void,
) => {
  let op: TestOp | undefined
  let targets: T | undefined
  beforeAll(async () => {
    op = await startOp()
    targets = await startTargets(op)
    use(op, targets)
  })
  afterAll(async () => {
    await targets?.close()
    await op?.close()
  })
}

/**
 * Every scenario, in the 3.1 API's profiles (or those given), against the targets `startTargets` brings up on a test OP
 * for this file. Our own server: each must be green (reference: what oxd 3.1.4 does; strict: our hardening on top;
 * reference-4: what oxd 4.x does, over the 4.x REST API).
 */
export const conformanceSuite = (
  title: string,
  startTargets: (op: TestOp) => Promise<{ target: Target; close(): Promise<void> }>,
  profiles: ReadonlyArray<Profile> = PROFILES,
) => {
  let op: TestOp
  let targets: Awaited<ReturnType<typeof startTargets>>
  startOpAndTargets(startTargets, (o, t) => ([op, targets] = [o, t]))
  const env = () => scenarioEnv(op, targets.target)
  for (const profile of profiles) {
    describe(`${title}, profile ${profile}`, () => {
      for (const s of scenarios) it(s.id, (ctx) => scenarioTest(s, env, profile)((r) => ctx.skip(r)))
    })
  }
}
