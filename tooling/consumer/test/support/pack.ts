import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { run, explain } from "./run.js"

export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url))

export interface Publishable {
  readonly name: string
  readonly dir: string
  readonly manifest: Record<string, unknown>
}

/** Every workspace package that is not private: what `pnpm -r publish` publishes. */
export const publishable = (): Publishable[] =>
  ["packages", "apps", "tooling", "examples"]
    .flatMap((group) =>
      existsSync(join(ROOT, group))
        ? readdirSync(join(ROOT, group), { withFileTypes: true })
            .filter((d) => d.isDirectory() && existsSync(join(ROOT, group, d.name, "package.json")))
            .map((d) => join(ROOT, group, d.name))
        : [],
    )
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>,
    }))
    .filter((p) => p.manifest["private"] !== true)
    .map((p) => ({ ...p, name: String(p.manifest["name"]) }))
    .sort((a, b) => a.name.localeCompare(b.name))

/**
 * `pnpm pack` as a publish packs: its prepack builds the package (turbo, cached), workspace:* becomes the version,
 * publishConfig applies. One at a time: concurrent turbo runs in one repository would race on its cache.
 */
export const packAll = async (
  pkgs: ReadonlyArray<Publishable>,
  dest: string,
  onPacked: (name: string, ms: number) => void,
): Promise<Map<string, string>> => {
  const tarballs = new Map<string, string>()
  for (const p of pkgs) {
    const r = await run("pnpm", ["pack", "--pack-destination", dest, "--json"], { cwd: p.dir })
    if (r.code !== 0) throw new Error(explain(`pnpm pack (${p.name})`, r))
    const json = JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as { filename: string }
    tarballs.set(p.name, json.filename.startsWith("/") ? json.filename : join(dest, json.filename))
    onPacked(p.name, r.ms)
  }
  return tarballs
}
