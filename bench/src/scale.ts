import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { startPostgres } from "@oxd/test-postgres"
import type { StoreName } from "./cli.js"
import { prepareFixture, type Fixture } from "./fixtures.js"
import { runLoad } from "./load.js"
import { procSample } from "./proc.js"
import { startOxdServer, type OxdServerProcess } from "./processes.js"
import { granted, measure, oxdTarget, type Ceilings, type Ctx } from "./run.js"
import { seededSiteIds, seedSites } from "./seed.js"

/** core's site cache holds at most this many sites (SiteStore's SITE_CACHE_MAX): the RSS per cached site fills it. */
const SITE_CACHE_MAX = 10_000

export interface Scale {
  readonly store: StoreName
  readonly sites: number
  readonly seededMs: number
  /** spawn → every port accepting connections, with this many sites in the store */
  readonly startMs: number
  /** the server's RSS after the check_access runs */
  readonly rssMb: number
  /** sites read into the site cache (get_authorization_url on each) to measure what one costs */
  readonly cachedSites: number
  /** RSS growth per site so read, in bytes (the site, its cache entry and what the command keeps of it) */
  readonly bytesPerCachedSite: number
}

/**
 * Scale: check_access on a few real sites while the store holds 10, 100,000, … sites (each seeded one with 10
 * protected resources, written into the store directly between runs of a fresh server), per store; the server's start
 * time and RSS at each size, and the RSS one cached site costs. PostgreSQL also runs two instances on the one
 * database, the load generator's connections split between them.
 */
export const scaleSection = async (ctx: Ctx, ceilings: Ceilings): Promise<Scale[]> => {
  const out: Scale[] = []
  for (const store of ctx.opts.stores) {
    const dir = join(ctx.work, `scale-${store}`)
    mkdirSync(dir, { recursive: true })
    const postgres = store === "postgres" ? await startPostgres() : undefined
    try {
      const databaseUrl = postgres ? await postgres.createDatabase("bench") : `file:${join(dir, "oxd.db")}`
      const start = (instance: string) =>
        startOxdServer({
          dir: join(dir, instance),
          databaseUrl,
          opCaFile: ctx.op.caFile,
          opIssuer: ctx.op.issuer,
          env: ctx.env,
          serverArgs: ctx.opts.serverArgs,
        })
      const first = await start("a")
      const fx = await prepareFixture(first, ctx.op, 4).finally(() => first.stop())
      try {
        for (const total of ctx.opts.sites)
          out.push(await scaleRun(ctx, ceilings, store, databaseUrl, start, fx, total))
      } finally {
        await fx.close()
      }
    } finally {
      await postgres?.stop()
    }
  }
  return out
}

const scaleRun = async (
  ctx: Ctx,
  ceilings: Ceilings,
  store: StoreName,
  databaseUrl: string,
  start: (instance: string) => Promise<OxdServerProcess>,
  fx: Fixture,
  total: number,
): Promise<Scale> => {
  const seeded = await seedSites(databaseUrl, total, ctx.op.issuer, ctx.log)
  ctx.log(`scale (${store}): ${total} sites (${seeded.added} seeded in ${(seeded.ms / 1000).toFixed(1)} s)`)
  const server = await start("a")
  ctx.log(`  server ready in ${server.startMs.toFixed(0)} ms`)
  try {
    const common = { section: "scale", sites: total, store, serverName: "oxd-server" } as const
    for (const transport of ctx.opts.transports)
      await measure(
        ctx,
        {
          ...common,
          scenario: "check_access granted (cached RPT)",
          target: oxdTarget(server, transport, fx.token),
          workload: granted(fx),
          serverPid: server.child.pid,
        },
        ceilings,
      )
    // the login command writes its state: the store's write path, compared across stores at the smallest size
    if (total === ctx.opts.sites[0])
      for (const transport of ctx.opts.transports)
        await measure(
          ctx,
          {
            ...common,
            scenario: "get_authorization_url",
            target: oxdTarget(server, transport, fx.token),
            workload: {
              call: () => ({ command: "get_authorization_url", params: { oxd_id: fx.loginSite } }),
              expect: '"authorization_url"',
            },
            serverPid: server.child.pid,
          },
          ceilings,
        )
    const rssMb = procSample(server.child.pid).rssMb
    const cache = await cacheCost(ctx, server, databaseUrl, Math.min(SITE_CACHE_MAX, total))
    if (cache.sites > 0)
      ctx.log(
        `  RSS ${rssMb.toFixed(0)} MB; ${cache.sites} more sites cached: ${(cache.bytesPerSite / 1024).toFixed(1)} KB each`,
      )
    if (store === "postgres") {
      // a second instance on the same database: does the store let the work spread?
      const second = await start("b")
      try {
        for (const transport of ctx.opts.transports)
          await measure(
            ctx,
            {
              ...common,
              scenario: "check_access granted (cached RPT)",
              target: [oxdTarget(server, transport, fx.token), oxdTarget(second, transport, fx.token)],
              workload: granted(fx),
              serverPid: [server.child.pid, second.child.pid],
              instances: 2,
            },
            ceilings,
          )
      } finally {
        await second.stop()
      }
    }
    return {
      store,
      sites: total,
      seededMs: seeded.ms,
      startMs: server.startMs,
      rssMb,
      cachedSites: cache.sites,
      bytesPerCachedSite: cache.bytesPerSite,
    }
  } finally {
    await server.stop()
  }
}

/**
 * What a cached site costs: RSS before and after get_authorization_url (over TCP) on `n` seeded sites not read yet,
 * each read from the store into the site cache. RSS moves with the garbage collector too: the figure is an
 * estimate, good to a few hundred bytes at 10,000 sites.
 */
const cacheCost = async (ctx: Ctx, server: OxdServerProcess, databaseUrl: string, n: number) => {
  if (n < 1000) return { sites: 0, bytesPerSite: 0 }
  const ids = await seededSiteIds(databaseUrl, n)
  const before = procSample(server.child.pid).rssMb
  let i = 0
  const r = await runLoad(
    { transport: "tcp", ...server.tcp },
    {
      next: async () => {
        const oxdId = ids[i++]
        return oxdId ? { command: "get_authorization_url", params: { oxd_id: oxdId } } : undefined
      },
      expect: '"authorization_url"',
    },
    { connections: 8, durationMs: 600_000 },
  )
  if (r.errors > 0) ctx.log(`  caching seeded sites: ${r.errors} errors, e.g. ${r.errorSamples[0]}`)
  const after = procSample(server.child.pid).rssMb
  return { sites: r.requests, bytesPerSite: r.requests > 0 ? ((after - before) * 1024 * 1024) / r.requests : 0 }
}
