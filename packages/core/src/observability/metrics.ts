import { Context, Metric } from "effect"
import { PrometheusMetrics } from "effect/observability"
import { cacheStats } from "./cacheStats.js"

/** Latency buckets (seconds): a cached check takes well under a millisecond, an OP call up to op_timeout_in_seconds. */
const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** Distinct values a label may take before further ones are reported as "other" (input must not grow the series). */
const MAX_VALUES_PER_LABEL = 64

/** OPs (origins) whose calls may be labelled: those with a site or setup client here, up to this many. */
export const MAX_KNOWN_OPS = 1000
/**
 * A call to an origin not (yet) known waits this long for the origin to be registered before it is counted as
 * "other": the discovery and registration calls of a first setup_client or register_site at an OP come before its
 * site is stored, and are then counted under its origin. Longer than the store's refresh (registeredOps.ts), so a
 * site registered through another instance is seen in time too.
 */
export const PENDING_OP_CALL_MS = 60_000
/** Calls waiting so at most; past it the oldest are counted as "other" at once. */
const MAX_PENDING_OP_CALLS = 1000

interface PendingOpCall {
  readonly host: string
  readonly endpoint: string
  readonly outcome: string
  readonly seconds: number
  readonly at: number
}

type Attrs = Readonly<Record<string, string>>
type Kind = "counter" | "gauge" | "histogram"

const HELP: Record<string, string> = {
  oxd_commands_total: "Commands answered, by command, transport and outcome (ok or the error code)",
  oxd_command_duration_seconds: "Time to answer a command, by command and transport",
  oxd_op_requests_total:
    "HTTP calls to OPs and UMA authorization servers, by origin, endpoint kind and outcome (status class or error)",
  oxd_op_request_duration_seconds: "Time of one call to an OP or UMA authorization server (retries included)",
  oxd_cache_requests_total: "Lookups in core's caches, by cache and result (hit or miss)",
  oxd_open_connections: "Connections open now, by transport",
  oxd_up: "1 while the process serves",
  process_resident_memory_bytes: "Resident set size of the process",
  process_heap_bytes: "V8 heap in use",
  process_cpu_seconds_total: "CPU time used by the process (user + system)",
  process_start_time_seconds: "Start of the process, seconds since the epoch",
}

/**
 * oxd's metrics, kept in Effect's Metric registry (one per core) and rendered in the Prometheus text format by
 * Effect's PrometheusMetrics. Updates are synchronous map lookups, cheap enough for every command; the labelled
 * series objects are built once and reused.
 */
export class OxdMetrics {
  /** `now`: the Clock's time in ms, for the wait of calls to origins not yet known (makeOxd passes core's; tests move theirs). */
  constructor(private readonly options: { readonly now: () => number }) {}

  readonly #context = Context.make(Metric.MetricRegistry, new Map())
  readonly #series = new Map<string, Metric.Metric<number, unknown>>()
  readonly #seen = new Map<string, Set<string>>()
  readonly #connections = new Map<number, { readonly transport: string; readonly count: () => number }>()
  /** command → transport → outcome → its two series: no key string built per command */
  readonly #commandSeries = new Map<
    string,
    Map<
      string,
      Map<string, { readonly count: Metric.Metric<number, unknown>; readonly duration: Metric.Metric<number, unknown> }>
    >
  >()
  readonly #knownOps = new Set<string>()
  /** Calls to origins not known yet, oldest first. */
  #pendingOpCalls: PendingOpCall[] = []
  #nextConnectionSource = 0
  #cpuSeconds = 0

  /** A label value as reported: bounded in length, and in number per label. */
  bounded(label: string, value: string): string {
    const v = value.length > 100 ? value.slice(0, 100) : value
    let seen = this.#seen.get(label)
    if (!seen) this.#seen.set(label, (seen = new Set()))
    if (seen.has(v)) return v
    if (seen.size >= MAX_VALUES_PER_LABEL) return "other"
    seen.add(v)
    return v
  }

