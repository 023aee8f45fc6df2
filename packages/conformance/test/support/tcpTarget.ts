import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeConfig, makeOxd, type Config, type Oxd } from "@oxd/core"
import { startTcpServer, type TcpServer } from "@oxd/tcp-server"
import type { TestOp } from "@oxd/test-op"
import { tcpTransport, type Target } from "../../src/index.js"
import { coreBackchannelLogout } from "./inProcessTargets.js"

interface Running {
  oxd: Oxd
  server: TcpServer
}

const start = async (config: Config, port = 0): Promise<Running> => {
  const oxd = makeOxd(config)
  await oxd.ready()
  const server = await startTcpServer(oxd, { host: "127.0.0.1", port })
  return { oxd, server }
}
const stop = async (r: Running) => {
  await r.server.close()
  await r.oxd.dispose()
}

/**
 * Our TCP server in-process, on a fresh SQLite file, trusting the test OP's CA and allowing its origin: the main server, plus a
 * protected one and a short-state-expiry one on the same store, and a restart that keeps the port.
 */
export const startTcpTargets = async (op: TestOp, overrides: Partial<Config> = {}) => {
  const dir = mkdtempSync(join(tmpdir(), "oxd-conformance-"))
  const base = makeConfig({
    database_url: `file:${join(dir, "oxd.db")}`,
    trusted_ca_file: op.caFile,
    allowed_op_hosts: [new URL(op.issuer).origin], // on loopback: refused unless listed
    log_level: "warn",
    ...overrides,
  })
  let main = await start(base)
  const guarded = await start({ ...base, protect_commands_with_access_token: true })
  const SHORT_SECONDS = 2
  const short = await start({ ...base, state_expiration_in_minutes: SHORT_SECONDS / 60 })
  const connect = (r: () => Running) => () => tcpTransport({ host: "127.0.0.1", port: r().server.port })

  const shortStateExpiry = { connect: connect(() => short), seconds: SHORT_SECONDS }
  const plain: Target = {
    connect: connect(() => main),
    protection: false,
    shortStateExpiry,
    backchannelLogout: (token) => coreBackchannelLogout(main.oxd)(token),
    restart: async () => {
      const port = main.server.port
      await stop(main)
      main = await start(base, port)
    },
  }
  const protectedTarget: Target = {
    connect: connect(() => guarded),
    protection: true,
    shortStateExpiry,
    backchannelLogout: (token) => coreBackchannelLogout(guarded.oxd)(token),
  }
  return {
    plain,
    protectedTarget,
    close: async () => {
      await Promise.all([stop(main), stop(guarded), stop(short)])
    },
  }
}
