import { startTestOp, type TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, it } from "vitest"
import { scenarios, scenarioTest, type Env } from "../src/index.js"
import { startTcpTargets } from "./support/tcpTarget.js"
import { testOpDriver } from "./support/testOpDriver.js"

let op: TestOp
let targets: Awaited<ReturnType<typeof startTcpTargets>>

beforeAll(async () => {
  op = await startTestOp({ stateDir: ".oxd/test-op" })
  targets = await startTcpTargets(op)
})
afterAll(async () => {
  await targets?.close()
  await op?.close()
})

const env = (target: () => Env["target"]) => (): Env => ({
  target: target(),
  op: testOpDriver(op),
  redirectUri: "https://client.example.org/cb",
  postLogoutRedirectUri: "https://client.example.org/logged-out",
  claimsRedirectUri: "https://client.example.org/claims-cb",
})

describe("conformance over TCP", () => {
  for (const s of scenarios) it(s.id, (ctx) => scenarioTest(s, env(() => targets.plain))((r) => ctx.skip(r)))
})

describe("conformance over TCP, protect_commands_with_access_token on", () => {
  for (const s of scenarios) it(s.id, (ctx) => scenarioTest(s, env(() => targets.protectedTarget))((r) => ctx.skip(r)))
})
