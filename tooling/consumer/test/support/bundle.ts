import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { build } from "esbuild"

export interface BundleSize {
  readonly entry: string
  readonly minified: number
  readonly gzip: number
  /** Node built-ins the bundle would need (none may reach a browser bundle). */
  readonly nodeBuiltins: string[]
}

/**
 * A browser bundle of `import * as m from "<specifier>"` (everything the entry exports, so the size is the entry's
 * whole cost), resolved from the project's node_modules as an app's bundler would.
 */
export const bundleSize = async (projectDir: string, specifier: string): Promise<BundleSize> => {
  const entry = join(projectDir, `bundle-${specifier.replace(/[^a-z0-9]+/gi, "_")}.js`)
  writeFileSync(entry, `export * from ${JSON.stringify(specifier)}\n`)
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: projectDir,
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    target: "es2022",
  })
  const code = result.outputFiles[0]!.contents
  const nodeBuiltins = Object.values(result.metafile.inputs).flatMap((i) =>
    i.imports.filter((imp) => imp.path.startsWith("node:") || imp.external).map((imp) => imp.path),
  )
  return {
    entry: specifier,
    minified: code.byteLength,
    gzip: gzipSync(code).byteLength,
    nodeBuiltins: [...new Set(nodeBuiltins)],
  }
}
