#!/usr/bin/env node
/**
 * pnpm bench: our own load generator against the built server CLI (a separate process), next to an echo
 * ceiling per transport and an introspect-every-request alternative; results in bench/results/<timestamp>/.
 */
import { cpus } from "node:os"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { HELP, parseBenchArgs, UsageError, type BenchOptions } from "./cli.js"
import type { TargetKind } from "./load.js"
import { middlewareSection } from "./middleware.js"
import { stopAllChildren } from "./proc.js"
import { benchDir, repoDir, startTestOpProcess } from "./processes.js"
import { latestProfile, readProfile, summariseProfile, type ProfileSummary } from "./profile.js"
import { chart, ratio, table, type Measurement } from "./report.js"
import {
  coldStart,
  mainSection,
  prepareFixture,
  rssCheck,
  soak,
  startOxdServer,
  type ColdStart,
  type Ctx,
  type Ceilings,
  type RssCheck,
  type Soak,
} from "./run.js"
import { peerSection, type LoginCost } from "./peer/section.js"
import { scaleSection, type Scale } from "./scale.js"

/** A share to one decimal: a rounded 40 % could be a missed 39.6 %. */
const share = (r: number) => `${(100 * r).toFixed(1)}%`

export interface Target {
  readonly target: string
  readonly figure: string
  readonly met: boolean | undefined
}

