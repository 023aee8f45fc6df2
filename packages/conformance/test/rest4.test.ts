import { startRestServer } from "@oxd/rest-server"
import { describe, expect, it } from "vitest"
import type { TestOp } from "@oxd/test-op"
import { testOpDriver } from "../src/drivers/testOp.js"
import {
  fetchTrusting,
  https4Transport,
  PROFILES_4,
  runScenario,
  runSuite,
  scenarios,
  type Target,
} from "../src/index.js"
import { conformanceSuite, scenarioEnv, startOpAndTargets } from "./support/conformanceSuite.js"
import { startInProcessTargets } from "./support/inProcessTargets.js"
import { startRest4Targets } from "./support/rest4Target.js"

// The reference-4 profile (what oxd 4.x does) over our 4.x REST API, through the generated @oxd/client-rest/v4
conformanceSuite(
  "conformance over the oxd 4.x REST API (https4, through @oxd/client-rest/v4)",
  startRest4Targets,
  PROFILES_4,
)

describe("the reference-4 scenarios against the 3.1 REST API spoken to as if it were 4.x", () => {
  let env: () => ReturnType<typeof scenarioEnv>
  startOpAndTargets(
    (op) =>
      startInProcessTargets(op, {
        name: "rest31-as-4",
        listen: startRestServer,
        connect: (server) => {
          const trusted = fetchTrusting(server.tls!.certPem)
          return https4Transport({ baseUrl: server.url, fetch: trusted.fetch, onClose: trusted.close })
        },
      }),
    (op, targets) => (env = () => scenarioEnv(op, targets.target)),
  )
  const v4 = scenarios.filter((s) => s.source.kind === "reference-4")

  it("there are reference-4 scenarios, each citing oxd 4.x's source", () => {
    expect(v4.map((s) => s.id)).toEqual(["v4-code-flow", "v4-protection", "v4-errors"])
    for (const s of v4) expect(s.source.kind === "reference-4" && s.source.citation).toMatch(/S4\/.*\.java:\d+/)
  })

  it.each(v4.map((s) => [s.id, s] as const))(
    "%s fails there (register_site needs a setup client's token)",
    async (_id, s) => {
      const outcome = await runScenario(s, env(), { profile: "reference-4" })
      expect(outcome.status).toBe("failed")
    },
  )
})

describe("runSuite with the reference-4 profile", () => {
  let op: TestOp
  let target: Target
  startOpAndTargets(startRest4Targets, (o, t) => ([op, target] = [o, t.target]))

  it("runs the 4.x scenarios over https4 by default, lists no 3.1 scenario, and our 4.x listener passes them", async () => {
    const result = await runSuite({ targets: { https4: target }, op: testOpDriver(op), profile: "reference-4" })
    expect(result.transports.map((t) => t.transport)).toEqual(["https4"])
    const outcomes = result.transports[0]!.results.map((r) => `${r.id}: ${r.status}`)
    expect(outcomes).toEqual(["v4-code-flow: passed", "v4-protection: passed", "v4-errors: passed"])
    expect(result.failed).toBe(0)
  })
})
