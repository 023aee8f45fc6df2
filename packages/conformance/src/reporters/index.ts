import type { ProgressEvent, ScenarioResult, SuiteResult } from "../suite.js"

export type ReporterName = "table" | "tap" | "junit" | "json"
export const REPORTERS: ReadonlyArray<ReporterName> = ["table", "tap", "junit", "json"]

const mark = { passed: "✓", failed: "✗", skipped: "−" } as const

/** The last line of a run: `N passed, M failed, K skipped`. */
export const summaryLine = (r: Pick<SuiteResult, "passed" | "failed" | "skipped">): string =>
  `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`

/** One line per scenario as it finishes (✓/✗/− transport id, ms or skip reason), plus a header per transport. */
export const progressLine = (e: ProgressEvent): string | undefined => {
  switch (e.type) {
    case "transport":
      return `${e.transport} → ${e.target}`
    case "note":
      return `  note (${e.transport}): ${e.message}`
    case "scenario": {
      const r = e.result
      if (r.status === "passed") return `${mark.passed} ${r.transport} ${r.id} ${r.ms} ms`
      if (r.status === "failed") return `${mark.failed} ${r.transport} ${r.id} ${r.ms} ms — ${r.message}`
      return `${mark.skipped} ${r.transport} ${r.id} skipped: ${r.reason}`
    }
    case "transport-done": {
      const c = count(e.result.results)
      return `  ${e.result.transport}: ${summaryLine(c)} (${(e.result.ms / 1000).toFixed(1)} s)`
    }
  }
}

const count = (results: ReadonlyArray<ScenarioResult>) => ({
  passed: results.filter((r) => r.status === "passed").length,
  failed: results.filter((r) => r.status === "failed").length,
  skipped: results.filter((r) => r.status === "skipped").length,
})

const cell = (r: ScenarioResult | undefined) =>
  r === undefined ? "" : r.status === "skipped" ? `${mark.skipped} skipped` : `${mark[r.status]} ${r.ms} ms`

/** A scenario × transport table, then every failure (what it checks, what happened) and every skip reason. */
export const tableReport = (suite: SuiteResult): string => {
  const transports = suite.transports.map((t) => t.transport)
  const ids = [...new Set(suite.transports.flatMap((t) => t.results.map((r) => r.id)))]
  const rows = [["scenario", ...transports], ...ids.map((id) => [id, ...suite.transports.map((t) => cell(t.results.find((r) => r.id === id)))])]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()
  const out = [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)]

  const failures = suite.transports.flatMap((t) => t.results).filter((r) => r.status === "failed")
  if (failures.length) {
    out.push("", "Failures:")
    for (const f of failures) {
      if (f.status !== "failed") continue
      out.push(`${mark.failed} ${f.transport} ${f.id}: ${f.title}`, `    checks: ${f.checks}`, `    ${f.message}`)
    }
  }
  const reasons = new Map<string, string[]>()
  for (const r of suite.transports.flatMap((t) => t.results)) {
    if (r.status === "skipped") reasons.set(r.reason, [...(reasons.get(r.reason) ?? []), `${r.transport} ${r.id}`])
  }
  if (reasons.size) {
    out.push("", "Skipped:")
    for (const [reason, which] of reasons) out.push(`${mark.skipped} ${reason}`, `    ${which.join(", ")}`)
  }
  out.push("", `OP ${suite.op.issuer} (control API: ${suite.op.control ? "yes" : "no"}, UMA: ${suite.op.uma ? "yes" : "no"}); ${(suite.ms / 1000).toFixed(1)} s`)
  return `${out.join("\n")}\n`
}

const yamlString = (s: string) => JSON.stringify(s)

/** TAP version 14: one test point per scenario and transport, YAML diagnostics with checks and the failure. */
export const tapReport = (suite: SuiteResult): string => {
  const all = suite.transports.flatMap((t) => t.results)
  const out = ["TAP version 14", `1..${all.length}`]
  all.forEach((r, i) => {
    const name = `${r.transport} ${r.id}`.replace(/#/g, "\\#")
    if (r.status === "skipped") {
      out.push(`ok ${i + 1} - ${name} # SKIP ${r.reason.replace(/\n/g, " ")}`)
      return
    }
    out.push(`${r.status === "passed" ? "ok" : "not ok"} ${i + 1} - ${name}`, "  ---", `  checks: ${yamlString(r.checks)}`, `  duration_ms: ${r.ms}`)
    if (r.status === "failed") out.push(`  message: ${yamlString(r.message)}`)
    out.push("  ...")
  })
  out.push(`# ${summaryLine(suite)}`)
  return `${out.join("\n")}\n`
}

const xml = (s: string) =>
  // eslint-disable-next-line no-control-regex -- characters XML 1.0 cannot carry at all
  s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
const seconds = (ms: number) => (ms / 1000).toFixed(3)

/** JUnit XML: a testsuite per transport, a testcase per scenario (classname = transport), checks as a property. */
export const junitReport = (suite: SuiteResult): string => {
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="oxd-conformance" tests="${suite.passed + suite.failed + suite.skipped}" failures="${suite.failed}" errors="0" skipped="${suite.skipped}" time="${seconds(suite.ms)}" timestamp="${suite.startedAt}">`,
  ]
  for (const t of suite.transports) {
    const c = count(t.results)
    out.push(
      `  <testsuite name="${xml(t.transport)}" tests="${t.results.length}" failures="${c.failed}" errors="0" skipped="${c.skipped}" time="${seconds(t.ms)}">`,
      `    <properties>`,
      `      <property name="target" value="${xml(t.target)}"/>`,
      `      <property name="op" value="${xml(suite.op.issuer)}"/>`,
      ...(t.unreachable ? [`      <property name="unreachable" value="${xml(t.unreachable)}"/>`] : []),
      `    </properties>`,
    )
    for (const r of t.results) {
      out.push(`    <testcase name="${xml(r.id)}" classname="${xml(t.transport)}" time="${seconds(r.status === "skipped" ? 0 : r.ms)}">`)
      out.push(`      <properties><property name="checks" value="${xml(r.checks)}"/><property name="title" value="${xml(r.title)}"/></properties>`)
      if (r.status === "failed") out.push(`      <failure message="${xml(r.message)}" type="ScenarioFailure">${xml(`${r.message}\nchecks: ${r.checks}`)}</failure>`)
      if (r.status === "skipped") out.push(`      <skipped message="${xml(r.reason)}"/>`)
      out.push(`    </testcase>`)
    }
    out.push(`  </testsuite>`)
  }
  out.push(`</testsuites>`)
  return `${out.join("\n")}\n`
}

/** The whole result as JSON (summary, OP, per transport: target, probe findings, every scenario with its checks). */
export const jsonReport = (suite: SuiteResult): string =>
  `${JSON.stringify({ tool: "oxd-conformance", summary: { passed: suite.passed, failed: suite.failed, skipped: suite.skipped }, ...suite }, null, 2)}\n`

export const report = (name: ReporterName, suite: SuiteResult): string =>
  name === "table" ? tableReport(suite) : name === "tap" ? tapReport(suite) : name === "junit" ? junitReport(suite) : jsonReport(suite)
