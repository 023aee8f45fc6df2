import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { explain, run, strangerEnv } from "./run.js"

/**
 * A new npm project in `dir` depending on `deps`: our packages as `file:` tarballs (overrides too, so a dependency
 * of one of them on another never reaches the registry, even if someone owns that name there), third-party packages
 * by version from the registry. npm's cache is kept between runs, so a second run installs from it.
 */
export const npmInstall = async (
  dir: string,
  tarballs: ReadonlyMap<string, string>,
  registryDeps: Record<string, string>,
) => {
  const ours = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]))
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify(
      {
        name: "oxd-consumer-app",
        version: "1.0.0",
        private: true,
        type: "module",
        dependencies: { ...ours, ...registryDeps },
        overrides: ours,
      },
      null,
      2,
    )}\n`,
  )
  const r = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd: dir,
    env: strangerEnv(),
  })
  if (r.code !== 0) throw new Error(explain("npm install", r))
  return r
}

/** Where npm took each installed @oxd package from (package-lock.json's `resolved`). */
export const oxdResolved = (dir: string): Record<string, string> => {
  const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8")) as {
    packages: Record<string, { resolved?: string; link?: boolean }>
  }
  return Object.fromEntries(
    Object.entries(lock.packages)
      .filter(([path]) => /(^|\/)node_modules\/@oxd\//.test(path))
      .map(([path, p]) => [path, p.resolved ?? (p.link ? "link" : "?")]),
  )
}

/** How many packages node_modules holds, and their size on disk. */
export const installedSize = (dir: string): { packages: number; bytes: number } => {
  const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> }
  const du = (p: string): number =>
    readdirSync(p, { withFileTypes: true }).reduce((n, e) => {
      const f = join(p, e.name)
      return n + (e.isDirectory() ? du(f) : e.isFile() ? statSync(f).size : 0)
    }, 0)
  return { packages: Object.keys(lock.packages).filter((k) => k !== "").length, bytes: du(join(dir, "node_modules")) }
}