/** The targets of issue #8, each as measured in this run (undefined: not measured). */
const evaluate = (
  rows: ReadonlyArray<Measurement>,
  extra: { cold?: ColdStart[]; rss?: RssCheck; soak?: Soak; scale?: Scale[] },
): Target[] => {
  const out: Target[] = []
  const find = (section: string, scenario: string, t: TargetKind, sites?: number) =>
    rows.find(
      (m) =>
        m.section === section &&
        m.scenario.startsWith(scenario) &&
        m.transport === t &&
        (sites === undefined || m.sites === sites),
    )
  const transports = [...new Set(rows.map((m) => m.transport))]
  const alt = rows.find((m) => m.section === "alternative")
  for (const t of transports) {
    const ca = find("oxd", "check_access granted", t)
    const r = ca && ratio(ca)
    // the calibration runs say what a server's own work per request allows here
    const cal = rows
      .filter((m) => m.section === "calibration" && m.transport === t)
      .map(
        (m) =>
          `${m.scenario.replace(/^echo \+ /, "").replace(/ of work per request$/, "")}: ${(100 * (ratio(m) ?? 0)).toFixed(0)}%`,
      )
    const calText = cal.length > 0 ? ` (an echo with ${cal.join(", ")})` : ""
    if (r !== undefined)
      out.push({
        target: `check_access (cached RPT) ≥ 60% of the echo ceiling, ${t}`,
        figure: `${share(r)}${calText}`,
        met: r >= 0.6,
      })
    const half = find("half-load", "check_access granted", t)
    // the echo paced at the same rate: the load generator's own floor (its timers) under the same schedule
    const floor = find("half-load", "echo", t)
    const floorText = floor ? ` (echo at the same rate: ${floor.latency.p99.toFixed(2)} ms)` : ""
    if (half)
      out.push({
        target: `check_access p99 ≤ 2 ms at half load, ${t}`,
        figure: `${half.latency.p99.toFixed(2)} ms at ${half.rate?.toFixed(0)}/s${floorText}`,
        met: half.latency.p99 <= 2,
      })
    if (ca && alt && alt.throughput > 0) {
      const x = ca.throughput / alt.throughput
      out.push({
        target: `check_access ≥ 20× per-request introspection, ${t}`,
        figure: `${x.toFixed(1)}×`,
        met: x >= 20,
      })
    }
    const au = find("oxd", "get_authorization_url", t)
    const ar = au && ratio(au)
    if (ar !== undefined)
      out.push({ target: `get_authorization_url ≥ 40% of the echo ceiling, ${t}`, figure: share(ar), met: ar >= 0.4 })
    for (const store of [...new Set(rows.filter((m) => m.section === "scale").map((m) => m.store))]) {
      const scale = rows.filter(
        (m) =>
          m.section === "scale" &&
          m.scenario.startsWith("check_access") &&
          m.transport === t &&
          m.store === store &&
          m.instances === undefined,
      )
      if (scale.length >= 2) {
        const small = scale[0]!
        const big = scale[scale.length - 1]!
        const x = big.throughput / small.throughput
        out.push({
          target: `check_access at ${big.sites} sites within 20% of ${small.sites} sites, ${t}, ${store}`,
          figure: `${(100 * x).toFixed(0)}%`,
          met: x >= 0.8,
        })
      }
    }
    // PostgreSQL against SQLite, each at the smallest size measured on both, one instance
    const onStore = (store: string, scenario: string) =>
      rows.filter(
        (m) =>
          m.section === "scale" &&
          m.scenario.startsWith(scenario) &&
          m.transport === t &&
          m.store === store &&
          m.instances === undefined,
      )
    for (const [scenario, within] of [
      ["check_access", 0.1],
      ["get_authorization_url", 0.2],
    ] as const) {
      const pg = onStore("postgres", scenario)
      const lite = onStore("sqlite", scenario)
      const size = pg.map((m) => m.sites).find((n) => lite.some((m) => m.sites === n))
      const a = pg.find((m) => m.sites === size)
      const b = lite.find((m) => m.sites === size)
      if (a && b && b.throughput > 0) {
        const x = a.throughput / b.throughput
        out.push({
          target: `${scenario} on PostgreSQL within ${100 * within}% of SQLite (${size} sites), ${t}`,
          figure: `${(100 * x).toFixed(0)}% (${a.throughput.toFixed(0)} vs ${b.throughput.toFixed(0)} req/s)`,
          met: x >= 1 - within,
        })
      }
    }
  }
  if (extra.rss) {
    out.push({
      target: `server RSS ≤ 200 MB after ${extra.rss.commands} commands, at rest`,
      figure: `${extra.rss.rssSettledMb.toFixed(0)} MB`,
      met: extra.rss.rssSettledMb <= 200,
    })
    out.push({
      target: `server RSS ≤ 200 MB after ${extra.rss.commands} commands, as the load ends`,
      figure: `${extra.rss.rssAfterMb.toFixed(0)} MB (peak ${extra.rss.peakRssMb.toFixed(0)} MB)`,
      met: extra.rss.rssAfterMb <= 200,
    })
  }
  if (extra.soak) {
    out.push({
      target: `no RSS growth over a ${extra.soak.minutes}-minute soak`,
      figure: `mean RSS ${extra.soak.growthMb >= 0 ? "+" : ""}${extra.soak.growthMb.toFixed(1)} MB from the first half to the second (trend ${extra.soak.slopeMbPerMin.toFixed(2)} MB/min)`,
      met: extra.soak.growthMb <= 10,
    })
  }
  // the peer (issue 29): protection through the middleware against mod_auth_openidc in the same run
  const modAuth = rows.find((m) => m.section === "peer" && m.scenario.startsWith("mod_auth_openidc"))
  const nodeCeiling = rows.find((m) => m.section === "ceiling" && m.scenario.startsWith("unprotected GET"))
  const viaMiddleware = (mode: string) =>
    rows.find((m) => m.section === "middleware" && m.scenario.endsWith(`oxd ${mode}`))
  const inProcess = viaMiddleware("in-process")
  if (inProcess && modAuth)
    out.push({
      target: "protected GET through the middleware + in-process core ≥ mod_auth_openidc",
      figure: `${inProcess.throughput.toFixed(0)} vs ${modAuth.throughput.toFixed(0)} req/s (${(inProcess.throughput / modAuth.throughput).toFixed(2)}×)`,
      met: inProcess.throughput >= modAuth.throughput,
    })
  if (inProcess && nodeCeiling)
    out.push({
      target: "protected GET through the middleware + in-process core ≥ 85% of the unprotected Node handler",
      figure: share(inProcess.throughput / nodeCeiling.throughput),
      met: inProcess.throughput >= 0.85 * nodeCeiling.throughput,
    })
  const overTcp = viaMiddleware("tcp")
  if (overTcp && modAuth)
    out.push({
      target: "protected GET through the middleware, oxd over tcp ≥ 0.8× mod_auth_openidc",
      figure: `${(overTcp.throughput / modAuth.throughput).toFixed(2)}×`,
      met: overTcp.throughput >= 0.8 * modAuth.throughput,
    })
  for (const store of [...new Set(extra.scale?.map((s) => s.store) ?? [])]) {
    const runs = extra.scale!.filter((s) => s.store === store)
    const big = runs[runs.length - 1]!
    out.push({
      target: `server RSS ≤ 500 MB at ${big.sites} sites, ${store}`,
      figure: `${big.rssMb.toFixed(0)} MB`,
      met: big.rssMb <= 500,
    })
    out.push({
      target: `start (spawn → every port open) ≤ 2 s at ${big.sites} sites, ${store}`,
      figure: `${big.startMs.toFixed(0)} ms`,
      met: big.startMs <= 2000,
    })
  }
  const restarts = extra.cold?.filter((c) => c.label.startsWith("restart")) ?? []
  if (restarts.length > 0) {
    const worst = Math.max(...restarts.map((c) => c.ms))
    out.push({
      target: "cold start to first served command ≤ 1 s",
      figure: `${worst.toFixed(0)} ms (first start ${extra.cold![0]!.ms.toFixed(0)} ms)`,
      met: worst <= 1000,
    })
  }
  return out
}

