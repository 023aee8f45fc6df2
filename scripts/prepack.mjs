#!/usr/bin/env node
// `prepack` of every published package (run by pnpm pack / pnpm publish in the package's folder): build it and what
// it depends on with turbo (cached: a no-op when up to date), then copy the project's one LICENSE beside its
// package.json, since npm ships the LICENSE of the package folder only. The copies are git-ignored.
import { spawnSync } from "node:child_process"
import { copyFileSync, readFileSync } from "node:fs"
import { join } from "node:path"

const root = new URL("..", import.meta.url).pathname
const manifest = JSON.parse(readFileSync("package.json", "utf8"))
const { name } = manifest
// pnpm publishes publishConfig.exports: it must be `exports` without the `source` condition (no src/ in the tarball)
const withoutSource = (e) =>
  e && typeof e === "object"
    ? Object.fromEntries(
        Object.entries(e)
          .filter(([k]) => k !== "source")
          .map(([k, v]) => [k, withoutSource(v)]),
      )
    : e
if (
  manifest.exports &&
  JSON.stringify(manifest.publishConfig?.exports) !== JSON.stringify(withoutSource(manifest.exports))
) {
  console.error(
    `prepack ${name}: publishConfig.exports must be exports without "source" (an entry point added to one only?)`,
  )
  process.exit(1)
}
const turbo = spawnSync("pnpm", ["exec", "turbo", "run", "build", `--filter=${name}...`, "--output-logs=errors-only"], {
  cwd: root,
  stdio: ["ignore", 2, 2], // stdout stays the pack command's own (pnpm pack --json),
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
})
if (turbo.status !== 0) {
  console.error(`prepack ${name}: the build failed (exit ${turbo.status ?? turbo.signal})`)
  process.exit(1)
}
copyFileSync(join(root, "LICENSE"), "LICENSE")
