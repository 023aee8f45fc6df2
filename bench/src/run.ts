import { mkdirSync } from "node:fs"
import { once } from "node:events"
import { connect } from "node:net"
import { join } from "node:path"
import { headlessLogin } from "@oxd/test-op/headless-login"
import { legacyFrame } from "@oxd/wire/frame"
import type { BenchOptions, ScenarioName } from "./cli.js"
import { prepareFixture, PROTECTED, REDIRECT_URI, type Fixture } from "./fixtures.js"
import {
  runLoad,
  type Call,
  type LoadOptions,
  type Target,
  type LoadTransport,
  type TransportName,
  type Workload,
} from "./load.js"
import {
  cpuPercent,
  freePort,
  machineBusySeconds,
  procSample,
  selfSample,
  startNode,
  sysShare,
  type ProcSample,
} from "./proc.js"
import {
  repoDir,
  startAlternative,
  startEcho,
  startOxdServer,
  type EchoProcess,
  type OxdServerProcess,
  type TestOpProcess,
  childEnv,
} from "./processes.js"
import type { Measurement, Section } from "./report.js"
import { seedSites } from "./seed.js"
import { slope } from "./stats.js"

export interface ColdStart {
  readonly label: string
  /** spawn → first TCP reply */
  readonly ms: number
}
export interface RssCheck {
  readonly commands: number
  readonly seconds: number
  readonly errors: number
  readonly rssBeforeMb: number
  /** at the end of the load */
  readonly rssAfterMb: number
  /** at rest: the lowest within 75 s after the load */
  readonly rssSettledMb: number
  readonly peakRssMb: number
}
export interface Soak {
  readonly minutes: number
  readonly requests: number
  readonly errors: number
  /** [seconds since start, RSS MB] every 10 s */
  readonly samples: ReadonlyArray<readonly [number, number]>
  /**
   * Mean RSS of the second half minus that of the first (after 20 s of warm-up): the heap saws up and down with each
   * major GC; a leak lifts the second half
   */
  readonly growthMb: number
  /** least-squares slope after the warm-up */
  readonly slopeMbPerMin: number
}
export interface Scale {
  readonly sites: number
  readonly seededMs: number
}

export interface Ctx {
  readonly opts: BenchOptions
  readonly op: TestOpProcess
  readonly env: NodeJS.ProcessEnv
  readonly work: string
  readonly log: (line: string) => void
  readonly results: Measurement[]
  /** --profile: where CPU profiles of the servers go */
  readonly profileDir?: string
}

const wants = (ctx: Ctx, s: ScenarioName) => ctx.opts.only.has(s)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The target of one transport of our server; REST and WebSocket carry the setup client's protection token. */
const oxdTarget = (server: OxdServerProcess, transport: TransportName, token: () => string): Target =>
  transport === "tcp"
    ? { transport, ...server.tcp }
    : transport === "https"
      ? { transport, origin: server.restOrigin, ca: server.certPem, token }
      : { transport, url: server.wsUrl, ca: server.certPem, token }

const echoTarget = (echo: EchoProcess, transport: TransportName, ca: string): Target =>
  transport === "tcp"
    ? { transport, host: "127.0.0.1", port: echo.ports.tcp }
    : transport === "https"
      ? { transport, origin: `https://127.0.0.1:${echo.ports.https}`, ca, path: "/echo" }
      : { transport, url: `wss://127.0.0.1:${echo.ports.ws}`, ca, procedure: "echo" }

/** check_access of connection i on one of the real sites with its RPT (granted), or without RPT (denied). */
const checkAccess =
  (fx: Fixture, withRpt: boolean) =>
  (conn: number): Call => {
    const site = fx.umaSites[conn % fx.umaSites.length]!
    return {
      command: "uma_rs_check_access",
      params: {
        oxd_id: site.oxdId,
        rpt: withRpt ? site.rpt : "",
        path: PROTECTED.path,
        http_method: PROTECTED.http_method,
      },
    }
  }
