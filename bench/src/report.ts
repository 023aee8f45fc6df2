import type { TargetKind } from "./load.js"
import type { LatencySummary } from "./stats.js"

export type Section = "ceiling" | "calibration" | "oxd" | "half-load" | "alternative" | "scale" | "peer" | "middleware"

/** One measured run: a scenario on a transport, with the server's and the OP's cost and the ceiling it is held to. */
export interface Measurement {
  readonly section: Section
  readonly scenario: string
  readonly transport: TargetKind
  readonly connections: number
  /** paced runs: requests per second asked for */
  readonly rate?: number
  /** scale runs: sites in the database */
  readonly sites?: number
  /** scale runs: the store (sqlite, postgres) */
  readonly store?: string
  /** servers sharing the load (round robin over connections); 1 when absent */
  readonly instances?: number
  readonly requests: number
  readonly errors: number
  readonly seconds: number
  readonly throughput: number
  readonly latency: LatencySummary
  readonly server: {
    readonly name: string
    readonly cpuPct: number
    /** share of the server's CPU time spent in the kernel */
    readonly sysPct: number
    readonly rssMb: number
    readonly cpuMsPerRequest: number
  }
  /** The test OP / UMA AS process, when the scenario calls it. */
  readonly op?: { readonly cpuPct: number; readonly cpuMsPerRequest: number }
  readonly loadgenCpuPct: number
  /** CPU used by every other process of the machine meanwhile (other work on a shared machine skews a run). */
  readonly otherCpuPct: number
  /** CPU the virtual machine's host took from this machine meanwhile (steal time), in % of one core. */
  readonly stealPct?: number
  /** The ceiling it is held to in this run: the echo of the same transport, or the peer's unprotected twin. */
  readonly ceiling?: { readonly throughput: number; readonly p99: number }
  readonly note?: string
  readonly errorSamples?: ReadonlyArray<string>
  /** The measured window on the machine's monotonic clock (µs), to cut a server CPU profile to it. */
  readonly windowUs?: readonly [number, number]
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "-")
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0))
export const ratio = (m: Measurement) =>
  m.ceiling && m.ceiling.throughput > 0 ? m.throughput / m.ceiling.throughput : undefined

