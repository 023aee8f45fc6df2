import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { lemonldapAvailability, startLemonldap, type RunningLemonldap } from "@oxd/lemonldap-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { SuiteResult } from "../src/index.js"
import { assertBuilt, killChildren, runCli, startServerProcess } from "./support/processes.js"

/**
 * The suite against an OP that is not oidc-provider: LemonLDAP::NG (Debian's package, Perl) started here on loopback
 * with its own config and CA, oxd-server and oxd-conformance from their built CLIs, the user signing in at
 * LemonLDAP::NG's real login page (--login form). Skipped without LemonLDAP::NG, a failure under CI=true.
 */
const availability = lemonldapAvailability()
if (!availability.available) console.warn(`skipping the LemonLDAP::NG conformance runs: ${availability.reason}`)

let llng: RunningLemonldap
let server: Awaited<ReturnType<typeof startServerProcess>>
let dir: string

beforeAll(async () => {
  if (!availability.available) return
  assertBuilt()
  dir = mkdtempSync(join(tmpdir(), "oxd-conformance-llng-"))
  llng = await startLemonldap()
  server = await startServerProcess([
    "--port",
    "0",
    "--rest-port",
    "0",
    "--ws-port",
    "0",
    "--database-url",
    `file:${join(dir, "oxd.db")}`,
    "--rest-tls-dir",
    join(dir, "rest-tls"),
    "--trusted-ca-file",
    llng.caFile,
    "--allowed-op-hosts",
    new URL(llng.issuer).origin,
  ])
  writeFileSync(join(dir, "ca.pem"), `${llng.caPem}\n${readFileSync(join(dir, "rest-tls", "cert.pem"), "utf8")}`)
}, 60_000)
afterAll(async () => {
  await server?.stop()
  killChildren()
  await llng?.stop()
})

/** What cannot be checked against LemonLDAP::NG, and why (every other scenario must pass). */
const EXPECTED_SKIPS: ReadonlyArray<[RegExp, RegExp]> = [
  [/^update-site(-registration)?$/, /no registration_client_uri \(RFC 7591 §3\.2\.1\)/],
  [/^uma-/, /publishes no UMA 2 configuration/],
  [/^id-token-/, /cannot be told to (issue faulty ID tokens|rotate its keys)/],
  [/^expired-state$/, /no server with a short state expiry/],
  [/^restart-survival$/, /cannot restart the target/],
  [/^protection-/, /does not require protection tokens/],
  // issue 26's receiver scenarios need logout tokens signed by the OP (the test OP's signJwt): LemonLDAP::NG has none
  [/^logout-backchannel/, /cannot sign logout tokens/],
]

