/**
 * The whole suite over TCP against two oxd instances sharing one PostgreSQL database (a throwaway server started
 * here), as behind a load balancer that sends each command to the other instance: every scenario's commands alternate
 * between A and B (a login begun on A is finished on B, resources protected on B are checked on A, …). Restart
 * survival restarts A; state expiry uses a third instance with short states on the same database.
 * site_cache_seconds is 0 here: a scenario reads right after it writes through the other instance, and the other
 * instance's cached copy is dropped by a notification that travels asynchronously (or at the latest after
 * site_cache_seconds, which apps/server/src/cluster.test.ts checks).
 */
import { makeConfig, makeOxd, type Config, type Oxd } from "@oxd/core"
import { startTcpServer, type TcpServer } from "@oxd/tcp-server"
import type { TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { postgresAvailability, startPostgres, type RunningPostgres } from "@oxd/test-postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PROFILES, scenarios, scenarioTest, tcpTransport, type Env, type Target, type Transport } from "../src/index.js"
import { scenarioEnv } from "./support/conformanceSuite.js"

const availability = postgresAvailability()
if (!availability.available)
  console.warn(`skipping the conformance suite against two instances on PostgreSQL: ${availability.reason}`)

interface Instance {
  readonly oxd: Oxd
  readonly server: TcpServer
}

const start = async (config: Config, port = 0): Promise<Instance> => {
  const oxd = makeOxd(config)
  await oxd.ready()
  return { oxd, server: await startTcpServer(oxd, { host: "127.0.0.1", port }) }
}
const stop = async (i: Instance) => {
  await i.server.close()
  await i.oxd.dispose()
}

/** One connection to each instance; calls go to A, B, A, B, … */
const alternating = (a: Transport, b: Transport): Transport => {
  let n = 0
  return {
    name: "tcp",
    call: (command, params) => (n++ % 2 === 0 ? a : b).call(command, params),
    close: async () => {
      await Promise.all([a.close(), b.close()])
    },
  }
}

let op: TestOp
let pg: RunningPostgres
let a: Instance
let b: Instance
let short: Instance
const calls = { a: 0, b: 0 }

describe.skipIf(!availability.available)(
  "conformance over TCP against two instances on one PostgreSQL database",
  () => {
    let target: Target
    beforeAll(async () => {
      op = await startOp()
      pg = await startPostgres()
      const base = makeConfig({
        database_url: await pg.createDatabase(),
        trusted_ca_file: op.caFile,
        allowed_op_hosts: [new URL(op.issuer).origin],
        log_level: "warn",
        site_cache_seconds: 0,
      })
      ;[a, b] = await Promise.all([start(base), start(base)])
      const SHORT_SECONDS = 2
      short = await start({ ...base, state_expiration_in_minutes: SHORT_SECONDS / 60 })
      const counted = (name: "a" | "b", t: Transport): Transport => ({
        ...t,
        call: (c, p) => (calls[name]++, t.call(c, p)),
      })
      target = {
        description: "A and B, alternately",
        protection: false,
        // RPT answers are cached per instance (README "Running several instances")
        instances: 2,
        connect: () =>
          alternating(
            counted("a", tcpTransport({ host: "127.0.0.1", port: a.server.port })),
            counted("b", tcpTransport({ host: "127.0.0.1", port: b.server.port })),
          ),
        restart: async () => {
          const port = a.server.port
          await stop(a)
          a = await start(base, port)
        },
        shortStateExpiry: {
          connect: () => tcpTransport({ host: "127.0.0.1", port: short.server.port }),
          seconds: SHORT_SECONDS,
        },
      }
    }, 60_000)
    afterAll(async () => {
      await Promise.all([a, b, short].filter(Boolean).map(stop))
      await pg?.stop()
      await op?.close()
    })

    const env = (): Env => scenarioEnv(op, target)

    // our own server: both profiles must be green
    for (const profile of PROFILES) {
      for (const s of scenarios)
        it(`${s.id} (profile ${profile})`, (ctx) => scenarioTest(s, env, profile)((r) => ctx.skip(r)))
    }

    it("sent commands to both instances", () => {
      expect(calls.a).toBeGreaterThan(50)
      expect(calls.b).toBeGreaterThan(50)
    })
  },
)
