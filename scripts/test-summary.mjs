#!/usr/bin/env node
// Sums every package's vitest JSON report into the one line CI reads: "N passed, M failed".
// --clean removes old reports first, so a package that did not run cannot count stale results.
// --out FILE also writes the totals as JSON (.ci/run adds the runs of several Node versions).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const root = new URL("..", import.meta.url).pathname
// every workspace package (pnpm-workspace.yaml's globs: "dir/*" or a single "dir"), so none runs uncounted
const workspaceGlobs = () => {
  const text = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")
  const section = text.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? ""
  return [...section.matchAll(/^\s*-\s*["']?([^"'\s]+)["']?\s*$/gm)].map((m) => m[1])
}
const reports = workspaceGlobs().flatMap((glob) => {
  if (!glob.endsWith("/*"))
    return existsSync(join(root, glob)) ? [{ name: glob, file: join(root, glob, "test-results.json") }] : []
  const g = glob.slice(0, -2)
  return existsSync(join(root, g))
    ? readdirSync(join(root, g), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => ({ name: `${g}/${d.name}`, file: join(root, g, d.name, "test-results.json") }))
    : []
})

if (process.argv.includes("--clean")) {
  for (const r of reports) rmSync(r.file, { force: true })
  process.exit(0)
}

let passed = 0
let failed = 0
let skipped = 0
let files = 0
for (const r of reports) {
  if (!existsSync(r.file)) continue
  files++
  const json = JSON.parse(readFileSync(r.file, "utf8"))
  // a suite that failed to load counts as a failure even though none of its tests ran
  const suiteErrors = (json.testResults ?? []).filter(
    (t) => t.status === "failed" && (t.assertionResults ?? []).length === 0,
  ).length
  passed += json.numPassedTests ?? 0
  failed += (json.numFailedTests ?? 0) + suiteErrors
  skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0)
  console.log(
    `  ${r.name}: ${json.numPassedTests ?? 0} passed, ${(json.numFailedTests ?? 0) + suiteErrors} failed, ${json.numPendingTests ?? 0} skipped`,
  )
}
// a check outside the test reports (format, build, typecheck) that failed counts as one failure each: never green
process.argv.forEach((arg, i) => {
  if (arg !== "--extra-failure") return
  failed += 1
  console.log(`  ${process.argv[i + 1]}`)
})
const outAt = process.argv.indexOf("--out")
if (outAt > 0) writeFileSync(process.argv[outAt + 1], JSON.stringify({ passed, failed, skipped, files }))
if (files === 0) {
  console.log("no test reports were written: the test run did not start (see the errors above)")
  failed = Math.max(failed, 1)
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
