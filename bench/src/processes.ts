import { mkdirSync, readFileSync } from "node:fs"
import { connect } from "node:net"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Agent, request } from "undici"
import { freePort, startNode, type Child } from "./proc.js"

/** bench/ (this file is bench/dist/processes.js or bench/src/processes.ts) and the repository root. */
export const benchDir = fileURLToPath(new URL("..", import.meta.url))
export const repoDir = join(benchDir, "..")
const SERVER_MAIN = join(repoDir, "apps/server/dist/main.js")
const TEST_OP_MAIN = join(repoDir, "tooling/test-op/dist/main.js")
const ECHO_MAIN = join(benchDir, "dist/servers/echo.js")
const ALTERNATIVE_MAIN = join(benchDir, "dist/servers/introspect-api.js")

/** The environment of child processes: ours, without OXD_* (the server under test is configured by flags only). */
export const childEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("OXD_") && k !== "NODE_OPTIONS"))

export interface TestOpProcess {
  readonly child: Child
  readonly issuer: string
  readonly caFile: string
  readonly caPem: string
  /** The test OP's control API (/__test/…): policies, counters. */
  admin(path: string, body?: unknown): Promise<unknown>
  stop(): Promise<void>
}

/** The bundled test OP (OpenID Provider + UMA AS) in its own process, driven through its /__test/ API. */
export const startTestOpProcess = async (dir: string, env: NodeJS.ProcessEnv): Promise<TestOpProcess> => {
  const port = await freePort()
  const child = startNode([TEST_OP_MAIN, "--port", String(port), "--quiet", "--state-dir", join(dir, "test-op")], {
    env: childEnv(env),
  })
  const [, issuer] = await child.waitFor(/issuer\s+(https:\/\/\S+)/, 60_000)
  const [, caFile] = await child.waitFor(/CA file\s+(\S+)/)
  const caPem = readFileSync(caFile!, "utf8")
  const agent = new Agent({ connect: { ca: caPem } })
  return {
    child,
    issuer: issuer!,
    caFile: caFile!,
    caPem,
    admin: async (path, body) => {
      const res = await request(`${issuer}/__test/${path}`, {
        method: body === undefined ? "GET" : "POST",
        dispatcher: agent,
        ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      })
      const json = await res.body.json()
      if (res.statusCode !== 200) throw new Error(`test OP ${path}: HTTP ${res.statusCode} ${JSON.stringify(json)}`)
      return json
    },
    stop: async () => {
      await agent.close()
      await child.stop()
    },
  }
}

export interface OxdServerProcess {
  readonly child: Child
  readonly tcp: { readonly host: string; readonly port: number }
  readonly restOrigin: string
  readonly wsUrl: string
  /** The REST/WebSocket certificate (self-signed, generated in rest_tls_dir): what clients trust. */
  readonly certPem: string
  readonly certFile: string
  readonly keyFile: string
  /** Ms from spawn to every port accepting connections. */
  readonly startMs: number
  /** One command over HTTPS (protected with `token`), its envelope's data; throws on an error reply. */
  call(command: string, params: Record<string, unknown>, token?: string): Promise<Record<string, unknown>>
  /** SIGTERM (a graceful stop: a CPU profile is written then), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>
}

export interface OxdServerOptions {
  /** Holds the database (oxd.db, unless databaseUrl says another) and the generated certificate (rest-tls/). */
  readonly dir: string
  /** The store (default: file:<dir>/oxd.db); a postgres:// URL for the PostgreSQL runs. */
  readonly databaseUrl?: string
  readonly opCaFile: string
  /** The test OP's issuer: its origin is listed in allowed_op_hosts (on loopback, it is refused unless listed). */
  readonly opIssuer: string
  readonly env: NodeJS.ProcessEnv
  /** e.g. --cpu-prof --cpu-prof-dir DIR */
  readonly nodeArgs?: ReadonlyArray<string>
  /** More oxd-server flags (bench --server-args), e.g. --log-level warn */
  readonly serverArgs?: ReadonlyArray<string>
}