const granted = (fx: Fixture): Workload => ({ call: checkAccess(fx, true), expect: '"access":"granted"' })

interface MeasureSpec {
  readonly section: Section
  readonly scenario: string
  readonly target: Target
  readonly workload: Workload
  readonly serverPid: number
  readonly serverName: string
  /** the scenario calls the test OP / AS: its CPU is reported and counts as ours (else among the other processes) */
  readonly usesOp?: boolean
  readonly sites?: number
  readonly note?: string
  readonly load?: Partial<LoadOptions>
  /** the workload is used up by one run (codes are single-use): measured once whatever --repeat says */
  readonly once?: boolean
}

/**
 * This machine may be shared: before a run, wait (up to --quiet-wait seconds) until other processes use less than
 * a third of a core, so a test suite running beside does not skew the figures. Returns the CPU they used.
 */
const waitForQuiet = async (ctx: Ctx, pids: ReadonlyArray<number>): Promise<number> => {
  const deadline = performance.now() + ctx.opts.quietWait * 1000
  for (let waited = false; ; waited = true) {
    const a = { m: machineBusySeconds(), p: pids.map(procSample) }
    await sleep(1000)
    const b = { m: machineBusySeconds(), p: pids.map(procSample) }
    const ours = a.p.reduce((sum, s, i) => sum + cpuPercent(s, b.p[i]!), 0)
    // the host's steal counts too: it slows a run as much as a neighbour does
    const other = (100 * (b.m.busy + b.m.steal - a.m.busy - a.m.steal)) / ((b.m.at - a.m.at) / 1000) - ours
    if (other < 33 || performance.now() > deadline) {
      if (waited) ctx.log(`  (waited for other processes to calm down: now ${other.toFixed(0)}% CPU)`)
      return other
    }
  }
}

/** One run: the load, with the server's (and the OP's) CPU and RSS read from /proc over the measured window. */
export const measure = async (
  ctx: Ctx,
  spec: MeasureSpec,
  ceilings: Map<LoadTransport, { throughput: number; p99: number }>,
): Promise<Measurement> => {
  let best: Measurement | undefined
  for (let i = 0; i < (spec.once ? 1 : ctx.opts.repeat); i++) {
    // the test OP is ours only where the scenario calls it: elsewhere its CPU (background work) is someone else's
    if (ctx.opts.quietWait > 0)
      await waitForQuiet(
        ctx,
        spec.usesOp ? [spec.serverPid, ctx.op.child.pid, process.pid] : [spec.serverPid, process.pid],
      )
    const m = await measureOnce(ctx, spec, ceilings)
    // the best of the repeats: the run least disturbed by whatever else the machine was doing; a paced run's
    // throughput is its rate, so its best is its lowest p99
    if (!best || (spec.load?.rate ? m.latency.p99 < best.latency.p99 : m.throughput > best.throughput)) best = m
  }
  if (spec.section === "ceiling")
    ceilings.set(best!.transport, { throughput: best!.throughput, p99: best!.latency.p99 })
  ctx.results.push(best!)
  return best!
}

