import { ConfigError, loadConfig, makeOxd, type SiteDetail, type SiteView } from "@oxd/core"
import { resolveFromCwd } from "./runServerCli.js"

export const sitesUsage = (program: string) => `${program} sites — the sites and setup clients this server holds

Usage: ${program} sites list [--json] [options]
       ${program} sites show <oxd_id> [--json] [options]
       ${program} sites remove <oxd_id> [--json] [options]

list    every site and setup client, oldest first: oxd_id, kind, OP, client_id, its setup client, created
show    one site: its registration (redirect URIs, scopes, grant types, auth method) and UMA resources
remove  forgets a site here, as remove_site does (the client stays registered at the OP)

Reads the store the server uses (the same configuration: --config, OXD_* environment, flags). Secrets are never
printed: client secrets and registration tokens are shown as present or absent. The admin port serves the same
(GET /sites, GET and DELETE /sites/<oxd_id>) when admin_token is set.

  --json   JSON instead of text
  --help   this text
`

const row = (cells: ReadonlyArray<string>, widths: ReadonlyArray<number>) =>
  cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ")

/** The listing as a table people read: one site a line. */
export const formatSites = (sites: ReadonlyArray<SiteView>): string => {
  if (sites.length === 0) return "No sites.\n"
  const header = ["OXD_ID", "KIND", "OP_HOST", "CLIENT_ID", "SETUP_CLIENT_ID", "CREATED"]
  const lines = sites.map((s) => [s.oxd_id, s.kind, s.op_host, s.client_id, s.setup_client_id ?? "-", s.created_at])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  return `${[header, ...lines].map((l) => row(l, widths)).join("\n")}\n${sites.length} site${sites.length > 1 ? "s" : ""}.\n`
}

export const formatSite = (s: SiteDetail): string => {
  const value = (v: unknown) =>
    v === null
      ? "-"
      : Array.isArray(v)
        ? v.length
          ? v.join(" ")
          : "-"
        : typeof v === "boolean"
          ? v
            ? "yes"
            : "no"
          : String(v)
  const fields = Object.entries(s).filter(([k]) => k !== "uma_resources")
  const width = Math.max(...fields.map(([k]) => k.length))
  const resources = s.uma_resources.length
    ? s.uma_resources.map((r) => `  ${r.http_methods.join(",")} ${r.path}`).join("\n")
    : "  -"
  return `${fields.map(([k, v]) => `${k.padEnd(width)}  ${value(v)}`).join("\n")}\numa_resources\n${resources}\n`
}

/** `<program> sites …`: returns the exit code (0 done, 1 no such site or the store failed, 2 usage). */
export const runSitesCli = async (
  program: string,
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> => {
  const [action, ...rest] = argv
  if (action === undefined || action === "--help" || action === "-h" || rest.includes("--help")) {
    out.write(sitesUsage(program))
    return action === undefined ? 2 : 0
  }
  const json = rest.includes("--json")
  const args = rest.filter((a) => a !== "--json")
  const needsId = action === "show" || action === "remove"
  if (action !== "list" && !needsId) {
    err.write(`Unknown action ${action}: list, show <oxd_id> or remove <oxd_id>.\n`)
    return 2
  }
  const oxdId = needsId ? args.shift() : undefined
  if (needsId && (oxdId === undefined || oxdId.startsWith("--"))) {
    err.write(`sites ${action} needs an oxd_id: ${program} sites ${action} <oxd_id>\n`)
    return 2
  }
  let config
  try {
    config = resolveFromCwd(loadConfig({ argv: args, env }), env["INIT_CWD"] ?? process.cwd())
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    err.write(`${e.message}\nRun ${program} --help to see every option.\n`)
    return 2
  }
  const oxd = makeOxd({ ...config, log_level: "error" })
  try {
    await oxd.ready()
    if (action === "list") {
      const sites = await oxd.admin.listSites()
      out.write(json ? `${JSON.stringify({ sites }, null, 2)}\n` : formatSites(sites))
      return 0
    }
    if (action === "show") {
      const site = await oxd.admin.showSite(oxdId!)
      if (!site) {
        err.write(`No site with oxd_id ${oxdId}.\n`)
        return 1
      }
      out.write(json ? `${JSON.stringify(site, null, 2)}\n` : formatSite(site))
      return 0
    }
    const removed = await oxd.admin.removeSite(oxdId!)
    if (json) out.write(`${JSON.stringify({ oxd_id: oxdId, removed })}\n`)
    else if (removed) out.write(`Removed ${oxdId}.\n`)
    if (!removed) err.write(`No site with oxd_id ${oxdId}.\n`)
    return removed ? 0 : 1
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e)
    err.write(
      `The store failed: ${why.replace(/\/\/[^@/\s]*@/g, "//***@")}. Check database_url (oxd-server doctor says more).\n`,
    )
    return 1
  } finally {
    await oxd.dispose().catch(() => undefined)
  }
}
