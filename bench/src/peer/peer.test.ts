import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { apacheAvailable } from "./apache.js"

// CI smoke of the peer rows: Apache + mod_auth_openidc start, protect, log a user in. No assertion on time or speed.
const main = fileURLToPath(new URL("../../dist/main.js", import.meta.url))
const out = mkdtempSync(join(tmpdir(), "oxd-bench-peer-"))
afterAll(() => rmSync(out, { recursive: true, force: true }))

interface Results {
  readonly measurements: ReadonlyArray<{ section: string; scenario: string; requests: number; errors: number }>
  readonly logins: ReadonlyArray<{ who: string; logins: number; rpUsPerLogin: number; opUsPerLogin: number }>
}

// under CI=true the packages are installed by .ci/run, and the bench itself fails without them
describe.skipIf(!apacheAvailable() && process.env["CI"] !== "true")("pnpm bench --only peer", () => {
  it("serves the static response through Apache with and without mod_auth_openidc, and logs in through both sides", () => {
    const run = spawnSync(process.execPath, [main, "--quick", "--only", "peer", "--out", out], {
      encoding: "utf8",
      timeout: 170_000,
    })
    expect(run.status, `bench exited ${run.status}\n${run.stderr}\n${run.stdout}`).toBe(0)
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as Results
    const rows = results.measurements.filter(
      (m) => m.scenario.startsWith("Apache") || m.scenario.startsWith("mod_auth_openidc"),
    )
    expect(rows.map((m) => m.section)).toEqual(["ceiling", "peer"])
    for (const m of rows) {
      expect(m.requests, m.scenario).toBeGreaterThan(0)
      // a 401 from mod_auth_openidc would count as an error: the token must really pass its introspection
      expect(m.errors, m.scenario).toBe(0)
    }
    expect(results.logins.map((l) => l.who.split(" ")[0])).toEqual(["oxd-ts", "mod_auth_openidc"])
    for (const l of results.logins) {
      expect(l.logins).toBeGreaterThan(0)
      expect(l.rpUsPerLogin, l.who).toBeGreaterThan(0)
    }
  })
})