const measureOnce = async (
  ctx: Ctx,
  spec: MeasureSpec,
  ceilings: Map<LoadTransport, { throughput: number; p99: number }>,
): Promise<Measurement> => {
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n)
  const sample = () => ({
    server: procSample(spec.serverPid),
    op: procSample(ctx.op.child.pid),
    self: selfSample(),
    machine: machineBusySeconds(),
    us: monotonicUs(),
  })
  let before: ReturnType<typeof sample> | undefined
  const r = await runLoad(spec.target, spec.workload, {
    connections: ctx.opts.connections,
    durationMs: ctx.opts.duration * 1000,
    warmupMs: ctx.opts.warmup * 1000,
    onMeasureStart: () => {
      before = sample()
    },
    ...spec.load,
  })
  const after = sample()
  const b = before ?? after
  const perRequest = (a: ProcSample, z: ProcSample) =>
    r.requests > 0 ? ((z.cpuSeconds - a.cpuSeconds) * 1000) / r.requests : 0
  const ceiling = spec.section === "ceiling" ? undefined : ceilings.get(spec.target.transport)
  const m: Measurement = {
    section: spec.section,
    scenario: spec.scenario,
    transport: spec.target.transport,
    connections: spec.load?.connections ?? ctx.opts.connections,
    ...(spec.load?.rate !== undefined ? { rate: spec.load.rate } : {}),
    ...(spec.sites !== undefined ? { sites: spec.sites } : {}),
    requests: r.requests,
    errors: r.errors,
    seconds: r.seconds,
    throughput: r.throughput,
    latency: r.latency,
    server: {
      name: spec.serverName,
      cpuPct: cpuPercent(b.server, after.server),
      sysPct: sysShare(b.server, after.server),
      rssMb: after.server.rssMb,
      cpuMsPerRequest: perRequest(b.server, after.server),
    },
    ...(spec.usesOp ? { op: { cpuPct: cpuPercent(b.op, after.op), cpuMsPerRequest: perRequest(b.op, after.op) } } : {}),
    loadgenCpuPct: cpuPercent(b.self, after.self),
    otherCpuPct: Math.max(
      0,
      (100 * (after.machine.busy - b.machine.busy)) / ((after.machine.at - b.machine.at) / 1000) -
        cpuPercent(b.server, after.server) -
        (spec.usesOp ? cpuPercent(b.op, after.op) : 0) -
        cpuPercent(b.self, after.self),
    ),
    stealPct: (100 * (after.machine.steal - b.machine.steal)) / ((after.machine.at - b.machine.at) / 1000),
    ...(ceiling ? { ceiling } : {}),
    ...(spec.note ? { note: spec.note } : {}),
    ...(r.errorSamples.length > 0 ? { errorSamples: r.errorSamples } : {}),
    windowUs: [b.us, after.us],
  }
  const pct = m.ceiling ? ` (${((100 * m.throughput) / m.ceiling.throughput).toFixed(0)}% of ceiling)` : ""
  ctx.log(
    `  ${m.section} ${m.scenario}${m.sites !== undefined ? ` [${m.sites} sites]` : ""}${m.rate !== undefined ? ` [paced ${m.rate.toFixed(0)}/s]` : ""} over ${m.transport}: ` +
      `${m.throughput.toFixed(0)} req/s${pct}, p50 ${m.latency.p50.toFixed(2)} ms, p99 ${m.latency.p99.toFixed(2)} ms, ${m.errors} errors, ` +
      `server ${m.server.cpuPct.toFixed(0)}% CPU (${m.server.sysPct.toFixed(0)}% of it in the kernel, ${(m.server.cpuMsPerRequest * 1000).toFixed(0)} µs/request) ${m.server.rssMb.toFixed(0)} MB${m.op ? `, OP ${m.op.cpuPct.toFixed(0)}% CPU` : ""}, load generator ${m.loadgenCpuPct.toFixed(0)}% CPU, other processes ${m.otherCpuPct.toFixed(0)}% CPU` +
      (m.stealPct !== undefined && m.stealPct >= 1 ? `, host steal ${m.stealPct.toFixed(0)}%` : ""),
  )
  if (r.errorSamples.length > 0) ctx.log(`    errors, e.g.: ${r.errorSamples[0]}`)
  return m
}

