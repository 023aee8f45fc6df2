import { lookup as dnsLookup, type LookupAddress } from "node:dns"
import type { LookupFunction } from "node:net"
import { addressKind, describeKind, ipLiteral } from "./addressKind.js"
import { isAllowedOrigin, isListedOrigin, parseAllowedOpHosts } from "./allowedOpHosts.js"

/** What the operator does about a refusal that listing fixes. */
const fix = (origin: string) =>
  `add the origin ${origin} to allowed_op_hosts (--allowed-op-hosts, OXD_ALLOWED_OP_HOSTS) if this server should use that OP`

/**
 * A request to the OP that the server will not send. Thrown by OpFetch (before the request, or from the connection's
 * DNS look-up) and found again in the cause chain by opErrors.ts, which makes it the oxd error OpHostNotAllowed.
 */
export class OpHostRefused extends Error {
  override readonly name = "OpHostRefused"
  readonly code = "OXD_OP_HOST_NOT_ALLOWED"
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`${url}: ${detail}`)
  }
}

/** The OpHostRefused in an error's cause chain (fetch, openid-client and jose wrap what our fetch threw). */
export const refusalIn = (e: unknown): OpHostRefused | undefined => {
  for (let c: unknown = e, depth = 0; c && depth < 6; c = (c as { cause?: unknown }).cause, depth++) {
    if (c instanceof OpHostRefused) return c
  }
  return undefined
}

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/**
 * Which OPs the server talks to (allowed_op_hosts): the origin must be allowed, and an origin not written out in the
 * list must be at a public address — a URL's literal IP before any request, a host name's every resolved address at
 * the connection itself (the address checked is the address connected to: no second look-up to race).
 */
export const makeOpHostPolicy = (entries: ReadonlyArray<string>) => {
  const allowed = parseAllowedOpHosts(entries)

  /** Why the origin's address may not be used, or undefined. */
  const addressProblem = (origin: string, host: string, address: string): string | undefined => {
    const kind = addressKind(address)
    if (kind === undefined || kind === "public" || isListedOrigin(allowed, origin)) return undefined
    const what =
      host === address ? `${host} is ${describeKind(kind)}` : `${host} resolves to ${describeKind(kind)} (${address})`
    return `${what}; ${fix(origin)}`
  }

  /** The refusal of a request to `url` knowable before connecting: scheme, allowed origin, literal IP. */
  const checkUrl = (url: string): OpHostRefused | undefined => {
    const origin = originOf(url)
    if (origin === undefined) return undefined // not a URL: fetch reports it
    const { protocol, hostname } = new URL(url)
    if (protocol !== "https:") return new OpHostRefused(url, "the OP is only ever called over HTTPS")
    if (!isAllowedOrigin(allowed, origin))
      return new OpHostRefused(url, `its origin is not in allowed_op_hosts; ${fix(origin)}`)
    const ip = ipLiteral(hostname)
    const problem = ip === undefined ? undefined : addressProblem(origin, ip, ip)
    return problem ? new OpHostRefused(url, problem) : undefined
  }

  /**
   * The DNS look-up of connections to `origin` (net/tls `lookup`): every address the name resolves to is checked,
   * and a refusal fails the connection. Handles both shapes Node asks for (`all` with happy eyeballs, or one address).
   */
  const lookupFor =
    (origin: string): LookupFunction =>
    (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, "", 0)
        for (const a of addresses) {
          const problem = addressProblem(origin, hostname, a.address)
          if (problem) return callback(new OpHostRefused(origin, problem) as NodeJS.ErrnoException, "", 0)
        }
        if (options.all) return callback(null, addresses)
        const first = addresses[0]
        return first
          ? callback(null, first.address, first.family)
          : callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 0)
      })
    }

  return { checkUrl, lookupFor }
}
export type OpHostPolicy = ReturnType<typeof makeOpHostPolicy>