describe.skipIf(!availability.available)(
  "oxd-conformance against LemonLDAP::NG (an OP that is not oidc-provider)",
  () => {
    const args = () => [
      "--transport",
      "tcp",
      "--transport",
      "https",
      "--transport",
      "ws",
      "--target",
      `tcp=${server.tcp}`,
      "--target",
      `https=${server.rest}`,
      "--target",
      `ws=${server.ws}`,
      "--op",
      llng.issuer,
      "--ca",
      join(dir, "ca.pem"),
      // LemonLDAP::NG's Demo user; its login form's field is "user", found by the form driver
      "--login",
      "form",
      "--username",
      "dwho",
      "--password",
      "dwho",
      // its client_secret_basic fails on most credentials (docs/providers.md)
      "--auth-method",
      "client_secret_post",
    ]

    for (const profile of ["reference", "strict"] as const) {
      it(`${profile} profile over tcp, https and ws: every OIDC scenario it can run passes; the rest skipped with the reason`, async () => {
        const json = join(dir, `${profile}.json`)
        const run = await runCli([
          ...args(),
          "--profile",
          profile,
          "--reporter",
          "table",
          "--reporter",
          "json",
          "--out",
          json,
        ])
        console.log(
          `LemonLDAP::NG ${profile}: ${run.stdout.trimEnd().split("\n").at(-1)} in ${(run.ms / 1000).toFixed(1)} s`,
        )
        expect(run.stdout, run.stdout + run.stderr).toContain(`OP ${llng.issuer}: control API absent`)
        expect(run.stdout).toContain("RFC 7592 client management not offered")
        expect(run.stdout + run.stderr, llng.log()).not.toMatch(/✗/)
        expect(run.code).toBe(0)
        const result = JSON.parse(readFileSync(json, "utf8")) as SuiteResult
        expect(result.transports.map((t) => t.transport)).toEqual(["tcp", "https", "ws"])
        for (const t of result.transports) {
          const passed = t.results.filter((r) => r.status === "passed").map((r) => r.id)
          // the flows LemonLDAP::NG serves: registration, login, tokens, userinfo, refresh, introspection, logout URL, states
          expect(passed).toEqual(
            expect.arrayContaining([
              "register-site",
              "setup-client",
              "code-flow",
              "remove-site",
              "unknown-params",
              "non-ascii-params",
              "wrong-state",
              "reused-state",
            ]),
          )
          if (profile === "strict") expect(passed).toContain("cross-site-state")
          for (const r of t.results.filter((x) => x.status === "skipped")) {
            const expected = EXPECTED_SKIPS.find(([id]) => id.test(r.id))
            expect(expected, `${t.transport} ${r.id} skipped: ${r.status === "skipped" ? r.reason : ""}`).toBeDefined()
            if (r.status === "skipped") expect(r.reason).toMatch(expected![1])
          }
          // protection scenarios run where the target requires tokens (REST, WebSocket): a get_client_token at LemonLDAP::NG
          if (t.transport !== "tcp")
            expect(passed).toEqual(expect.arrayContaining(["protection-blank-token", "protection-other-client"]))
        }
      }, 180_000)
    }
  },
)

/**
 * Issue 24 §3 against LemonLDAP::NG: an issuer with a path (https://host/api/oidc; nginx serves the portal under it),
 * and an OP whose registration answer holds no post_logout_redirect_uris at all (LemonLDAP::NG echoes none): the
 * whole code flow, and get_logout_uri still carries the site's post_logout_redirect_uri (code-flow checks it).
 */
describe.skipIf(!availability.available)("interop with LemonLDAP::NG: an issuer with a path", () => {
  it("registers, signs in, refreshes, introspects and builds the logout URL at https://127.0.0.1:<port>/api/oidc", async () => {
    const pathOp = await startLemonldap({ issuerPath: "/api/oidc" })
    const pathDir = mkdtempSync(join(tmpdir(), "oxd-conformance-llng-path-"))
    const pathServer = await startServerProcess([
      "--port",
      "0",
      "--rest-port",
      "0",
      "--ws-port",
      "0",
      "--database-url",
      `file:${join(pathDir, "oxd.db")}`,
      "--rest-tls-dir",
      join(pathDir, "rest-tls"),
      "--trusted-ca-file",
      pathOp.caFile,
      "--allowed-op-hosts",
      new URL(pathOp.issuer).origin,
    ])
    try {
      expect(new URL(pathOp.issuer).pathname).toBe("/api/oidc")
      const run = await runCli([
        "--transport",
        "tcp",
        "--target",
        `tcp=${pathServer.tcp}`,
        "--op",
        pathOp.issuer,
        "--ca",
        pathOp.caFile,
        "--login",
        "form",
        "--username",
        "rtyler",
        "--password",
        "rtyler",
        "--auth-method",
        "client_secret_post",
        "--profile",
        "strict",
        "--only",
        "register-site",
        "--only",
        "setup-client",
        "--only",
        "code-flow",
      ])
      expect(run.stdout + run.stderr, pathOp.log()).not.toMatch(/✗/)
      expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("3 passed, 0 failed, 0 skipped")
      expect(run.code).toBe(0)
    } finally {
      await pathServer.stop()
      await pathOp.stop()
    }
  }, 90_000)
})
