import { execFileSync } from "node:child_process"
import { createRequire } from "node:module"
import { beforeAll, describe, expect, it } from "vitest"

const pkg = new URL("..", import.meta.url).pathname
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
const run = (...args: string[]) =>
  execFileSync(process.execPath, [tsc, ...args], { cwd: pkg, encoding: "utf8", stdio: "pipe" })

/** tsc's output, empty when clean (it exits non-zero on errors). */
const check = (project: string): string => {
  try {
    return run("-p", project)
  } catch (e) {
    return (e as { stdout?: string }).stdout ?? String(e)
  }
}

describe("a stranger's app type-checks against the built declarations (strict, skipLibCheck: false)", () => {
  // the declarations the package ships, built now (incremental: quick when they are current)
  beforeAll(() => {
    run("-b")
  })

  it.each(["browser", "node"])("test/consumer/%s is clean", (app) => {
    expect(check(`test/consumer/${app}/tsconfig.json`)).toBe("")
  })
})