/** The server under test as users run it: `node apps/server/dist/main.js` with flags, every transport on. */
export const startOxdServer = async (opts: OxdServerOptions): Promise<OxdServerProcess> => {
  const [tcpPort, restPort, wsPort] = [await freePort(), await freePort(), await freePort()]
  mkdirSync(opts.dir, { recursive: true })
  const started = performance.now()
  const child = startNode(
    [
      SERVER_MAIN,
      "--port",
      String(tcpPort),
      "--rest-port",
      String(restPort),
      "--ws-port",
      String(wsPort),
      // the oxd 4.x listener is not measured here; its fixed default port would collide between two instances
      "--rest4-enabled",
      "false",
      "--database-url",
      opts.databaseUrl ?? `file:${join(opts.dir, "oxd.db")}`,
      "--rest-tls-dir",
      join(opts.dir, "rest-tls"),
      "--trusted-ca-file",
      opts.opCaFile,
      "--allowed-op-hosts",
      new URL(opts.opIssuer).origin,
      ...(opts.serverArgs ?? []),
    ],
    // its log (a JSON line per command) goes to a file, as in production, not through the load generator
    {
      env: childEnv(opts.env),
      cwd: opts.dir,
      outputFile: join(opts.dir, "server.log"),
      ...(opts.nodeArgs ? { nodeArgs: opts.nodeArgs } : {}),
    },
  )
  // ready once every port accepts connections (they open after the database is ready), whatever the log level
  await waitForPorts([tcpPort, restPort, wsPort], child, 60_000)
  const startMs = performance.now() - started
  const certFile = join(opts.dir, "rest-tls", "cert.pem")
  const certPem = readFileSync(certFile, "utf8")
  const restOrigin = `https://127.0.0.1:${restPort}`
  const agent = new Agent({ connect: { ca: certPem } })
  return {
    child,
    tcp: { host: "127.0.0.1", port: tcpPort },
    restOrigin,
    wsUrl: `wss://127.0.0.1:${wsPort}`,
    certPem,
    certFile,
    keyFile: join(opts.dir, "rest-tls", "key.pem"),
    startMs,
    call: async (command, params, token) => {
      const res = await request(`${restOrigin}/${command.replaceAll("_", "-")}`, {
        method: "POST",
        dispatcher: agent,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(params),
      })
      const envelope = (await res.body.json()) as { status: string; data: Record<string, unknown> }
      if (envelope.status !== "ok") throw new Error(`${command}: ${JSON.stringify(envelope.data)}`)
      return envelope.data
    },
    stop: async (graceMs) => {
      await agent.close()
      await child.stop(graceMs)
    },
  }
}

/** Resolves once a TCP connection to each port succeeds; rejects with the process's output if it exits first. */
const waitForPorts = async (ports: ReadonlyArray<number>, child: Child, timeoutMs: number) => {
  const until = performance.now() + timeoutMs
  const accepts = (port: number) =>
    new Promise<boolean>((resolve) => {
      const c = connect(port, "127.0.0.1")
      c.once("connect", () => {
        c.destroy()
        resolve(true)
      })
      c.once("error", () => resolve(false))
    })
  for (const port of ports) {
    while (!(await accepts(port))) {
      if (child.process.exitCode !== null || child.process.signalCode !== null) {
        await child.exited
        throw new Error(`oxd-server exited before listening; its output:\n${child.output().slice(-4000)}`)
      }
      if (performance.now() > until)
        throw new Error(
          `oxd-server did not listen on 127.0.0.1:${port} within ${timeoutMs} ms; its output:\n${child.output().slice(-4000)}`,
        )
      await new Promise((r) => setTimeout(r, 10))
    }
  }
}

export interface EchoProcess {
  readonly child: Child
  readonly ports: { readonly tcp: number; readonly https: number; readonly ws: number }
  stop(): Promise<void>
}

/** The ceiling servers (bench/src/servers/echo.ts) in their own process, on the server's certificate. */
/** The echo servers; `workUs`: µs of busy work per request (the calibration scenario). */
export const startEcho = async (
  certFile: string,
  keyFile: string,
  env: NodeJS.ProcessEnv,
  workUs = 0,
): Promise<EchoProcess> => {
  const child = startNode([ECHO_MAIN, "--tls-cert", certFile, "--tls-key", keyFile, "--work-us", String(workUs)], {
    env: childEnv(env),
  })
  const [, json] = await child.waitFor(/echo ready (\{.*\})/)
  return { child, ports: JSON.parse(json!) as EchoProcess["ports"], stop: () => child.stop() }
}

export interface AlternativeProcess {
  readonly child: Child
  readonly port: number
  stop(): Promise<void>
}

/** The per-request-introspection API (bench/src/servers/introspect-api.ts) in its own process. */
export const startAlternative = async (
  opts: {
    issuer: string
    opCaFile: string
    resourceIds: ReadonlyArray<string>
    scope: string
    certFile: string
    keyFile: string
  },
  env: NodeJS.ProcessEnv,
  nodeArgs?: ReadonlyArray<string>,
): Promise<AlternativeProcess> => {
  const child = startNode(
    [
      ALTERNATIVE_MAIN,
      "--issuer",
      opts.issuer,
      "--op-ca",
      opts.opCaFile,
      // "=": a resource id may start with "-", which parseArgs would otherwise take for an option
      `--resource-ids=${opts.resourceIds.join(",")}`,
      "--scope",
      opts.scope,
      "--tls-cert",
      opts.certFile,
      "--tls-key",
      opts.keyFile,
    ],
    { env: childEnv(env), ...(nodeArgs ? { nodeArgs } : {}) },
  )
  const [, json] = await child.waitFor(/introspect-api ready (\{.*\})/)
  return { child, port: (JSON.parse(json!) as { port: number }).port, stop: () => child.stop() }
}
