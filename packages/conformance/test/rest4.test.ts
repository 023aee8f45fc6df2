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
import { startTcpTargets } from "./support/tcpTarget.js"

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
  // the scenarios that register a site: over https4 the 4.x way, without a token
  const registering = v4.filter((s) => s.commands?.includes("register_site"))

  it("there are reference-4 scenarios, each citing oxd 4.x's source", () => {
    expect(v4.map((s) => s.id)).toEqual([
      "v4-code-flow",
      "v4-protection",
      "v4-errors",
      "v4-op-info",
      "v4-issuer",
      "v4-check-id-token",
      "v4-check-access-token",
      "v4-uma-rs-modify",
      "v4-request-object",
      "v4-test-helpers",
    ])
    for (const s of v4) expect(s.source.kind === "reference-4" && s.source.citation).toMatch(/S4\/.*\.java:\d+/)
    // those about the 4.x REST API itself run over https4 only; the commands' over every transport
    expect(v4.filter((s) => s.transports).map((s) => [s.id, s.transports])).toEqual([
      ["v4-code-flow", ["https4"]],
      ["v4-protection", ["https4"]],
      ["v4-errors", ["https4"]],
    ])
  })

  it.each(registering.map((s) => [s.id, s] as const))(
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
    expect(outcomes).toEqual([
      "v4-code-flow: passed",
      "v4-protection: passed",
      "v4-errors: passed",
      "v4-op-info: passed",
      "v4-issuer: passed",
      "v4-check-id-token: passed",
      "v4-check-access-token: passed",
      "v4-uma-rs-modify: passed",
      "v4-request-object: passed",
      // test_helpers_enabled is off by default: the probe finds them not offered
      "v4-test-helpers: skipped",
    ])
    const helpers = result.transports[0]!.results.find((r) => r.id === "v4-test-helpers")
    expect(helpers?.status === "skipped" && helpers.reason).toMatch(/get_authorization_code.*test_helpers_enabled/)
    expect(result.failed).toBe(0)
  })

  it("runs the 4.x surface's scenarios over https4 only: over tcp they are skipped, saying why", async () => {
    const result = await runSuite({
      targets: { https4: target, tcp: { ...target, connect: () => failing() } },
      transports: ["tcp"],
      op: testOpDriver(op),
      profile: "reference-4",
      only: ["v4-code-flow"],
      probe: false,
    })
    expect(result.transports[0]!.results.map((r) => [r.id, r.status, r.status === "skipped" && r.reason])).toEqual([
      ["v4-code-flow", "skipped", "about the https4 API itself: not run over tcp"],
    ])
  })
})

/** A transport that must not be used (a scenario skipped by its transports list connects nowhere). */
const failing = (): never => {
  throw new Error("connected although the scenario is not run over this transport")
}

describe("the test helpers with test_helpers_enabled: true, over the 4.x REST API and over TCP (3.1 envelope)", () => {
  let op: TestOp
  let rest4: Target
  let tcp: Target
  const on = { test_helpers_enabled: true }
  startOpAndTargets(
    async (o) => {
      const [a, b] = await Promise.all([startRest4Targets(o, on), startTcpTargets(o, on)])
      return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) }
    },
    (o, t) => ([op, rest4, tcp] = [o, t.a.target, t.b.plain]),
  )
  const helpers = scenarios.find((s) => s.id === "v4-test-helpers")!

  it("v4-test-helpers passes over https4 (authorization_code_flow too: register_site answers the secret)", async () => {
    const outcome = await runScenario(helpers, scenarioEnv(op, rest4), { profile: "reference-4" })
    expect(outcome.status, JSON.stringify(outcome)).toBe("passed")
    const checked = outcome.status === "passed" ? outcome.assertions.map((a) => a.what) : []
    expect(checked.some((w) => w.startsWith("authorization_code_flow: status ok"))).toBe(true)
  })

  it("v4-test-helpers passes over tcp", async () => {
    const outcome = await runScenario(helpers, scenarioEnv(op, tcp), { profile: "reference-4" })
    expect(outcome.status, JSON.stringify(outcome)).toBe("passed")
  })
})
