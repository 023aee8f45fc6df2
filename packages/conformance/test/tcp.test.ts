import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import { PROFILES, PROFILES_4, scenarios, scenarioTest, type Env } from "../src/index.js"
import { scenarioEnv, startOpAndTargets } from "./support/conformanceSuite.js"
import { startTcpTargets } from "./support/tcpTarget.js"

let op: TestOp
let targets: Awaited<ReturnType<typeof startTcpTargets>>

startOpAndTargets(startTcpTargets, (o, t) => ([op, targets] = [o, t]))

const env = (target: () => Env["target"]) => (): Env => scenarioEnv(op, target())

// our own server: every profile must be green (reference: what oxd 3.1.4 does; strict: our hardening on top;
// reference-4: the oxd 4.x commands, in core, over the 3.1 envelope)
for (const profile of [...PROFILES, ...PROFILES_4]) {
  describe(`conformance over TCP, profile ${profile}`, () => {
    for (const s of scenarios)
      it(s.id, (ctx) =>
        scenarioTest(
          s,
          env(() => targets.plain),
          profile,
        )((r) => ctx.skip(r)),
      )
  })

  describe(`conformance over TCP, protect_commands_with_access_token on, profile ${profile}`, () => {
    for (const s of scenarios) {
      it(s.id, async (ctx) => {
        // every command a scenario sends is among the commands it declares (the CLI skips it when one is not offered)
        const sent = new Set<string>()
        const recording = (): Env["target"] => {
          const t = targets.protectedTarget
          return {
            ...t,
            connect: () => {
              const c = t.connect()
              return {
                ...c,
                call: (command, params) => {
                  sent.add(command)
                  return c.call(command, params)
                },
              }
            },
          }
        }
        await scenarioTest(s, env(recording), profile)((r) => ctx.skip(r))
        const undeclared = [...sent].filter(
          (c) =>
            !(s.commands ?? []).includes(c) && !["setup_client", "get_client_token", "no_such_command"].includes(c),
        )
        expect(undeclared, `${s.id} sends commands missing from its commands list`).toEqual([])
      })
    }
  })
}
