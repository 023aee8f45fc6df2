import { build } from "esbuild"
import { describe, expect, it } from "vitest"

const entry = (file: string) => new URL(file, import.meta.url).pathname

describe("the browser entry point", () => {
  it("bundles for the browser with no Node module, no ws and none of core's runtime", async () => {
    const result = await build({
      entryPoints: [entry("./index.ts")],
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      conditions: ["source"],
      metafile: true,
      logLevel: "silent",
    })
    expect(result.errors).toEqual([])
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.filter((i) => i.startsWith("node:") || /node_modules\/(\.pnpm\/)?ws[@/]/.test(i))).toEqual([])
    expect(inputs.filter((i) => i.includes("packages/core/") || i.includes("apps/"))).toEqual([])
    expect(inputs.some((i) => i.includes("@trpc/client"))).toBe(true)
    expect(inputs.some((i) => i.includes("openapi-fetch"))).toBe(true)
    const code = result.outputFiles[0]!.text
    expect(code).not.toMatch(/from\s*["']node:|require\(["']node:/)
  })

  it("refuses to bundle the Node entry point for the browser (it needs node:net)", async () => {
    await expect(build({ entryPoints: [entry("./tcp.ts")], bundle: true, write: false, platform: "browser", format: "esm", conditions: ["source"], logLevel: "silent" }))
      .rejects.toThrow(/node:net/)
  })
})
