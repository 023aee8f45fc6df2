/**
 * oxd-server as a child process, started as a user starts it (the CLI, from source with tsx), on plain TCP, REST
 * (rest_plain_http) and WebSocket (ws_plain) ports chosen by the OS; and the real test OP in the test process.
 */
import type { ChildProcess } from "node:child_process"
import { request } from "node:https"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { createOxdClient, OxdError, type OxdClient, type OxdWsClient } from "@oxd/client/tcp"
import type { TestOp } from "@oxd/test-op"
import { freePort, spawnNode } from "@oxd/testkit"
import { WebSocket } from "ws"

const root = fileURLToPath(new URL("../../../../", import.meta.url))
const main = fileURLToPath(new URL("../main.ts", import.meta.url))
export { startOp } from "@oxd/testkit"
export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix))

export interface ChildServer {
  readonly child: ChildProcess
  readonly tcpPort: number
  readonly restUrl: string
  readonly wsUrl: string
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string
  readonly exited: Promise<number | null>
  waitFor(re: RegExp, ms?: number): Promise<RegExpExecArray>
  /** Clients of each transport (closed by closeClients). */
  tcp(token?: string): OxdClient
  https(token?: string): OxdClient
  ws(token?: string): OxdWsClient
  closeClients(): Promise<void>
}

/** Starts oxd-server on `database` (a file path, or a database URL such as postgres://…) trusting the OP's CA and allowing its origin; extra flags after. Resolves once it is ready. */
export const startServer = async (
  op: TestOp,
  database: string,
  extra: ReadonlyArray<string> = [],
  env: Record<string, string> = {},
): Promise<ChildServer> => {
  const dir = tempDir("oxd-child-")
  const args = [
    "--port",
    "0",
    "--rest-port",
    "0",
    "--ws-port",
    "0",
    "--rest-plain-http",
    "--ws-plain",
    "--database-url",
    /^[a-z]+:/.test(database) ? database : `file:${database}`,
    "--trusted-ca-file",
    op.caFile,
    "--rest-tls-dir",
    join(dir, "tls"),
    "--allowed-op-hosts",
    new URL(op.issuer).origin, // the test OP is on loopback: refused unless listed
    ...extra,
  ]
  const { child, output, exited, waitFor } = await spawnNode({
    args: ["--conditions=source", "--import", "tsx", main, ...args],
    cwd: root,
    env,
    ready: /oxd-server ready/,
  })
  const tcpPort = Number((await waitFor(/legacy TCP protocol on 127\.0\.0\.1:(\d+)/))[1])
  const restUrl = (await waitFor(/REST API on (http:\/\/127\.0\.0\.1:\d+)/))[1]!
  const wsUrl = (await waitFor(/WebSocket API \(tRPC\) on (ws:\/\/127\.0\.0\.1:\d+)/))[1]!
  const clients: Array<{ close(): Promise<void> }> = []
  const keep = <C extends { close(): Promise<void> }>(c: C) => (clients.push(c), c)
  return {
    child,
    tcpPort,
    restUrl,
    wsUrl,
    exited,
    waitFor,
    output,
    tcp: (token) =>
      keep(
        createOxdClient({
          transport: "tcp",
          port: tcpPort,
          poolSize: 1,
          timeoutMs: 30_000,
          ...(token ? { token } : {}),
        }),
      ),
    https: (token) =>
      keep(createOxdClient({ transport: "https", baseUrl: restUrl, timeoutMs: 30_000, ...(token ? { token } : {}) })),
    ws: (token) =>
      keep(
        createOxdClient({
          transport: "ws",
          url: wsUrl,
          WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
          timeoutMs: 30_000,
          retryDelayMs: () => 60_000,
          ...(token ? { token } : {}),
        }),
      ),
    closeClients: async () => {
      await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)))
    },
  }
}

/** A server with its admin port (metrics, health) on: `adminUrl` is that port's base URL. */
export type AdminServer = ChildServer & { readonly adminUrl: string }

/** startServer with the admin port on a free port (the flag needs a number: 0 turns the admin port off). */
export const startServerWithAdmin = async (
  op: TestOp,
  database: string,
  extra: ReadonlyArray<string> = [],
): Promise<AdminServer> => {
  const port = await freePort()
  const server = await startServer(op, database, ["--admin-port", String(port), ...extra])
  return Object.assign(server, { adminUrl: `http://127.0.0.1:${port}` })
}

/** Stops a child still running (test cleanup). */
export const kill = (s: ChildServer | undefined) => {
  if (s && s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL")
}

/** Test cleanup after a file: the server's clients closed, the server killed if still running, the OP closed. */
export const stopAll = async (server: ChildServer | undefined, op: TestOp | undefined) => {
  await server?.closeClients()
  kill(server)
  await op?.close()
}

/** A JSON document of the OP (its discovery, say), trusting only the test CA. */
export const opJson = (op: TestOp, path: string): Promise<Record<string, any>> =>
  new Promise((resolve, reject) => {
    const req = request(`${op.issuer}${path}`, { ca: op.caPem }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, any>))
      res.on("error", reject)
    })
    req.on("error", reject)
    req.end()
  })

/** "ok", or the oxd error code a client call failed with (a transport failure throws). */
export const outcome = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
    return "ok"
  } catch (e) {
    if (e instanceof OxdError) return e.error
    throw e
  }
}

/** The oxd error code a client call failed with (it must fail). */
export const failureOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
  } catch (e) {
    if (e instanceof OxdError) return e.error
    throw e
  }
  throw new Error("expected an oxd error")
}