  #metric(kind: Kind, name: string, attributes: Attrs): Metric.Metric<number, unknown> {
    let key = name
    for (const k in attributes) key += `\u0000${attributes[k]}`
    let m = this.#series.get(key)
    if (!m) {
      const options = { description: HELP[name], attributes }
      m =
        kind === "counter"
          ? Metric.counter(name, options)
          : kind === "gauge"
            ? Metric.gauge(name, options)
            : Metric.histogram(name, { ...options, boundaries: SECONDS })
      this.#series.set(key, m)
    }
    return m
  }

  #add(kind: Kind, name: string, attributes: Attrs, value: number) {
    this.#metric(kind, name, attributes).updateUnsafe(value, this.#context)
  }

  /** One command answered; `command` must already be a known name or "unknown". */
  command(command: string, transport: string, outcome: string, seconds: number): void {
    let byTransport = this.#commandSeries.get(command)
    if (!byTransport) this.#commandSeries.set(command, (byTransport = new Map()))
    let byOutcome = byTransport.get(transport)
    if (!byOutcome) byTransport.set(transport, (byOutcome = new Map()))
    let series = byOutcome.get(outcome)
    if (!series) {
      series = {
        count: this.#metric("counter", "oxd_commands_total", {
          command,
          transport,
          outcome: this.bounded("outcome", outcome),
        }),
        duration: this.#metric("histogram", "oxd_command_duration_seconds", { command, transport }),
      }
      // outcomes past the label's bound all share "other"'s series; the map stays as bounded as the label
      if (byOutcome.size < MAX_VALUES_PER_LABEL) byOutcome.set(outcome, series)
    }
    series.count.updateUnsafe(1, this.#context)
    series.duration.updateUnsafe(seconds, this.#context)
  }

  /**
   * One call to an OP: `host` its origin, `endpoint` a kind from opEndpointKind, `outcome` 2xx…5xx or an error name.
   * Counted under its origin when an OP there is registered (registerOp), else — after waiting PENDING_OP_CALL_MS for
   * that — as "other": any caller may name any op_host, and must not add series by doing so.
   */
  opRequest(host: string, endpoint: string, outcome: string, seconds: number): void {
    if (this.#knownOps.has(host)) return this.#recordOp(this.bounded("host", host), endpoint, outcome, seconds)
    const now = this.#now()
    this.#pendingOpCalls.push({ host, endpoint, outcome, seconds, at: now })
    this.#settlePendingOpCalls(now)
  }

  /**
   * An OP a site or setup client is registered at (by URL; its origin is what counts): calls to it get its origin as
   * their `host` label (bounded as any label), the calls made in the last PENDING_OP_CALL_MS included.
   */
  registerOp(opHost: string): void {
    const origin = originOf(opHost)
    if (this.#knownOps.has(origin) || this.#knownOps.size >= MAX_KNOWN_OPS) return
    this.#knownOps.add(origin)
    if (!this.#pendingOpCalls.some((c) => c.host === origin)) return
    const label = this.bounded("host", origin)
    this.#pendingOpCalls = this.#pendingOpCalls.filter((c) => {
      if (c.host !== origin) return true
      this.#recordOp(label, c.endpoint, c.outcome, c.seconds)
      return false
    })
  }

  #recordOp(host: string, endpoint: string, outcome: string, seconds: number) {
    this.#add("counter", "oxd_op_requests_total", { host, endpoint, outcome }, 1)
    this.#add("histogram", "oxd_op_request_duration_seconds", { host, endpoint }, seconds)
  }

  /** Calls that waited PENDING_OP_CALL_MS (or past the bound on waiting ones) are counted as "other". */
  #settlePendingOpCalls(now: number) {
    const pending = this.#pendingOpCalls
    let settled = 0
    while (
      settled < pending.length &&
      (pending.length - settled > MAX_PENDING_OP_CALLS || now - pending[settled]!.at >= PENDING_OP_CALL_MS)
    ) {
      const c = pending[settled++]!
      this.#recordOp("other", c.endpoint, c.outcome, c.seconds)
    }
    if (settled > 0) pending.splice(0, settled)
  }

  #now(): number {
    return this.options.now()
  }

  /** An edge's open connections, read at each scrape. Returns the function that stops reporting them. */
  trackConnections(transport: string, count: () => number): () => void {
    const id = this.#nextConnectionSource++
    this.#connections.set(id, { transport, count })
    return () => void this.#connections.delete(id)
  }

  /** The Prometheus text of every series; the gauges read now. */
  render(): string {
    this.#settlePendingOpCalls(this.#now())
    const byTransport = new Map<string, number>()
    for (const { transport, count } of this.#connections.values())
      byTransport.set(transport, (byTransport.get(transport) ?? 0) + count())
    for (const [transport, n] of byTransport) this.#add("gauge", "oxd_open_connections", { transport }, n)
    for (const [cache, { hit, miss }] of cacheStats.snapshot()) {
      // the registry is process-wide: set each counter to its total (a counter's update adds)
      this.#setCounter("oxd_cache_requests_total", { cache: this.bounded("cache", cache), result: "hit" }, hit)
      this.#setCounter("oxd_cache_requests_total", { cache: this.bounded("cache", cache), result: "miss" }, miss)
    }
    this.#add("gauge", "oxd_up", {}, 1)
    const mem = process.memoryUsage()
    this.#add("gauge", "process_resident_memory_bytes", {}, mem.rss)
    this.#add("gauge", "process_heap_bytes", {}, mem.heapUsed)
    const cpu = process.cpuUsage()
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    this.#add("counter", "process_cpu_seconds_total", {}, cpuSeconds - this.#cpuSeconds)
    this.#cpuSeconds = cpuSeconds
    // Prometheus defines this gauge as the process's start in Unix wall time, whatever clock core runs on
    // eslint-disable-next-line no-restricted-properties
    this.#add("gauge", "process_start_time_seconds", {}, Math.round(Date.now() / 1000 - process.uptime()))
    return PrometheusMetrics.formatUnsafe(this.#context)
  }

  #setCounter(name: string, attributes: Attrs, total: number) {
    const m = this.#metric("counter", name, attributes)
    const current = (m.valueUnsafe(this.#context) as { count: number }).count
    if (total > current) m.updateUnsafe(total - current, this.#context)
  }
}

/** The endpoint kind of an OP URL, from its path: a small fixed set, so a label that cannot grow. */
export const opEndpointKind = (url: string): string => {
  let path: string
  try {
    path = new URL(url).pathname.toLowerCase()
  } catch {
    return "other"
  }
  if (path.endsWith("/.well-known/openid-configuration")) return "discovery"
  if (path.endsWith("/.well-known/uma2-configuration")) return "uma_discovery"
  if (path.includes("/.well-known/")) return "discovery"
  if (/jwks|\/certs?$|\/keys$/.test(path)) return "jwks"
  if (/introspect/.test(path)) return "introspection"
  if (/userinfo|\/me$/.test(path)) return "userinfo"
  if (/\/token$/.test(path)) return "token"
  if (/permission/.test(path)) return "uma_permission"
  if (/resource_set|resource-set|\/resources?(\/|$)/.test(path)) return "uma_resource"
  if (/regist|\/reg(\/|$)/.test(path)) return "registration"
  if (/revo/.test(path)) return "revocation"
  if (/logout|end_?session/.test(path)) return "end_session"
  return "other"
}

/** An OP URL's origin (scheme, host, port): never its path or query, which can carry ids. */
export const originOf = (url: string): string => {
  try {
    return new URL(url).origin
  } catch {
    return "invalid"
  }
}
