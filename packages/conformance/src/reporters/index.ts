import type { AssertionRecord } from "../scenario.js"
import { describeProfile, describeSource, type Profile, type Source } from "../source.js"
import type { ProgressEvent, ScenarioResult, SuiteResult } from "../suite.js"

export type ReporterName = "table" | "tap" | "junit" | "json"
export const REPORTERS: ReadonlyArray<ReporterName> = ["table", "tap", "junit", "json"]

const mark = { passed: "✓", failed: "✗", skipped: "−", "not-in-profile": "○", "left-out": "○" } as const

type Counts = {
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  readonly notInProfile?: number
  readonly profile?: Profile
}

/** The last line of a run: `N passed, M failed, K skipped` (`, P not in the reference profile` when there are). */
export const summaryLine = (r: Counts): string =>
  `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.notInProfile ? `, ${r.notInProfile} not in the ${r.profile ?? "reference"} profile` : ""}`

/** The hardening checks a passed scenario did not evaluate (reference profile). */
const leftOut = (r: ScenarioResult): AssertionRecord[] =>
  r.status === "passed" || r.status === "failed" ? r.assertions.filter((a) => a.status === "left-out") : []

/** One line per scenario as it finishes (✓/✗/−/○ transport id, ms or the reason), plus a header per transport. */
export const progressLine = (e: ProgressEvent): string | undefined => {
  switch (e.type) {
    case "transport":
      return `${e.transport} → ${e.target}`
    case "note":
      return `  note (${e.transport}): ${e.message}`
    case "scenario": {
      const r = e.result
      if (r.status === "passed") {
        const n = leftOut(r).length
        return `${mark.passed} ${r.transport} ${r.id} ${r.ms} ms${n ? ` (${n} hardening check${n > 1 ? "s" : ""} left out)` : ""}`
      }
      if (r.status === "failed")
        return `${mark.failed} ${r.transport} ${r.id} ${r.ms} ms — ${r.message}${r.failedSource ? ` [${describeSource(r.failedSource)}]` : ""}`
      if (r.status === "not-in-profile") return `${mark["not-in-profile"]} ${r.transport} ${r.id} ${r.reason}`
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
  notInProfile: results.filter((r) => r.status === "not-in-profile").length,
})

const cell = (r: ScenarioResult | undefined) =>
  r === undefined
    ? ""
    : r.status === "skipped"
      ? `${mark.skipped} skipped`
      : r.status === "not-in-profile"
        ? `${mark["not-in-profile"]} not in profile`
        : `${mark[r.status]} ${r.ms} ms`

/** The scenario's own assertions (not its helpers' set-up steps). */
const ownAssertions = (r: ScenarioResult): ReadonlyArray<AssertionRecord> =>
  r.status === "passed" || r.status === "failed" ? r.assertions.filter((a) => !a.helper) : []

/** reference, hardening, or reference+hardening when its assertions mix both. */
const sourceKinds = (results: ReadonlyArray<ScenarioResult>): string => {
  const kinds = new Set([
    results[0]!.source.kind,
    ...results.flatMap((r) => ownAssertions(r).map((a) => a.source.kind)),
  ])
  return kinds.size > 1 ? "reference+hardening" : [...kinds][0]!
}

/** Every hardening check met in the run (scenarios that are hardening as a whole, and single assertions), once each. */
const hardeningChecks = (suite: SuiteResult): string[] => {
  const lines = new Set<string>()
  for (const r of suite.transports.flatMap((t) => t.results)) {
    if (r.source.kind === "hardening") lines.add(`${r.id} (whole scenario): ${r.source.reason}`)
    else
      for (const a of ownAssertions(r))
        if (a.source.kind === "hardening") lines.add(`${r.id}: ${a.what} — ${a.source.reason}`)
  }
  return [...lines]
}

/**
 * The profile, a scenario × transport table with each scenario's source, then every failure (what it checks, its
 * source, what happened), each skip reason, and the hardening checks of the run (left out, or checked).
 */
export const tableReport = (suite: SuiteResult): string => {
  const transports = suite.transports.map((t) => t.transport)
  const ids = [...new Set(suite.transports.flatMap((t) => t.results.map((r) => r.id)))]
  const resultsOf = (id: string) => suite.transports.flatMap((t) => t.results.filter((r) => r.id === id))
  const rows = [
    ["scenario", "source", ...transports],
    ...ids.map((id) => [
      id,
      sourceKinds(resultsOf(id)),
      ...suite.transports.map((t) => cell(t.results.find((r) => r.id === id))),
    ]),
  ]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  const line = (row: string[]) =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd()
  const out = [
    describeProfile(suite.profile),
    "",
    line(rows[0]!),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
  ]

  const unreachable = new Set(suite.transports.filter((t) => t.unreachable).map((t) => t.transport))
  const failures = suite.transports.flatMap((t) => t.results).filter((r) => r.status === "failed")
  if (failures.length) {
    out.push("", "Failures:")
    for (const t of suite.transports) {
      const failed = t.results.filter((r) => r.status === "failed")
      if (unreachable.has(t.transport) && failed.length) {
        out.push(
          `${mark.failed} the ${t.transport} target ${t.target} does not answer: ${t.unreachable}`,
          `    every scenario: ${failed.map((r) => r.id).join(", ")}`,
        )
      }
    }
    for (const f of failures) {
      if (f.status !== "failed" || unreachable.has(f.transport)) continue
      out.push(`${mark.failed} ${f.transport} ${f.id}: ${f.title}`, `    checks: ${f.checks}`)
      if (f.failedSource) out.push(`    source: ${describeSource(f.failedSource)}`)
      out.push(`    ${f.message}`)
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
  const hardening = hardeningChecks(suite)
  if (hardening.length) {
    out.push(
      "",
      suite.profile === "reference"
        ? "Hardening checks left out (not oxd 3.1.4 behaviour; --profile strict checks them):"
        : "Hardening checks (oxd-ts's own, beyond oxd 3.1.4: a 3.1.4 server fails them):",
    )
    for (const h of hardening) out.push(`${suite.profile === "reference" ? mark["left-out"] : "+"} ${h}`)
  }
  out.push(
    "",
    `OP ${suite.op.issuer} (control API: ${suite.op.control ? "yes" : "no"}, UMA: ${suite.op.uma ? "yes" : "no"}); ${(suite.ms / 1000).toFixed(1)} s`,
  )
  return `${out.join("\n")}\n`
}

const yamlString = (s: string) => JSON.stringify(s)

/** `✓ what — <source>`; an assertion with its scenario's source says so instead of repeating it. */
const assertionLine = (a: AssertionRecord, scenarioSource: Source) =>
  `${mark[a.status]} ${a.what} — ${describeSource(a.source) === describeSource(scenarioSource) ? `${a.source.kind} (the scenario's)` : describeSource(a.source)}`

/**
 * TAP version 14: the profile as a comment, one test point per scenario and transport, YAML diagnostics with
 * checks, source, each of its own assertions with its source, and the failure; a scenario not in the profile is a SKIP.
 */
export const tapReport = (suite: SuiteResult): string => {
  const all = suite.transports.flatMap((t) => t.results)
  const out = ["TAP version 14", `1..${all.length}`, `# ${describeProfile(suite.profile)}`]
  all.forEach((r, i) => {
    const name = `${r.transport} ${r.id}`.replace(/#/g, "\\#")
    if (r.status === "skipped" || r.status === "not-in-profile") {
      out.push(`ok ${i + 1} - ${name} # SKIP ${r.reason.replace(/\n/g, " ")}`)
      return
    }
    out.push(
      `${r.status === "passed" ? "ok" : "not ok"} ${i + 1} - ${name}`,
      "  ---",
      `  checks: ${yamlString(r.checks)}`,
      `  source: ${yamlString(describeSource(r.source))}`,
      `  duration_ms: ${r.ms}`,
    )
    const own = ownAssertions(r)
    if (own.length) out.push("  assertions:", ...own.map((a) => `    - ${yamlString(assertionLine(a, r.source))}`))
    if (r.status === "failed") {
      out.push(`  message: ${yamlString(r.message)}`)
      if (r.failedSource) out.push(`  failed_source: ${yamlString(describeSource(r.failedSource))}`)
    }
    out.push("  ...")
  })
  out.push(`# ${summaryLine(suite)}`)
  return `${out.join("\n")}\n`
}

// eslint-disable-next-line no-control-regex -- characters XML 1.0 cannot carry at all
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
const xml = (s: string) =>
  s
    .replace(NOT_IN_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
const seconds = (ms: number) => (ms / 1000).toFixed(3)

/**
 * JUnit XML: a testsuite per transport (properties: target, OP, profile), a testcase per scenario (classname = the
 * transport; properties: checks, title, source, and each of its own assertions with its source); a scenario not in
 * the profile is skipped with the reason.
 */
export const junitReport = (suite: SuiteResult): string => {
  const skippedAll = suite.skipped + suite.notInProfile
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="oxd-conformance" tests="${suite.passed + suite.failed + skippedAll}" failures="${suite.failed}" errors="0" skipped="${skippedAll}" time="${seconds(suite.ms)}" timestamp="${suite.startedAt}">`,
  ]
  for (const t of suite.transports) {
    const c = count(t.results)
    out.push(
      `  <testsuite name="${xml(t.transport)}" tests="${t.results.length}" failures="${c.failed}" errors="0" skipped="${c.skipped + c.notInProfile}" time="${seconds(t.ms)}">`,
      `    <properties>`,
      `      <property name="target" value="${xml(t.target)}"/>`,
      `      <property name="op" value="${xml(suite.op.issuer)}"/>`,
      `      <property name="profile" value="${xml(suite.profile)}"/>`,
      ...(t.unreachable ? [`      <property name="unreachable" value="${xml(t.unreachable)}"/>`] : []),
      `    </properties>`,
    )
    for (const r of t.results) {
      const ran = r.status === "passed" || r.status === "failed"
      out.push(`    <testcase name="${xml(r.id)}" classname="${xml(t.transport)}" time="${seconds(ran ? r.ms : 0)}">`)
      const props = [
        `<property name="checks" value="${xml(r.checks)}"/>`,
        `<property name="title" value="${xml(r.title)}"/>`,
        `<property name="source" value="${xml(describeSource(r.source))}"/>`,
        ...ownAssertions(r).map((a) => `<property name="assertion" value="${xml(assertionLine(a, r.source))}"/>`),
      ]
      out.push(`      <properties>${props.join("")}</properties>`)
      if (r.status === "failed") {
        const source = r.failedSource ? `\nsource: ${describeSource(r.failedSource)}` : ""
        out.push(
          `      <failure message="${xml(r.message)}" type="ScenarioFailure">${xml(`${r.message}\nchecks: ${r.checks}${source}`)}</failure>`,
        )
      }
      if (r.status === "skipped" || r.status === "not-in-profile")
        out.push(`      <skipped message="${xml(r.reason)}"/>`)
      out.push(`    </testcase>`)
    }
    out.push(`  </testsuite>`)
  }
  out.push(`</testsuites>`)
  return `${out.join("\n")}\n`
}

/** The whole result as JSON (summary, profile, OP, per transport: target, probe findings, every scenario with its checks, source and assertions). */
export const jsonReport = (suite: SuiteResult): string =>
  `${JSON.stringify({ tool: "oxd-conformance", summary: { passed: suite.passed, failed: suite.failed, skipped: suite.skipped, notInProfile: suite.notInProfile }, ...suite }, null, 2)}\n`

export const report = (name: ReporterName, suite: SuiteResult): string =>
  name === "table"
    ? tableReport(suite)
    : name === "tap"
      ? tapReport(suite)
      : name === "junit"
        ? junitReport(suite)
        : jsonReport(suite)
