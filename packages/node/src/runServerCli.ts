import { isAbsolute, resolve } from "node:path"
import { ConfigError, configHelp, loadConfig, makeOxd, StoreFailed, type Config, type Oxd } from "@oxd/core"
import { runDoctorCli } from "./doctorCli.js"
import { startAdminServer } from "./httpEndpoints.js"
import { runSitesCli } from "./sitesCli.js"

/** One server program: what it says about itself and how it starts its edges on a ready core. */
export interface ServerProgram {
  /** e.g. oxd-rest-server */
  readonly name: string
  /** What the program serves, shown above the option list of --help. */
  readonly about: string
  /** The flag that picks its port, named when the port is taken. */
  readonly portFlag: string
  /** Errors whose message already tells the user what to fix (bad certificate files…): exit 2, no stack. */
  readonly isUsageError?: (e: unknown) => boolean
  start(oxd: Oxd, config: Config): Promise<{ close(): Promise<void> }>
}

/** A relative file: database or state folder is relative to where the user ran the command (pnpm: INIT_CWD). */
export const resolveFromCwd = (config: Config, cwd: string): Config => {
  const path = config.database_url.startsWith("file:") ? config.database_url.slice("file:".length) : undefined
  const database_url =
    path !== undefined && !path.startsWith(":") && !isAbsolute(path)
      ? `file:${resolve(cwd, path)}`
      : config.database_url
  return { ...config, database_url, rest_tls_dir: resolve(cwd, config.rest_tls_dir) }
}

export const serverUsage = (p: Pick<ServerProgram, "name" | "about">) => `${p.name} — ${p.about}

Usage: ${p.name} [--config file.json] [options]
       ${p.name} doctor [--json] [options]          checks the setup, one line per check (--help: what)
       ${p.name} sites list|show <oxd_id>|remove <oxd_id> [--json] [options]

Each option is also a config-file key (snake_case) and an environment variable (OXD_<KEY>).
Precedence: flags > environment > config file > defaults.

${configHelp()}
  --config <file>                          JSON file with any of the keys above (env OXD_CONFIG)
  --help                                   this text
`

/** A database URL without its credentials (postgres://user:password@host → postgres://***@host). */
const redactUrl = (url: string) => url.replace(/\/\/[^@/]*@/, "//***@")

/**
 * The life of a server process: --help, configuration (exit 2 with the key at fault), the store, the edges,
 * a "ready" line, and on SIGINT/SIGTERM a graceful stop (stop accepting, finish in-flight work, close the store).
 */
export const runServerCli = async (
  p: ServerProgram,
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>,
) => {
  // the operators' commands read the same configuration, then end with their own exit code
  if (argv[0] === "doctor") return exitWhenWritten(await runDoctorCli(p.name, argv.slice(1), env))
  if (argv[0] === "sites") return exitWhenWritten(await runSitesCli(p.name, argv.slice(1), env))
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(serverUsage(p))
    return
  }
  let config: Config
  try {
    config = resolveFromCwd(loadConfig({ argv, env }), env["INIT_CWD"] ?? process.cwd())
  } catch (e) {
    if (e instanceof ConfigError) return fail(2, `${e.message}\nRun with --help to see every option.`)
    throw e
  }
  const oxd = makeOxd(config)
  let running: { close(): Promise<void> }
  try {
    await oxd.ready()
    const edges = await p.start(oxd, config)
    const admin =
      config.admin_port > 0
        ? await startAdminServer(oxd).catch(async (e: unknown) => {
            await edges.close()
            throw e
          })
        : undefined
    if (admin) oxd.log("info", `admin port (metrics, health) on ${admin.url}`)
    running = { close: () => Promise.all([edges.close(), admin?.close()]).then(() => undefined) }
  } catch (e) {
    await oxd.dispose().catch(() => undefined)
    if (p.isUsageError?.(e)) return fail(2, (e as Error).message)
    const err = e as NodeJS.ErrnoException
    if (e instanceof StoreFailed && e.operation === "open database") {
      // the driver's own words (refused, unknown host, authentication failed…); never the URL's password
      const why = (e.cause instanceof Error ? e.cause.message : String(e.cause)).replace(/\/\/[^@/\s]*@/g, "//***@")
      return fail(
        1,
        `Cannot open the database ${redactUrl(config.database_url)}: ${why}. Check database_url (--database-url) and that the database answers.`,
      )
    }
    if (err.code === "EADDRINUSE")
      return fail(
        1,
        `Cannot listen: ${err.message}. Another process uses that port; pick another with ${p.portFlag} (or --admin-port).`,
      )
    if (err.code === "EACCES")
      return fail(
        1,
        `Cannot listen: ${err.message}. Ports below 1024 need privileges; pick another with ${p.portFlag}.`,
      )
    throw e
  }
  oxd.log("info", `${p.name} ready`, { database: redactUrl(config.database_url) })
  stopOnSignals(
    async () => {
      // readiness turns 503 first, so a load balancer stops sending while the edges finish what they have
      oxd.drain()
      await running.close()
      await oxd.dispose()
    },
    (m) => oxd.log("info", m),
  )
}

const exitWhenWritten = async (code: number) => {
  await new Promise<void>((resolve) => process.stdout.write("", () => resolve()))
  process.exit(code)
}

const fail = (code: number, message: string) => {
  process.stderr.write(`${message}\n`)
  process.exit(code)
}

/** Stops once on SIGINT/SIGTERM; a stop that hangs is cut short after 15 s. */
export const stopOnSignals = (close: () => Promise<void>, log: (m: string) => void) => {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal} received: stopping`)
    setTimeout(() => process.exit(1), 15_000).unref()
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once("SIGINT", () => stop("SIGINT"))
  process.once("SIGTERM", () => stop("SIGTERM"))
}