/** Codes for get_tokens_by_code: get_authorization_url, then a headless login at the test OP, 8 at a time. */
const produceCodes = async (server: OxdServerProcess, ctx: Ctx, fx: Fixture, seconds: number, max: number) => {
  const codes: Array<{ code: string; state: string }> = []
  const until = performance.now() + seconds * 1000
  const started = performance.now()
  const worker = async () => {
    while (performance.now() < until && codes.length < max) {
      const { authorization_url: url } = (await server.call(
        "get_authorization_url",
        { oxd_id: fx.loginSite },
        fx.token(),
      )) as { authorization_url: string }
      const r = await headlessLogin(url, { ca: ctx.op.caPem })
      codes.push({ code: r.code, state: r.state ?? "" })
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return { codes, perSecond: codes.length / ((performance.now() - started) / 1000) }
}

/** µs of busy work per request in the calibration runs. */
const CALIBRATION_WORK_US = [10, 40] as const

/**
 * The main runs on one server: per transport the echo ceiling, then each scenario; check_access also paced at
 * half its throughput for the latency target; then the per-request-introspection alternative over HTTPS.
 */
export const mainSection = async (ctx: Ctx, server: OxdServerProcess, fx: Fixture) => {
  const ceilings = new Map<LoadTransport, { throughput: number; p99: number }>()
  const echo =
    wants(ctx, "echo") || wants(ctx, "calibration")
      ? await startEcho(server.certFile, server.keyFile, ctx.env)
      : undefined
  const common = { serverPid: server.child.pid, serverName: "oxd-server" }
  const checkAccessOf = new Map<TransportName, Measurement>()
  try {
    for (const transport of ctx.opts.transports) {
      ctx.log(`${transport}:`)
      const target = oxdTarget(server, transport, fx.token)
      if (echo) {
        await measure(
          ctx,
          {
            section: "ceiling",
            scenario: "echo",
            target: echoTarget(echo, transport, server.certPem),
            serverPid: echo.child.pid,
            serverName: "echo",
            workload: { call: checkAccess(fx, true), expect: transport === "ws" ? '"type":"data"' : '"status":"ok"' },
          },
          ceilings,
        )
      }
      if (echo && wants(ctx, "calibration")) {
        // what a server's own work per request costs on this machine, as a share of the ceiling: the yardstick for
        // the oxd rows (a server that works N µs more per request cannot come closer to the ceiling than this)
        for (const workUs of CALIBRATION_WORK_US) {
          const worked = await startEcho(server.certFile, server.keyFile, ctx.env, workUs)
          try {
            await measure(
              ctx,
              {
                section: "calibration",
                scenario: `echo + ${workUs} µs of work per request`,
                target: echoTarget(worked, transport, server.certPem),
                serverPid: worked.child.pid,
                serverName: "echo",
                workload: {
                  call: checkAccess(fx, true),
                  expect: transport === "ws" ? '"type":"data"' : '"status":"ok"',
                },
                note: "the echo with a busy-wait of this many µs per request",
              },
              ceilings,
            )
          } finally {
            await worked.stop()
          }
        }
      }
      if (wants(ctx, "check_access")) {
        const full = await measure(
          ctx,
          { ...common, section: "oxd", scenario: "check_access granted (cached RPT)", target, workload: granted(fx) },
          ceilings,
        )
        checkAccessOf.set(transport, full)
        if (full.throughput > 0 && !ctx.opts.quick) {
          await measure(
            ctx,
            {
              ...common,
              section: "half-load",
              scenario: "check_access granted (cached RPT)",
              target,
              workload: granted(fx),
              load: { rate: full.throughput / 2 },
              note: "paced at half the closed-loop throughput; latency from the scheduled time when the server held a send back, else from the send",
            },
            ceilings,
          )
          if (echo) {
            // the same schedule against the echo: what the load generator's pacing alone adds to p99
            await measure(
              ctx,
              {
                section: "half-load",
                scenario: "echo",
                target: echoTarget(echo, transport, server.certPem),
                serverPid: echo.child.pid,
                serverName: "echo",
                workload: {
                  call: checkAccess(fx, true),
                  expect: transport === "ws" ? '"type":"data"' : '"status":"ok"',
                },
                load: { rate: full.throughput / 2 },
                note: "the echo paced as the half-load check_access: the floor of this measurement",
              },
              ceilings,
            )
          }
        }
      }
      if (wants(ctx, "check_access_denied")) {
        await measure(
          ctx,
          {
            ...common,
            section: "oxd",
            scenario: "check_access denied (new ticket)",
            target,
            usesOp: true,
            workload: { call: checkAccess(fx, false), expect: '"access":"denied"' },
            note: "each denial asks the AS for a permission ticket (an HTTPS call per request)",
          },
          ceilings,
        )
      }
      if (wants(ctx, "get_authorization_url")) {
        await measure(
          ctx,
          {
            ...common,
            section: "oxd",
            scenario: "get_authorization_url",
            target,
            workload: {
              call: () => ({ command: "get_authorization_url", params: { oxd_id: fx.loginSite } }),
              expect: '"authorization_url"',
            },
            note: "each call stores its state (a committed SQLite write)",
          },
          ceilings,
        )
      }
      if (wants(ctx, "register_site")) {
        await measure(
          ctx,
          {
            ...common,
            section: "oxd",
            scenario: "register_site",
            target,
            usesOp: true,
            workload: {
              call: () => ({
                command: "register_site",
                params: {
                  op_host: fx.opHost,
                  authorization_redirect_uri: REDIRECT_URI,
                  scope: ["openid"],
                  grant_types: ["authorization_code"],
                },
              }),
              expect: '"oxd_id"',
            },
            note: "dynamic registration at the test OP per call",
          },
          ceilings,
        )
      }
      if (wants(ctx, "get_tokens_by_code")) {
        const max = Math.max(50, Math.round(ctx.opts.duration * 150))
        const { codes, perSecond } = await produceCodes(server, ctx, fx, ctx.opts.duration, max)
        ctx.log(`  (${codes.length} codes from headless logins, ${perSecond.toFixed(0)}/s)`)
        let i = 0
        await measure(
          ctx,
          {
            ...common,
            section: "oxd",
            scenario: "get_tokens_by_code",
            target,
            usesOp: true,
            workload: {
              next: async () => {
                const c = codes[i++]
                return c
                  ? { command: "get_tokens_by_code", params: { oxd_id: fx.loginSite, code: c.code, state: c.state } }
                  : undefined
              },
              expect: '"id_token"',
            },
            load: { warmupMs: 0, durationMs: 600_000, connections: Math.min(ctx.opts.connections, codes.length) },
            once: true,
            note: `the exchange alone: ${codes.length} codes from headless logins (${perSecond.toFixed(0)}/s) made beforehand; the OP's token endpoint and JWKS included`,
          },
          ceilings,
        )
      }
    }
    if (wants(ctx, "introspection") && ctx.opts.transports.length > 0) {
      ctx.log("alternative (an HTTPS API introspecting the RPT at the AS on every request):")
      const alt = await startAlternative(
        {
          issuer: ctx.op.issuer,
          opCaFile: ctx.op.caFile,
          resourceIds: fx.umaSites.map((s) => s.resourceId),
          scope: PROTECTED.scope,
          certFile: server.certFile,
          keyFile: server.keyFile,
        },
        ctx.env,
        ctx.profileDir ? ["--cpu-prof", "--cpu-prof-dir", join(ctx.profileDir, "alternative")] : undefined,
      )
      try {
        await measure(
          ctx,
          {
            section: "alternative",
            scenario: "per-request introspection at the AS",
            serverPid: alt.child.pid,
            serverName: "introspect-api",
            usesOp: true,
            target: { transport: "https", origin: `https://127.0.0.1:${alt.port}`, ca: server.certPem, path: "/check" },
            workload: granted(fx),
            note: "openid-client tokenIntrospection with a PAT at the UMA introspection endpoint, per request",
          },
          ceilings,
        )
      } finally {
        await alt.stop()
      }
    }
  } finally {
    await echo?.stop()
  }
  return { ceilings, checkAccessOf }
}

/** RSS after n commands: check_access granted, n/transports on each, then the server's RSS and its peak. */
export const rssCheck = async (ctx: Ctx, server: OxdServerProcess, fx: Fixture, n: number): Promise<RssCheck> => {
  const before = procSample(server.child.pid)
  const started = performance.now()
  let errors = 0
  let done = 0
  const share = Math.ceil(n / ctx.opts.transports.length)
  let ticks = 0
  for (const transport of ctx.opts.transports) {
    const base = done
    const r = await runLoad(oxdTarget(server, transport, fx.token), granted(fx), {
      connections: ctx.opts.connections,
      durationMs: 3_600_000,
      maxRequests: share,
      onTick: (k) => {
        if (++ticks % 10 === 0)
          ctx.log(`  rss check: ${base + k} commands, server RSS ${procSample(server.child.pid).rssMb.toFixed(0)} MB`)
      },
    })
    errors += r.errors
    done += r.requests
  }
  const after = procSample(server.child.pid)
  const seconds = (performance.now() - started) / 1000
  // V8 keeps the memory it freed until its memory reducer runs, about a minute after the allocation rate drops
  let settled = after
  for (let i = 0; i < 15; i++) {
    await sleep(5_000)
    const now = procSample(server.child.pid)
    if (now.rssMb < settled.rssMb) settled = now
  }
  return {
    commands: done,
    seconds,
    errors,
    rssBeforeMb: before.rssMb,
    rssAfterMb: after.rssMb,
    rssSettledMb: settled.rssMb,
    peakRssMb: settled.peakRssMb,
  }
}

/** check_access on every transport at once for `minutes`, RSS every 10 s. */
export const soak = async (ctx: Ctx, server: OxdServerProcess, fx: Fixture, minutes: number): Promise<Soak> => {
  const samples: Array<[number, number]> = []
  const t0 = performance.now()
  const take = () => samples.push([(performance.now() - t0) / 1000, procSample(server.child.pid).rssMb])
  take()
  const timer = setInterval(() => {
    take()
    const [s, mb] = samples[samples.length - 1]!
    ctx.log(`  soak ${s.toFixed(0)} s: server RSS ${mb.toFixed(1)} MB`)
  }, 10_000)
  const per = Math.max(1, Math.floor(ctx.opts.connections / ctx.opts.transports.length))
  const runs = await Promise.all(
    ctx.opts.transports.map((t) =>
      runLoad(oxdTarget(server, t, fx.token), granted(fx), { connections: per, durationMs: minutes * 60_000 }),
    ),
  )
  clearInterval(timer)
  take()
  runs.forEach((r, i) => {
    if (r.errorSamples.length > 0)
      ctx.log(`  soak errors over ${ctx.opts.transports[i]}: ${r.errors}, e.g. ${r.errorSamples[0]}`)
  })
  const warm = samples.filter(([s]) => s >= 20)
  const steady = warm.length >= 4 ? warm : samples
  const half = Math.floor(steady.length / 2)
  const mean = (xs: ReadonlyArray<readonly [number, number]>) =>
    xs.reduce((a, [, mb]) => a + mb, 0) / Math.max(1, xs.length)
  return {
    minutes,
    requests: runs.reduce((a, r) => a + r.requests, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    samples,
    growthMb: mean(steady.slice(half)) - mean(steady.slice(0, half)),
    slopeMbPerMin: slope(steady) * 60,
  }
}

/** One request over TCP, as soon as the port answers: ms from spawn to the first reply. */
const firstTcpReply = async (port: number, deadline: number): Promise<void> => {
  const frame = legacyFrame(
    JSON.stringify({ command: "get_authorization_url", params: { oxd_id: "00000000-0000-4000-8000-000000000000" } }),
  )
  while (performance.now() < deadline) {
    const socket = connect({ host: "127.0.0.1", port })
    try {
      await once(socket, "connect")
      socket.write(frame)
      const [chunk] = (await once(socket, "data")) as [Buffer]
      if (chunk.length > 4) return
    } catch {
      await sleep(2)
    } finally {
      socket.destroy()
    }
  }
  throw new Error("the server did not answer over TCP within 30 s")
}

/** Cold start: spawn the server CLI, time until a TCP command is answered; a first start, then restarts. */
export const coldStart = async (ctx: Ctx): Promise<ColdStart[]> => {
  const dir = join(ctx.work, "cold-start")
  mkdirSync(dir, { recursive: true })
  const runs: ColdStart[] = []
  for (const label of [
    "first start (new database and certificate)",
    "restart (existing database)",
    "restart (existing database)",
  ]) {
    const port = await freePort()
    const [restPort, wsPort] = [await freePort(), await freePort()]
    const t0 = performance.now()
    const child = startNode(
      [
        join(repoDir, "apps/server/dist/main.js"),
        "--port",
        String(port),
        "--rest-port",
        String(restPort),
        "--ws-port",
        String(wsPort),
        "--database-url",
        `file:${join(dir, "oxd.db")}`,
        "--rest-tls-dir",
        join(dir, "rest-tls"),
        "--trusted-ca-file",
        ctx.op.caFile,
        "--allowed-op-hosts",
        new URL(ctx.op.issuer).origin,
        ...ctx.opts.serverArgs,
      ],
      { env: childEnv(ctx.env), cwd: dir, outputFile: join(dir, "server.log") },
    )
    try {
      await firstTcpReply(port, t0 + 30_000)
      const ms = performance.now() - t0
      runs.push({ label, ms })
      ctx.log(`  ${label}: ${ms.toFixed(0)} ms to the first TCP reply`)
    } finally {
      await child.stop()
    }
  }
  return runs
}

/**
 * Scale: check_access on a few real sites while the database holds 10 sites, then 100,000 sites (each seeded one
 * with 10 protected resources), written into the SQLite file directly between runs of a fresh server.
 */
export const scaleSection = async (
  ctx: Ctx,
  ceilings: Map<LoadTransport, { throughput: number; p99: number }>,
): Promise<Scale[]> => {
  const dir = join(ctx.work, "scale")
  mkdirSync(dir, { recursive: true })
  const first = await startOxdServer({
    dir,
    opCaFile: ctx.op.caFile,
    opIssuer: ctx.op.issuer,
    env: ctx.env,
    serverArgs: ctx.opts.serverArgs,
  })
  const fx = await prepareFixture(first, ctx.op, 4).finally(() => first.stop())
  try {
    return await scaleRuns(ctx, ceilings, dir, fx)
  } finally {
    await fx.close()
  }
}

const scaleRuns = async (
  ctx: Ctx,
  ceilings: Map<LoadTransport, { throughput: number; p99: number }>,
  dir: string,
  fx: Fixture,
): Promise<Scale[]> => {
  const out: Scale[] = []
  for (const total of ctx.opts.sites) {
    const seeded = await seedSites(join(dir, "oxd.db"), total, ctx.op.issuer, ctx.log)
    ctx.log(`scale: ${total} sites (${seeded.added} seeded in ${(seeded.ms / 1000).toFixed(1)} s)`)
    out.push({ sites: total, seededMs: seeded.ms })
    const server = await startOxdServer({
      dir,
      opCaFile: ctx.op.caFile,
      opIssuer: ctx.op.issuer,
      env: ctx.env,
      serverArgs: ctx.opts.serverArgs,
    })
    try {
      for (const transport of ctx.opts.transports) {
        await measure(
          ctx,
          {
            section: "scale",
            scenario: "check_access granted (cached RPT)",
            sites: total,
            target: oxdTarget(server, transport, fx.token),
            workload: granted(fx),
            serverPid: server.child.pid,
            serverName: "oxd-server",
          },
          ceilings,
        )
      }
    } finally {
      await server.stop()
    }
  }
  return out
}

export { prepareFixture, startOxdServer }
