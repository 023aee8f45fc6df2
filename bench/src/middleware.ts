/**
 * The middleware scenario (issue 27): a protected GET through @oxd/middleware's protect() in a plain node:http app,
 * the app's client speaking tcp, https or ws to the oxd-server under test, or a core in the app's process; against
 * the same app without protect() as its ceiling. The load is HTTP GETs with `Authorization: Bearer <RPT>` (granted).
 */
import { join } from "node:path"
import type { Fixture } from "./fixtures.js"
import { startNode } from "./proc.js"
import { benchDir, childEnv, type OxdServerProcess } from "./processes.js"
import { measure, type Ceilings, type Ctx } from "./run.js"

const APP_MAIN = join(benchDir, "dist/servers/middleware-app.js")
export const MIDDLEWARE_MODES = ["plain", "tcp", "https", "ws", "in-process"] as const
type Mode = (typeof MIDDLEWARE_MODES)[number]

const startApp = async (ctx: Ctx, server: OxdServerProcess, fx: Fixture, mode: Mode) => {
  const site = fx.umaSites[0]!
  const args: string[] = ["--mode", mode]
  if (mode === "tcp") args.push("--tcp-port", String(server.tcp.port), "--oxd-id", site.oxdId)
  // REST and WebSocket need the setup client's token: the current one lasts the few seconds of a run
  if (mode === "https")
    args.push(
      "--rest-origin",
      server.restOrigin,
      "--server-ca",
      server.certFile,
      "--oxd-id",
      site.oxdId,
      "--token",
      fx.token(),
    )
  if (mode === "ws")
    args.push("--ws-url", server.wsUrl, "--server-ca", server.certFile, "--oxd-id", site.oxdId, "--token", fx.token())
  if (mode === "in-process") args.push("--op-issuer", ctx.op.issuer, "--op-ca", ctx.op.caFile)
  // --profile: the app's CPU profile too (written when it exits on SIGTERM), where the cost of protection is
  const child = startNode([APP_MAIN, ...args], {
    env: childEnv(ctx.env),
    ...(ctx.profileDir
      ? { nodeArgs: ["--cpu-prof", "--cpu-prof-dir", join(ctx.profileDir, `middleware-${mode}`)] }
      : {}),
  })
  const [, json] = await child.waitFor(/middleware-app ready (\{.*\})/, 60_000)
  const ready = JSON.parse(json!) as { port: number; rpt: string }
  return { child, port: ready.port, rpt: mode === "in-process" ? ready.rpt : site.rpt }
}

export const middlewareSection = async (ctx: Ctx, ceilings: Ceilings, server: OxdServerProcess, fx: Fixture) => {
  ctx.log("middleware (HTTP GET /photo through protect()):")
  for (const mode of MIDDLEWARE_MODES) {
    if (mode !== "plain" && mode !== "in-process" && !ctx.opts.transports.includes(mode)) continue
    const app = await startApp(ctx, server, fx, mode)
    try {
      const m = await measure(
        ctx,
        {
          section: mode === "plain" ? "ceiling" : "middleware",
          scenario: mode === "plain" ? "unprotected GET (no middleware)" : `protected GET via middleware, oxd ${mode}`,
          target: {
            transport: "http",
            origin: `http://127.0.0.1:${app.port}`,
            path: "/photo",
            headers: { authorization: `Bearer ${app.rpt}` },
          },
          ceilingKey: "node-app",
          workload: { expect: '"access":"granted"' },
          // the cost of protection is the app's CPU and, over a transport, the oxd-server's too
          serverPid: mode === "plain" || mode === "in-process" ? app.child.pid : [app.child.pid, server.child.pid],
          serverName: mode === "plain" || mode === "in-process" ? "middleware-app" : "middleware-app + oxd-server",
          note:
            mode === "plain" || mode === "in-process"
              ? "the app's process is the whole server"
              : "server CPU: the app's and the oxd-server's added up",
        },
        ceilings,
      )
      if (m.errors > 0) ctx.log(`    the app said: ${app.child.output().trim().split("\n").slice(-3).join(" | ")}`)
    } finally {
      await app.child.stop()
    }
  }
}
