import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeConfig, makeOxd, type Config, type Oxd } from "@oxd/core"
import type { TestOp } from "@oxd/test-op"
import type { Target, Transport } from "../../src/index.js"

/** One of our servers that listens on a core: how to start it and how a client connects to it. */
export interface Edge<S extends { readonly port: number; close(): Promise<void> }> {
  readonly name: string
  readonly listen: (oxd: Oxd, opts: { host: string; port: number }) => Promise<S>
  readonly connect: (server: S) => Transport
  /** How the OP's logout token reaches this edge's server over HTTP; absent: straight to the core's receiver. */
  readonly backchannelLogout?: (server: S) => (token: string) => Promise<{ status: number; body: unknown }>
}

/** The core's back-channel receiver, as the REST app answers it (for targets without the REST edge). */
export const coreBackchannelLogout = (oxd: Oxd) => async (token: string) => {
  const a = await oxd.logout.backchannel(token)
  return {
    status: a.status,
    body: a.status === 200 ? undefined : { error: a.error, error_description: a.error_description },
  }
}

/**
 * Our server in-process with its generated self-signed certificate, on a fresh SQLite file, trusting the test OP's CA and
 * allowing its origin: the main server (always protected), a short-state-expiry one on the same store, and a restart that
 * keeps the port.
 */
export const startInProcessTargets = async <S extends { readonly port: number; close(): Promise<void> }>(
  op: TestOp,
  edge: Edge<S>,
  /** Config keys on top of the defaults (e.g. test_helpers_enabled). */
  overrides: Partial<Config> = {},
) => {
  interface Running {
    oxd: Oxd
    server: S
  }
  const start = async (config: Config, port = 0): Promise<Running> => {
    const oxd = makeOxd(config)
    await oxd.ready()
    const server = await edge.listen(oxd, { host: "127.0.0.1", port })
    return { oxd, server }
  }
  const stop = async (r: Running) => {
    await r.server.close()
    await r.oxd.dispose()
  }

  const dir = mkdtempSync(join(tmpdir(), `oxd-conformance-${edge.name}-`))
  const base = makeConfig({
    database_url: `file:${join(dir, "oxd.db")}`,
    trusted_ca_file: op.caFile,
    allowed_op_hosts: [new URL(op.issuer).origin], // on loopback: refused unless listed
    rest_tls_dir: join(dir, "tls"),
    log_level: "warn",
    ...overrides,
  })
  let main = await start(base)
  const SHORT_SECONDS = 2
  const short = await start({ ...base, state_expiration_in_minutes: SHORT_SECONDS / 60 })
  const connect = (r: () => Running) => (): Transport => edge.connect(r().server)
  const target: Target = {
    connect: connect(() => main),
    protection: true,
    shortStateExpiry: { connect: connect(() => short), seconds: SHORT_SECONDS },
    backchannelLogout: (token) =>
      (edge.backchannelLogout ? edge.backchannelLogout(main.server) : coreBackchannelLogout(main.oxd))(token),
    restart: async () => {
      const port = main.server.port
      await stop(main)
      main = await start(base, port)
    },
  }
  return {
    target,
    close: async () => {
      await Promise.all([stop(main), stop(short)])
    },
  }
}
