#!/usr/bin/env node
// The whole test suite: build, typecheck every package (tests included), run every package's tests, then
// print the one line CI reads. A failed format check, build or typecheck counts as a failure even if no test failed.
import { spawnSync } from "node:child_process"

const run = (cmd, args) =>
  spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } }).status ?? 1
const summary = (args = []) => run(process.execPath, ["scripts/test-summary.mjs", ...args])

summary(["--clean"])
const started = Date.now()
console.log(`oxd-ts tests on Node ${process.version}: format, build, typecheck, lint, test`)
// one code style for the repository (.prettierrc.json; `pnpm format` applies it): a file off it fails the run
const format = run("pnpm", ["exec", "prettier", "--check", "--log-level", "warn", "."])
const turbo = run("pnpm", [
  "exec",
  "turbo",
  "run",
  "typecheck",
  "lint",
  "test",
  "--continue",
  "--concurrency=2",
  "--output-logs=new-only",
])
const counted = summary([
  "--out",
  ".test-summary.json",
  ...(format !== 0
    ? ["--extra-failure", "formatting: the files listed above are off the code style (pnpm format)"]
    : []),
  ...(turbo !== 0 ? ["--extra-failure", "build or typecheck failed (see the log above)"] : []),
])
console.log(`(${Math.round((Date.now() - started) / 1000)} s)`)
process.exit(format !== 0 || turbo !== 0 || counted !== 0 ? 1 : 0)
