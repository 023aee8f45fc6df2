import { chmodSync, mkdtempSync, writeFileSync } from "node:fs"
import { createServer, type Server } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { loadConfig, makeOxd } from "@oxd/core"
import { runDoctorCli, type CheckResult } from "@oxd/node"
import type { TestOp } from "@oxd/test-op"
import { freePort, opOrigin, spawnNode, startOp } from "@oxd/testkit"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"

const main = new URL("./main.ts", import.meta.url).pathname
const root = new URL("../../../", import.meta.url).pathname

let op: TestOp
let dir: string
let base: Record<string, unknown>

/** The doctor in this process, as `oxd-server doctor --json` with this configuration: its exit code and checks. */
const doctor = async (over: Record<string, unknown> = {}, args: string[] = ["--json"]) => {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(file, JSON.stringify({ ...base, ...over }))
  let text = ""
  const code = await runDoctorCli("oxd-server", [...args, "--config", file], {}, { write: (t: string) => (text += t) })
  const checks = args.includes("--json") ? (JSON.parse(text) as { ok: boolean; checks: CheckResult[] }).checks : []
  const find = (id: string) => checks.find((c) => c.id === id)
  return { code, text, checks, find, failed: checks.filter((c) => c.status === "fail").map((c) => c.id) }
}

beforeAll(async () => {
  op = await startOp()
  dir = mkdtempSync(join(tmpdir(), "oxd-doctor-"))
  base = {
    database_url: `file:${join(dir, "db", "oxd.db")}`,
    default_op_host: op.issuer,
    trusted_ca_file: op.caFile,
    allowed_op_hosts: [opOrigin(op)],
    port: await freePort(),
    rest_port: await freePort(),
    ws_port: await freePort(),
    rest_tls_dir: join(dir, "rest-tls"),
    secrets_encryption_key: "doctor-test-passphrase-0123",
    log_level: "error",
  }
  // a setup client in the store, as after a first setup_client: the protection check uses it
  const oxd = makeOxd(loadConfig({ overrides: base as never }))
  const reply = await oxd.dispatch(
    "setup_client",
    { op_host: op.issuer, authorization_redirect_uri: "https://rp.example.org/cb" },
    { transport: "internal" },
  )
  await oxd.dispose()
  expect(reply.envelope.status).toBe("ok")
})
afterAll(() => op?.close())
afterEach(() => op.reset())

