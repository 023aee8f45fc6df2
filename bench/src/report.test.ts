import { describe, expect, it } from "vitest"
import { chart, type Measurement } from "./report.js"

const row = (
  section: Measurement["section"],
  scenario: string,
  transport: Measurement["transport"],
  throughput: number,
  ceiling?: number,
): Measurement => ({
  section,
  scenario,
  transport,
  connections: 64,
  requests: throughput * 6,
  errors: 0,
  seconds: 6,
  throughput,
  latency: { p50: 1, p90: 2, p99: 3, p999: 5, max: 9, mean: 1.2 },
  server: { name: "s", cpuPct: 100, sysPct: 20, rssMb: 100, cpuMsPerRequest: 0.02 },
  loadgenCpuPct: 50,
  otherCpuPct: 0,
  ...(ceiling ? { ceiling: { throughput: ceiling, p99: 2 } } : {}),
})

describe("chart", () => {
  it("draws the peer and middleware rows beside their own ceilings, each named, and the echo ceilings as one", () => {
    const svg = chart(
      [
        row("ceiling", "echo", "tcp", 80000),
        row("oxd", "check_access granted (cached RPT)", "tcp", 50000, 80000),
        row("ceiling", "Apache httpd: the static response, unprotected", "http", 16000),
        row("peer", "mod_auth_openidc: bearer token, introspection cached (shm)", "http", 15000, 16000),
        row("ceiling", "unprotected GET (no middleware)", "http", 44000),
        row("middleware", "protected GET via middleware, oxd in-process", "http", 34000, 44000),
        row("scale", "check_access granted (cached RPT) [10 sites]", "tcp", 49000, 80000),
      ],
      "t",
    )
    const legend = [...svg.matchAll(/<text x="\d+" y="\d+">([^<]*)<\/text>/g)].map((m) => m[1])
    expect(legend).toEqual([
      "echo ceiling",
      "check_access granted (cached RPT)",
      "Apache httpd: the static response, unprotected",
      "mod_auth_openidc: bearer token, introspection cached (shm)",
      "unprotected GET (no middleware)",
      "protected GET via middleware, oxd in-process",
    ])
    // the share of its own ceiling: mod_auth_openidc against Apache, the middleware against the bare app
    expect(svg).toContain(">94%<")
    expect(svg).toContain(">77%<")
    expect(svg).toMatch(/font-weight="bold">http<\/text>/)
  })
})
