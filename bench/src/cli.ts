import { parseArgs } from "node:util"
import { TRANSPORTS, type TransportName } from "./load.js"

export const SCENARIOS = [
  "echo",
  "calibration",
  "check_access",
  "check_access_denied",
  "get_authorization_url",
  "get_tokens_by_code",
  "register_site",
  "introspection",
  "peer",
  "scale",
  "cold_start",
  "middleware",
] as const
export type ScenarioName = (typeof SCENARIOS)[number]
export const STORES = ["sqlite", "postgres"] as const
export type StoreName = (typeof STORES)[number]

export interface BenchOptions {
  /** measured seconds of each run */
  readonly duration: number
  /** warm-up seconds before each run */
  readonly warmup: number
  readonly connections: number
  readonly only: ReadonlySet<ScenarioName>
  readonly transports: ReadonlyArray<TransportName>
  /** site counts of the scale runs */
  readonly sites: ReadonlyArray<number>
  /** stores of the scale runs */
  readonly stores: ReadonlyArray<StoreName>
  /** RSS check: commands to send (0: skipped) */
  readonly commands: number
  /** soak minutes (0: skipped) */
  readonly soak: number
  readonly profile: boolean
  readonly quick: boolean
  /** runs per measurement; the best is kept */
  readonly repeat: number
  /** seconds to wait before a run for other processes of the machine to calm down (0: don't) */
  readonly quietWait: number
  readonly out: string | undefined
  /** more oxd-server flags, e.g. ["--log-level", "warn"] */
  readonly serverArgs: ReadonlyArray<string>
}

export const HELP = `pnpm bench — throughput and latency of oxd-ts on every transport, next to what the transport itself allows

Usage: pnpm bench [options]        (builds what is needed, then runs node bench/dist/main.js)

  --duration <s>        measured seconds of each run (default 10); a warm-up precedes each run
  --connections <n>     concurrent connections of the load generator (default 64)
  --only <list>         comma-separated scenarios (default: all of them):
                          ${SCENARIOS.join(", ")}
  --transports <list>   tcp,https,ws (default: all three)
  --sites <list>        site counts of the scale runs (default 10,100000; each seeded site holds 10 resources;
                        e.g. 10,100000,1000000)
  --stores <list>       stores of the scale runs: sqlite, postgres (default sqlite); postgres starts a throwaway
                        PostgreSQL on loopback (Debian's postgresql package) and also measures two server instances
                        on it, the load split between them
  --commands <n>        RSS check: n check_access commands spread over the transports, then the server's RSS
                        (e.g. --commands 1000000; default: skipped)
  --soak <minutes>      check_access on every transport for this long, the server's RSS sampled every 10 s
                        (default: skipped)
  --repeat <n>          run each measurement n times and keep the best (default 1; get_tokens_by_code runs once:
                        its codes are single-use)
  --quiet-wait <s>      before each run, wait up to s seconds until other processes of the machine use less than
                        a third of a core (default 30; 0 with --quick)
  --profile             run the server under node --cpu-prof; the top self-time functions go in the report
  --server-args=<flags> more oxd-server flags for every server the bench starts (with "=": they start with a
                        dash), e.g. --server-args="--log-level warn" (no log line per command; the default logs one)
  --quick               CI smoke: 2 s per transport, 8 connections, check_access only (unless --only says more)
  --out <dir>           where results go (default bench/results/<timestamp>/)
  --help                this text

Scenario peer: Apache httpd + mod_auth_openidc (Debian's apache2 and libapache2-mod-auth-openidc, started on
loopback in a temporary folder) protecting a static response with a bearer token introspected at the test OP and
cached, beside the same response unprotected; and the CPU a login costs through it and through oxd.

Results: a table on stdout, results.json, table.txt and chart.svg in the results directory. Every throughput is
also given as a share of the echo ceiling: a minimal server of the same transport (framing + JSON, HTTPS POST,
tRPC over WebSocket) measured the same way in the same run. The load generator and the servers share this
machine's cores: compare ratios, not absolute figures.
`

const list = (v: string | undefined) =>
  v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined
const positive = (name: string, v: string | undefined, fallback: number, min = 0) => {
  if (v === undefined) return fallback
  const n = Number(v)
  if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number >= ${min}, got ${v}`)
  return n
}

export class UsageError extends Error {}

export const parseBenchArgs = (argv: ReadonlyArray<string>): BenchOptions | "help" => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: "string" },
      connections: { type: "string" },
      only: { type: "string" },
      transports: { type: "string" },
      sites: { type: "string" },
      stores: { type: "string" },
      commands: { type: "string" },
      soak: { type: "string" },
      profile: { type: "boolean", default: false },
      repeat: { type: "string" },
      "quiet-wait": { type: "string" },
      quick: { type: "boolean", default: false },
      out: { type: "string" },
      "server-args": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.help) return "help"
  const quick = values.quick
  const only = list(values.only) ?? (quick ? ["check_access"] : [...SCENARIOS])
  for (const s of only)
    if (!(SCENARIOS as ReadonlyArray<string>).includes(s))
      throw new UsageError(`--only: unknown scenario ${s} (one of ${SCENARIOS.join(", ")})`)
  const transports = list(values.transports) ?? [...TRANSPORTS]
  for (const t of transports)
    if (!(TRANSPORTS as ReadonlyArray<string>).includes(t))
      throw new UsageError(`--transports: unknown transport ${t} (tcp, https, ws)`)
  const sites = (list(values.sites) ?? ["10", "100000"]).map((s) => positive("sites", s, 10, 10))
  const stores = list(values.stores) ?? ["sqlite"]
  for (const s of stores)
    if (!(STORES as ReadonlyArray<string>).includes(s))
      throw new UsageError(`--stores: unknown store ${s} (${STORES.join(", ")})`)
  const duration = positive("duration", values.duration, quick ? 2 : 10, 0.5)
  return {
    duration,
    warmup: quick ? 0.5 : Math.min(3, Math.max(1, duration / 5)),
    connections: Math.round(positive("connections", values.connections, quick ? 8 : 64, 1)),
    only: new Set(only as ScenarioName[]),
    transports: transports as TransportName[],
    sites: [...new Set(sites)].sort((a, b) => a - b),
    stores: [...new Set(stores)] as StoreName[],
    commands: Math.round(positive("commands", values.commands, 0)),
    soak: positive("soak", values.soak, 0),
    profile: values.profile,
    quick,
    repeat: Math.max(1, Math.round(positive("repeat", values.repeat, 1, 1))),
    quietWait: positive("quiet-wait", values["quiet-wait"], quick ? 0 : 30),
    out: values.out,
    serverArgs: values["server-args"]?.split(/\s+/).filter(Boolean) ?? [],
  }
}