describe("oxd-server doctor", () => {
  it("healthy: every check passes (exit 0), the setup client gets a protection token", async () => {
    const r = await doctor()
    expect(r.failed).toEqual([])
    expect(r.code).toBe(0)
    expect(r.checks.filter((c) => c.status === "warn")).toEqual([])
    for (const id of [
      "store.open",
      "store.migrations",
      "store.permissions",
      "op.allowed",
      "op.tls",
      "op.discovery",
      "op.clock",
      "op.registration",
      "op.grants",
      "op.scopes",
      "op.uma",
      "op.protection",
      "port.tcp",
      "port.rest",
    ])
      expect(r.find(id), id).toMatchObject({ status: "ok" })
    expect(r.find("op.protection")?.message).toMatch(/got a token with scope (oxd|uma_protection)/)
    expect(r.find("op.discovery")).toMatchObject({ target: op.issuer })
  })

  it("OP down: unreachable, with what to check; the later OP checks say why they did not run (exit 1)", async () => {
    op.fault({ mode: "down" })
    const r = await doctor()
    expect(r.code).toBe(1)
    expect(r.failed).toEqual(["op.reachable"])
    expect(r.find("op.reachable")).toMatchObject({
      message: expect.stringMatching(/ECONNRESET|socket hang up/),
      fix: expect.stringMatching(/op_host/),
    })
    expect(r.find("op.protection")).toMatchObject({ status: "skip" })
  })

  it("untrusted CA: without trusted_ca_file the OP's certificate is refused, and the fix names the key", async () => {
    const r = await doctor({ trusted_ca_file: undefined })
    expect(r.code).toBe(1)
    expect(r.find("op.tls")).toMatchObject({
      status: "fail",
      message: expect.stringMatching(
        /not trusted \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/,
      ),
      fix: expect.stringContaining("trusted_ca_file"),
    })
  })

  it("untrusted CA: trusted_ca_file of another CA (a second test OP's) names the file in the fix", async () => {
    const other = await startOp({ stateDir: join(dir, "other-op") })
    try {
      expect(other.caPem).not.toBe(op.caPem)
      const r = await doctor({ trusted_ca_file: other.caFile })
      expect(r.failed).toEqual(["op.tls"])
      expect(r.find("op.tls")?.fix).toContain(`trusted_ca_file (${other.caFile}) is not the CA that signed it`)
      expect(r.find("op.discovery")).toMatchObject({
        status: "skip",
        message: "skipped: no trusted connection to the OP",
      })
    } finally {
      await other.close()
    }
  })

  it("allowed_op_hosts: a loopback OP not listed is refused as the server refuses it, with the origin to add", async () => {
    const r = await doctor({ allowed_op_hosts: [] })
    expect(r.failed).toEqual(["op.allowed"])
    expect(r.find("op.allowed")).toMatchObject({
      message: expect.stringContaining("is a loopback address"),
      fix: `add the origin ${opOrigin(op)} to allowed_op_hosts (--allowed-op-hosts, OXD_ALLOWED_OP_HOSTS) if this server should use that OP`,
    })
    expect(r.find("op.tls")).toMatchObject({ status: "skip" })
  })

  it("registration closed: the OP refuses registration (403), or advertises no registration_endpoint", async () => {
    op.fault({ mode: "forbidden", paths: ["/reg"] })
    const refused = await doctor()
    expect(refused.failed).toEqual(["op.registration"])
    expect(refused.find("op.registration")?.message).toMatch(/refuses client registration .*HTTP 403/)
    op.reset()
    op.rewriteDiscovery({ openid: { registration_endpoint: null } })
    const absent = await doctor()
    expect(absent.failed).toEqual(["op.registration"])
    expect(absent.find("op.registration")).toMatchObject({
      message: expect.stringContaining("no registration_endpoint"),
      fix: expect.stringContaining("dynamic client registration"),
    })
  })

  it("clock skew: the OP's Date beyond clock_skew_in_seconds fails, naming how far and which way; within it passes", async () => {
    op.skewClock(600)
    const ahead = await doctor()
    expect(ahead.failed).toEqual(["op.clock"])
    expect(ahead.find("op.clock")?.message).toMatch(
      /(599|600|601) s ahead of this machine, beyond clock_skew_in_seconds \(60\)/,
    )
    op.skewClock(-30)
    expect((await doctor()).find("op.clock")).toMatchObject({
      status: "ok",
      message: expect.stringMatching(/(29|30|31) s behind/),
    })
  })

  it("the protection setup: a token endpoint refusing the setup client fails op.protection", async () => {
    op.fault({ mode: "forbidden", paths: ["/token"] })
    const r = await doctor()
    expect(r.failed).toEqual(["op.protection"])
    expect(r.find("op.protection")?.message).toMatch(/got no protection token/)
  })

  it("scopes and grants: a protection scope the OP does not offer, a grant type it does not allow", async () => {
    const r = await doctor({
      protection_scope: ["oxd", "no_such_scope"],
      default_grant_types: ["authorization_code", "password"],
    })
    expect(r.find("op.scopes")).toMatchObject({ status: "fail", message: expect.stringContaining("no_such_scope") })
    expect(r.find("op.grants")).toMatchObject({ status: "fail", message: expect.stringContaining("password") })
  })

  it("a port in use, a certificate whose key is another's, a database others can read", async () => {
    const taken: Server = createServer()
    const port = await freePort()
    await new Promise<void>((resolve) => taken.listen(port, "127.0.0.1", resolve))
    try {
      const tls = join(op.caFile, "..")
      const db = join(dir, "loose", "oxd.db")
      const first = makeOxd(loadConfig({ overrides: { ...base, database_url: `file:${db}` } as never }))
      await first.ready()
      await first.dispose()
      chmodSync(db, 0o644)
      const r = await doctor({
        port,
        rest_tls_cert_file: join(tls, "server.pem"),
        rest_tls_key_file: join(tls, "ca-key.pem"),
        database_url: `file:${db}`,
      })
      expect(r.find("port.tcp")).toMatchObject({
        status: "fail",
        message: expect.stringContaining("in use"),
        fix: expect.stringContaining("--port"),
      })
      expect(r.find("rest.certificate")).toMatchObject({
        status: "fail",
        message: expect.stringContaining("is not the key of the certificate"),
      })
      expect(r.find("store.permissions")).toMatchObject({ status: "fail", fix: expect.stringContaining("chmod 600") })
      const good = await doctor({
        rest_tls_cert_file: join(tls, "server.pem"),
        rest_tls_key_file: join(tls, "server-key.pem"),
      })
      expect(good.find("rest.certificate")).toMatchObject({
        status: "ok",
        message: expect.stringMatching(/key matches, valid \d+ more days/),
      })
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })

  it("a store that does not open: fails with the reason, the URL's password never shown", async () => {
    const r = await doctor({ database_url: "postgres://oxd:s3cret-pw@127.0.0.1:1/oxd" })
    expect(r.find("store.open")).toMatchObject({
      status: "fail",
      message: expect.stringContaining("postgres://***@127.0.0.1:1/oxd"),
    })
    expect(r.text).not.toContain("s3cret-pw")
  })

  it("the text form: one line per check with its fix, and a summary", async () => {
    op.skewClock(600)
    const r = await doctor({}, [])
    expect(r.code).toBe(1)
    expect(r.text).toMatch(
      new RegExp(
        `^FAIL op\\.clock ${op.issuer.replace(/[.]/g, "\\.")}: the OP's clock is \\d+ s ahead .* → set both machines' clocks by NTP`,
        "m",
      ),
    )
    expect(r.text).toMatch(/^ok {3}store\.open: /m)
    expect(r.text).toMatch(/\n1 check failed\.\n$/)
  })
})

describe("oxd-server doctor on a terminal", () => {
  it("shows the step in progress on the line being written, and colours the status; NO_COLOR turns both off", async () => {
    const file = join(dir, "tty.json")
    writeFileSync(file, JSON.stringify(base))
    const onTerminal = async (env: Record<string, string>) => {
      let text = ""
      const code = await runDoctorCli("oxd-server", ["--config", file], env, {
        isTTY: true,
        write: (t: string) => (text += t),
      })
      return { code, text }
    }
    const tty = await onTerminal({})
    expect(tty.code).toBe(0)
    expect(tty.text).toContain(`\r\x1b[K… checking OP ${op.issuer}`)
    expect(tty.text).toContain("\x1b[32mok  \x1b[0m op.discovery")
    // what the terminal shows: each line from its last carriage return; no progress note is left on screen
    const shown = tty.text.split("\n").map((l) => l.slice(l.lastIndexOf("\r") + 1).replaceAll("\x1b[K", ""))
    expect(shown.filter((l) => l.includes("… checking"))).toEqual([])
    expect(shown.filter((l) => l.includes("op.protection"))).toHaveLength(1)
    const plain = await onTerminal({ NO_COLOR: "1" })
    expect(plain.text).not.toContain("\x1b[")
  })
})

describe("oxd-server doctor, the program", () => {
  it("exits 0 healthy and 1 with a fault, --help says what it checks", async () => {
    const file = join(dir, "program.json")
    writeFileSync(file, JSON.stringify(base))
    const run = async (args: string[]) => {
      const cli = await spawnNode({
        args: ["--conditions=source", "--import", "tsx", main, ...args],
        cwd: root,
        timeoutMs: 30_000,
      })
      return { code: await cli.exited, out: cli.output() }
    }
    const healthy = await run(["doctor", "--config", file])
    expect(healthy.code, healthy.out).toBe(0)
    expect(healthy.out).toMatch(/All checks passed\./)
    op.fault({ mode: "down" })
    const down = await run(["doctor", "--json", "--config", file])
    expect(down.code).toBe(1)
    expect(JSON.parse(down.out)).toMatchObject({ ok: false })
    const help = await run(["doctor", "--help"])
    expect(help.code).toBe(0)
    expect(help.out).toContain("clock skew")
  })
})
