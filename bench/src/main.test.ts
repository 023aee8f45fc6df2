import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"

// CI smoke: the harness runs (built CLI, built server, test OP) and produces results. No assertion on time.
const main = fileURLToPath(new URL("../dist/main.js", import.meta.url))
const out = mkdtempSync(join(tmpdir(), "oxd-bench-smoke-"))
afterAll(() => rmSync(out, { recursive: true, force: true }))

interface Results {
  readonly measurements: ReadonlyArray<{
    section: string
    scenario: string
    transport: string
    requests: number
    throughput: number
    errors: number
  }>
}

describe("pnpm bench --quick", () => {
  it("measures check_access over tcp, https and ws and writes results.json, table.txt and chart.svg", () => {
    const run = spawnSync(process.execPath, [main, "--quick", "--out", out], { encoding: "utf8", timeout: 170_000 })
    expect(run.status, `bench exited ${run.status}\n${run.stderr}\n${run.stdout}`).toBe(0)
    expect(run.stdout).toContain("check_access granted (cached RPT)")
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as Results
    const checks = results.measurements.filter(
      (m) => m.section === "oxd" && m.scenario.startsWith("check_access granted"),
    )
    expect(checks.map((m) => m.transport).sort()).toEqual(["https", "tcp", "ws"])
    for (const m of checks) {
      expect(m.requests, m.transport).toBeGreaterThan(0)
      expect(m.throughput, m.transport).toBeGreaterThan(0)
      expect(m.errors, m.transport).toBe(0)
    }
    expect(existsSync(join(out, "chart.svg"))).toBe(true)
    expect(readFileSync(join(out, "chart.svg"), "utf8")).toMatch(/^<svg /)
    expect(existsSync(join(out, "table.txt"))).toBe(true)
  })
})

describe("pnpm bench --quick --only middleware", () => {
  it("measures a protected GET through @oxd/middleware over tcp, https, ws and in process, and the unprotected ceiling", () => {
    const dir = join(out, "middleware")
    const run = spawnSync(process.execPath, [main, "--quick", "--only", "middleware", "--out", dir], {
      encoding: "utf8",
      timeout: 170_000,
    })
    expect(run.status, `bench exited ${run.status}\n${run.stderr}\n${run.stdout}`).toBe(0)
    const results = JSON.parse(readFileSync(join(dir, "results.json"), "utf8")) as Results
    const rows = results.measurements.filter((m) => m.transport === "http")
    expect(rows.map((m) => [m.section, m.scenario])).toEqual([
      ["ceiling", "unprotected GET (no middleware)"],
      ["middleware", "protected GET via middleware, oxd tcp"],
      ["middleware", "protected GET via middleware, oxd https"],
      ["middleware", "protected GET via middleware, oxd ws"],
      ["middleware", "protected GET via middleware, oxd in-process"],
    ])
    // an answer other than 200 granted (a 401, a 503) counts as an error
    for (const m of rows) {
      expect(m.requests, m.scenario).toBeGreaterThan(0)
      expect(m.errors, m.scenario).toBe(0)
    }
  })
})
