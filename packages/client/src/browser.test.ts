import { gzipSync } from "node:zlib"
import { build } from "esbuild"
import { describe, expect, it } from "vitest"

const entry = (file: string) => new URL(file, import.meta.url).pathname

/** An entry bundled for the browser, minified, as an app would: the modules in it and its size. */
const bundle = async (file: string) => {
  const result = await build({
    entryPoints: [entry(file)],
    bundle: true,
    write: false,
    minify: true,
    platform: "browser",
    format: "esm",
    conditions: ["source"],
    metafile: true,
    logLevel: "silent",
  })
  expect(result.errors).toEqual([])
  const code = result.outputFiles[0]!.text
  return {
    inputs: Object.keys(result.metafile.inputs),
    code,
    bytes: Buffer.byteLength(code),
    gzip: gzipSync(code).length,
  }
}

/**
 * Budgets well above today's sizes (minified; gzip about a third): they catch a dependency or a server module pulled
 * into the bundle, not a few lines more. Today: https ~11 KB, ws ~35 KB, both ~44 KB.
 */
const BUDGET = { "./httpsClient.ts": 16_000, "./wsClient.ts": 45_000, "./index.ts": 55_000 } as const

describe("the browser entry points", () => {
  it.each(Object.entries(BUDGET))(
    "%s bundles for the browser with no Node module, no ws package and none of the server",
    async (file, budget) => {
      const { inputs, code, bytes, gzip } = await bundle(file)
      expect(inputs.filter((i) => i.startsWith("node:") || /node_modules\/(\.pnpm\/)?ws[@/]/.test(i))).toEqual([])
      expect(
        inputs.filter((i) => i.includes("packages/core/") || i.includes("apps/") || /effect|undici/.test(i)),
      ).toEqual([])
      expect(code).not.toMatch(/from\s*["']node:|require\(["']node:/)
      expect(bytes, `${file}: ${bytes} B minified, ${gzip} B gzip`).toBeLessThan(budget)
      console.log(`${file}: ${bytes} B minified, ${gzip} B gzip`)
    },
  )

  it("https carries no tRPC, ws no openapi-fetch; the main entry both", async () => {
    const has = (inputs: string[], pkg: string) => inputs.some((i) => i.includes(pkg))
    const [https, ws, both] = await Promise.all(["./httpsClient.ts", "./wsClient.ts", "./index.ts"].map(bundle))
    expect([has(https!.inputs, "@trpc"), has(https!.inputs, "openapi-fetch")]).toEqual([false, true])
    expect([has(ws!.inputs, "@trpc/client"), has(ws!.inputs, "openapi-fetch")]).toEqual([true, false])
    expect([has(both!.inputs, "@trpc/client"), has(both!.inputs, "openapi-fetch")]).toEqual([true, true])
  })

  it.each(["./node.ts", "./tcp.ts"])("refuses to bundle the Node entry point %s for the browser", async (file) => {
    await expect(
      build({
        entryPoints: [entry(file)],
        bundle: true,
        write: false,
        platform: "browser",
        format: "esm",
        conditions: ["source"],
        logLevel: "silent",
      }),
      // a Node built-in it (or undici, its https dependency) imports cannot be resolved for the browser
    ).rejects.toThrow(/Could not resolve "node:[a-z_/]+"/)
  })
})