/** The stdout table: one line per run, throughput also as a share of the transport's echo ceiling. */
export const table = (rows: ReadonlyArray<Measurement>): string => {
  const header = [
    "section",
    "scenario",
    "transport",
    "conns",
    "req/s",
    "of ceiling",
    "p50 ms",
    "p99 ms",
    "p99.9 ms",
    "errors",
    "server CPU%",
    "server µs/req",
    "server RSS MB",
    "OP CPU%",
    "loadgen CPU%",
    "other CPU%",
    "steal %",
  ]
  const lines = rows.map((m) => {
    const r = ratio(m)
    return [
      m.section,
      m.scenario +
        (m.sites !== undefined ? ` [${m.sites} sites]` : "") +
        (m.store !== undefined ? ` [${m.store}]` : "") +
        (m.instances !== undefined && m.instances > 1 ? ` [${m.instances} instances]` : "") +
        (m.rate !== undefined ? ` [paced ${fmt(m.rate)}/s]` : ""),
      m.transport,
      String(m.connections),
      fmt(m.throughput),
      r === undefined ? "" : `${fmt(100 * r)}%`,
      ms(m.latency.p50),
      ms(m.latency.p99),
      ms(m.latency.p999),
      String(m.errors),
      fmt(m.server.cpuPct),
      fmt(1000 * m.server.cpuMsPerRequest),
      fmt(m.server.rssMb),
      m.op ? fmt(m.op.cpuPct) : "",
      fmt(m.loadgenCpuPct),
      fmt(m.otherCpuPct),
      m.stealPct === undefined ? "" : fmt(m.stealPct),
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const row = (cells: ReadonlyArray<string>) =>
    cells.map((c, i) => (i <= 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")
  return [row(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(row)].join("\n")
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
const PALETTE = [
  "#9e9e9e",
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
  "#393b79",
  "#637939",
  "#843c39",
  "#7b4173",
  "#3182bd",
  "#e6550d",
]
/** The sections a chart shows: oxd's rows, their echo ceilings, the alternative, and the HTTP group (the peer, the middleware and their own ceilings). */
const CHARTED = new Set(["ceiling", "oxd", "alternative", "peer", "middleware"])

/**
 * An SVG chart written by hand: per transport, throughput (top) and p99 latency (bottom) of each scenario next to
 * the echo ceiling (grey), labelled with the share of the ceiling. The http group holds the peer (Apache, then
 * mod_auth_openidc) and the middleware rows, each after its own unprotected ceiling, named in the legend.
 */
export const chart = (rows: ReadonlyArray<Measurement>, title: string): string => {
  const shown = rows.filter((m) => CHARTED.has(m.section))
  const transports = [...new Set(shown.map((m) => m.transport))]
  // over http the ceilings are two different servers (Apache, the Node app): each is named
  const label = (m: Measurement) => (m.section === "ceiling" && m.transport !== "http" ? "echo ceiling" : m.scenario)
  const scenarios = [...new Set(shown.map(label))]
  const colour = (s: string) => PALETTE[scenarios.indexOf(s) % PALETTE.length]!
  const W = 1000
  const panelH = 260
  const left = 70
  const top = 50
  const legendH = 24 * Math.ceil(scenarios.length / 2)
  const H = top + 2 * (panelH + 60) + legendH + 20
  const groupW = (W - left - 20) / Math.max(1, transports.length)
  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
  )
  out.push(`<rect width="100%" height="100%" fill="white"/>`)
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escape(title)}</text>`)
  /** Log scale: the figures span from a few requests per second (login) to tens of thousands (echo). */
  const panel = (
    y0: number,
    name: string,
    value: (m: Measurement) => number,
    unit: string,
    annotate: (m: Measurement) => string,
  ) => {
    const values = shown.map(value).filter((v) => v > 0)
    const lo = Math.floor(Math.log10(Math.min(...values, 1)))
    const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...values, 1))))
    const yOf = (v: number) => y0 + panelH - (panelH * (Math.log10(Math.max(v, 10 ** lo)) - lo)) / (hi - lo)
    out.push(`<text x="${left - 55}" y="${y0 - 8}" font-size="12" font-weight="bold">${escape(name)}</text>`)
    for (let e = lo; e <= hi; e++) {
      const y = yOf(10 ** e)
      out.push(`<line x1="${left}" x2="${W - 20}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e0e0e0"/>`)
      out.push(
        `<text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${escape(String(10 ** e))}${unit}</text>`,
      )
    }
    transports.forEach((t, ti) => {
      const group = shown.filter((m) => m.transport === t)
      const x0 = left + ti * groupW + 10
      const barW = Math.min(60, (groupW - 20) / Math.max(1, group.length))
      group.forEach((m, bi) => {
        const v = value(m)
        const y = yOf(v)
        const h = y0 + panelH - y
        const x = x0 + bi * barW
        out.push(
          `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour(label(m))}"><title>${escape(`${label(m)} ${t}: ${v.toFixed(2)}${unit}`)}</title></rect>`,
        )
        const note = annotate(m)
        if (note)
          out.push(
            `<text x="${(x + (barW - 4) / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="10">${escape(note)}</text>`,
          )
      })
      out.push(
        `<text x="${(x0 + (group.length * barW) / 2).toFixed(1)}" y="${y0 + panelH + 16}" text-anchor="middle" font-size="12" font-weight="bold">${escape(t)}</text>`,
      )
    })
  }
  panel(
    top + 20,
    "throughput (req/s, closed loop; log scale; label: share of the echo ceiling)",
    (m) => m.throughput,
    "",
    (m) => {
      const r = ratio(m)
      return r === undefined ? "" : `${(100 * r).toFixed(r < 0.1 ? 1 : 0)}%`
    },
  )
  panel(
    top + panelH + 80,
    "p99 latency (ms, log scale)",
    (m) => m.latency.p99,
    "",
    (m) => m.latency.p99.toFixed(m.latency.p99 < 10 ? 2 : 0),
  )
  const ly = top + 2 * (panelH + 60) + 10
  scenarios.forEach((s, i) => {
    const x = left + (i % 2) * 460
    const y = ly + Math.floor(i / 2) * 24
    out.push(`<rect x="${x}" y="${y}" width="14" height="14" fill="${colour(s)}"/>`)
    out.push(`<text x="${x + 20}" y="${y + 11}">${escape(s)}</text>`)
  })
  out.push("</svg>")
  return out.join("\n")
}