const run = async (opts: BenchOptions, env: NodeJS.ProcessEnv) => {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-")
  const outDir = opts.out ?? join(benchDir, "results", stamp)
  mkdirSync(outDir, { recursive: true })
  const work = mkdtempSync(join(tmpdir(), "oxd-bench-"))
  const log = (line: string) => process.stderr.write(`${line}\n`)
  log(
    `oxd-ts bench: ${opts.duration} s per run after ${opts.warmup} s of warm-up, ${opts.connections} connections; results in ${outDir}`,
  )
  if (opts.serverArgs.length > 0) log(`oxd-server started with ${opts.serverArgs.join(" ")}`)
  log(`(the load generator and every server share this machine's ${cpus().length} cores; nothing is pinned)`)
  const op = await startTestOpProcess(work, env)
  const profileDir = join(outDir, "profiles")
  const ctx: Ctx = { opts, op, env, work, log, results: [], ...(opts.profile ? { profileDir } : {}) }
  let cold: ColdStart[] | undefined
  let rss: RssCheck | undefined
  let soaked: Soak | undefined
  let scale: Scale[] | undefined
  let logins: LoginCost[] | undefined
  let profile: { file: string; scenarios: Array<{ scenario: string } & ProfileSummary> } | undefined
  try {
    if (opts.only.has("cold_start")) {
      log("cold start:")
      cold = await coldStart(ctx)
    }
    const mainRuns =
      [...opts.only].some((s) => s !== "cold_start" && s !== "scale") || opts.commands > 0 || opts.soak > 0
    let ceilings: Ceilings = new Map()
    if (mainRuns) {
      const server = await startOxdServer({
        dir: join(work, "main"),
        opCaFile: op.caFile,
        opIssuer: op.issuer,
        env,
        serverArgs: opts.serverArgs,
        ...(opts.profile ? { nodeArgs: ["--cpu-prof", "--cpu-prof-dir", profileDir] } : {}),
      })
      try {
        log(
          `server ready in ${server.startMs.toFixed(0)} ms (pid ${server.child.pid}); registering sites at the test AS`,
        )
        const fx = await prepareFixture(server, op, 4)
        try {
          ceilings = (await mainSection(ctx, server, fx)).ceilings
          if (opts.only.has("peer")) logins = await peerSection(ctx, ceilings, server, fx)
          if (opts.only.has("middleware")) await middlewareSection(ctx, ceilings, server, fx)
          if (opts.commands > 0) {
            log(`rss check: ${opts.commands} commands`)
            rss = await rssCheck(ctx, server, fx, opts.commands)
            log(
              `  RSS ${rss.rssBeforeMb.toFixed(0)} → ${rss.rssAfterMb.toFixed(0)} MB, ${rss.rssSettledMb.toFixed(0)} MB at rest (peak ${rss.peakRssMb.toFixed(0)} MB), ${rss.errors} errors, ${rss.seconds.toFixed(0)} s`,
            )
          }
          if (opts.soak > 0) {
            log(`soak: ${opts.soak} minutes`)
            soaked = await soak(ctx, server, fx, opts.soak)
          }
        } finally {
          await fx.close()
        }
      } finally {
        await server.stop(30_000)
      }
      if (opts.profile) {
        const file = latestProfile(profileDir)
        if (file) {
          // the server's CPU over each scenario's measured windows (every transport), warm-ups and setup left out
          const cpu = readProfile(file)
          const scenarios = [
            ...new Set(
              ctx.results
                .filter((m) => m.section === "oxd" || m.section === "half-load")
                .map((m) => `${m.section}: ${m.scenario}`),
            ),
          ]
          profile = {
            file,
            scenarios: scenarios.map((scenario) => ({
              scenario,
              ...summariseProfile(
                cpu,
                repoDir,
                15,
                ctx.results
                  .filter((m) => `${m.section}: ${m.scenario}` === scenario && m.windowUs)
                  .map((m) => m.windowUs!),
              ),
            })),
          }
        }
      }
    }
    if (opts.only.has("scale") && !opts.quick) scale = await scaleSection(ctx, ceilings)
  } finally {
    await op.stop()
    rmSync(work, { recursive: true, force: true })
  }

  const targets = evaluate(ctx.results, {
    ...(cold ? { cold } : {}),
    ...(rss ? { rss } : {}),
    ...(soaked ? { soak: soaked } : {}),
    ...(scale ? { scale } : {}),
  })
  const text = [
    table(ctx.results),
    "",
    ...(cold
      ? ["Cold start (spawn → first TCP reply):", ...cold.map((c) => `  ${c.label}: ${c.ms.toFixed(0)} ms`), ""]
      : []),
    ...(rss
      ? [
          `RSS after ${rss.commands} commands (${rss.seconds.toFixed(0)} s): ${rss.rssAfterMb.toFixed(0)} MB as the load ended, ${rss.rssSettledMb.toFixed(0)} MB at rest a minute later (before ${rss.rssBeforeMb.toFixed(0)} MB, peak ${rss.peakRssMb.toFixed(0)} MB), ${rss.errors} errors`,
          "",
        ]
      : []),
    ...(logins && logins.length > 0
      ? [
          `CPU per login (${logins[0]!.logins} logins, 8 at a time; the OP's apart):`,
          ...logins.map(
            (l) =>
              `  ${l.who}: ${l.rpUsPerLogin.toFixed(0)} µs, the OP ${l.opUsPerLogin.toFixed(0)} µs (${l.perSecond.toFixed(0)} logins/s)`,
          ),
          "",
        ]
      : []),
    ...(scale
      ? [
          "Scale (start: spawn → every port open; RSS after the check_access runs; a cached site: RSS growth per site read):",
          ...scale.map(
            (s) =>
              `  ${s.store}, ${s.sites} sites: seeded in ${(s.seededMs / 1000).toFixed(1)} s, start ${s.startMs.toFixed(0)} ms, RSS ${s.rssMb.toFixed(0)} MB` +
              (s.cachedSites > 0
                ? `, ${s.cachedSites} more sites cached: ${(s.bytesPerCachedSite / 1024).toFixed(1)} KB each`
                : ""),
          ),
          "",
        ]
      : []),
    ...(soaked
      ? [
          `Soak ${soaked.minutes} min: ${soaked.requests} requests, ${soaked.errors} errors; RSS ${soaked.samples.map(([, mb]) => mb.toFixed(0)).join(" → ")} MB; mean RSS ${soaked.growthMb >= 0 ? "+" : ""}${soaked.growthMb.toFixed(1)} MB from the first half to the second (after 20 s) (trend ${soaked.slopeMbPerMin.toFixed(2)} MB/min)`,
          "",
        ]
      : []),
    ...(profile
      ? [
          `Server CPU profile: ${profile.file}`,
          ...profile.scenarios.flatMap((p) => [
            `  ${p.scenario}: busy ${(p.busyMs / 1000).toFixed(1)} s, idle ${(p.idleMs / 1000).toFixed(1)} s; top self time:`,
            ...p.functions.map((f) => `    ${f.selfPct.toFixed(1).padStart(5)}%  ${f.name}  ${f.where}`),
          ]),
          "",
        ]
      : []),
    ...(targets.length > 0
      ? [
          "Targets:",
          ...targets.map((t) => `  [${t.met === undefined ? "?" : t.met ? "met" : "MISSED"}] ${t.target}: ${t.figure}`),
          "",
        ]
      : []),
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}; load generator and servers share the cores (nothing pinned): compare ratios to the ceiling.`,
  ].join("\n")
  process.stdout.write(`${text}\n`)
  const json = {
    meta: {
      at: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      options: { ...opts, only: [...opts.only] },
      note: "Load generator, server under test, echo ceiling and test OP are separate processes sharing the same cores; nothing is pinned.",
    },
    measurements: ctx.results,
    coldStart: cold,
    rss,
    soak: soaked,
    scale,
    logins,
    profile,
    targets,
  }
  writeFileSync(join(outDir, "results.json"), `${JSON.stringify(json, null, 2)}\n`)
  writeFileSync(join(outDir, "table.txt"), `${text}\n`)
  writeFileSync(
    join(outDir, "chart.svg"),
    chart(
      ctx.results,
      `oxd-ts throughput and p99 against the echo ceiling (${opts.connections} connections, Node ${process.version})`,
    ),
  )
  log(`results: ${join(outDir, "results.json")}, ${join(outDir, "chart.svg")}`)
  return ctx.results.some((m) => m.errors > 0) ? 1 : 0
}

// Ctrl+C: the servers, the echo and the test OP go too
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    process.stderr.write(`${signal}: stopping the processes the bench started\n`)
    void stopAllChildren().finally(() => process.exit(130))
  })
}

try {
  const opts = parseBenchArgs(process.argv.slice(2))
  if (opts === "help") process.stdout.write(HELP)
  else process.exitCode = await run(opts, process.env)
} catch (e) {
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    process.stderr.write(`${(e as Error).message}\nRun with --help to see every option.\n`)
    process.exitCode = 2
  } else {
    // a failure (a server that did not start, say) stops every process the bench started, then says what happened
    await stopAllChildren()
    process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = 1
  }
}
