import { ipLiteral } from "./addressKind.js"

/**
 * allowed_op_hosts, parsed: exact origins (https://op.example.com, https://127.0.0.1:9443) and wildcard hosts
 * (https://*.example.com: any subdomain, not the apex, on the port written — 443 when none). Empty: any origin.
 */
export interface AllowedOpHosts {
  readonly any: boolean
  /** origins written out in full; only these may resolve to a loopback, private… address */
  readonly exact: ReadonlySet<string>
  readonly wildcards: ReadonlyArray<{ readonly suffix: string; readonly port: string }>
}

/** Why an allowed_op_hosts entry cannot be used, or undefined when it can. */
const entryProblem = (entry: string): string | undefined => {
  const wildcard = entry.startsWith("https://*.")
  let url: URL
  try {
    // a wildcard is checked as the host it stands for: a label in place of the *
    url = new URL(wildcard ? `https://x.${entry.slice("https://*.".length)}` : entry)
  } catch {
    return "is not a URL"
  }
  if (url.protocol !== "https:") return "must start with https:// (the OP is only ever called over HTTPS)"
  if (url.username || url.password) return "must not carry a user name or password"
  if (
    url.pathname !== "/" ||
    /^https:\/\/[^/]+\/./.test(entry) ||
    url.search ||
    url.hash ||
    entry.includes("?") ||
    entry.includes("#")
  ) {
    return "must be an origin (https://host or https://host:port), without a path, query or fragment"
  }
  if (entry.includes("*") && !wildcard) return "may hold * only as the first label: https://*.example.com"
  if (wildcard && entry.indexOf("*", "https://*".length) >= 0)
    return "may hold one * only, as the first label: https://*.example.com"
  if (wildcard && (ipLiteral(url.hostname) !== undefined || !url.hostname.slice(2).includes("."))) {
    return "must name a domain under the *, with at least two labels: https://*.example.com"
  }
  return undefined
}

/** Parses the configured list; throws an Error naming the first entry that cannot be used. */
export const parseAllowedOpHosts = (entries: ReadonlyArray<string>): AllowedOpHosts => {
  const exact = new Set<string>()
  const wildcards: Array<{ suffix: string; port: string }> = []
  for (const entry of entries) {
    const problem = entryProblem(entry)
    if (problem) throw new Error(`entry "${entry}" ${problem}`)
    if (entry.startsWith("https://*.")) {
      const url = new URL(`https://x.${entry.slice("https://*.".length)}`)
      wildcards.push({ suffix: url.hostname.slice(1), port: url.port })
    } else exact.add(new URL(entry).origin)
  }
  return { any: entries.length === 0, exact, wildcards }
}

/** Whether an origin (URL.origin form: https://host[:port], lower case, default port left out) is allowed. */
export const isAllowedOrigin = (allowed: AllowedOpHosts, origin: string): boolean => {
  if (allowed.any || allowed.exact.has(origin)) return true
  const url = new URL(origin)
  if (url.protocol !== "https:" || ipLiteral(url.hostname) !== undefined) return false
  // the suffix starts with a dot: a.example.com and a.b.example.com match *.example.com, example.com does not
  return allowed.wildcards.some(
    (w) => w.port === url.port && url.hostname.endsWith(w.suffix) && url.hostname.length > w.suffix.length,
  )
}

/** Whether the origin is written out in allowed_op_hosts: only then may it be at a non-public address. */
export const isListedOrigin = (allowed: AllowedOpHosts, origin: string): boolean => allowed.exact.has(origin)
