import { createServer as createHttpServer } from "node:http"
import { createServer as createNetServer } from "node:net"
import type { AddressInfo } from "node:net"
import { afterAll, describe, expect, it } from "vitest"
import {
  externalTarget, junitReport, runSuite, scenario, tapReport, type Envelope, type OpDriver, type ProgressEvent, type Scenario, type Target,
} from "../src/index.js"

const op: OpDriver = { issuer: "https://op.invalid", login: () => Promise.reject(new Error("no login here")) }

/** A target answering `answer(command)` for every call. */
const fakeTarget = (answer: (command: string, params: Record<string, unknown>) => Envelope | Promise<Envelope>, extra: Partial<Target> = {}): Target => ({
  protection: false,
  description: "fake",
  connect: () => ({ name: "fake", call: async (c, p) => answer(c, p), close: async () => undefined }),
  ...extra,
})

const s = (id: string, run: Scenario["run"], extra: Partial<Scenario> = {}): Scenario =>
  scenario({ id, title: `${id} title`, checks: `${id}: what it checks`, tags: ["t"], run, ...extra })

const closers: Array<() => void> = []
afterAll(() => { for (const c of closers) c() })

describe("runSuite", () => {
  it("runs the selected scenarios per transport with outcomes, checks and progress events", async () => {
    const events: ProgressEvent[] = []
    const list = [
      s("passes", async (t) => { await t.ok("get_authorization_url", { oxd_id: "x" }) }),
      s("fails", async (t) => { await t.fails("get_authorization_url", { oxd_id: "x" }, "invalid_oxd_id", "an unknown oxd_id") }),
      s("not-selected", async () => undefined, { tags: ["other"] }),
      s("needs-restart", async () => undefined, { skip: (env) => (env.target.restart ? undefined : "the suite cannot restart the target") }),
    ]
    const result = await runSuite({
      scenarios: list, op, skip: ["other"], transports: ["tcp"],
      targets: { tcp: fakeTarget(() => ({ status: "ok", data: { authorization_url: "https://op.invalid/a" } })) },
      onProgress: (e) => events.push(e),
    })
    expect(result).toMatchObject({ passed: 1, failed: 1, skipped: 1 })
    const [tcp] = result.transports
    expect(tcp!.results.map((r) => [r.id, r.status])).toEqual([["passes", "passed"], ["fails", "failed"], ["needs-restart", "skipped"]])
    expect(tcp!.results[1]).toMatchObject({ checks: "fails: what it checks", message: "get_authorization_url: expected error invalid_oxd_id for an unknown oxd_id, got status ok" })
    expect(events.map((e) => e.type)).toEqual(["transport", "scenario", "scenario", "scenario", "transport-done"])
  })

  it("skips every scenario of a transport that does not answer, with the reason", async () => {
    const result = await runSuite({
      scenarios: [s("a", async () => undefined)], op,
      targets: { tcp: fakeTarget(() => ({ status: "ok", data: {} }), { probe: async () => "connect ECONNREFUSED 127.0.0.1:1" }) },
    })
    expect(result.transports[0]).toMatchObject({ unreachable: "connect ECONNREFUSED 127.0.0.1:1" })
    expect(result.transports[0]!.results[0]).toMatchObject({ status: "skipped", reason: "the tcp target fake does not answer: connect ECONNREFUSED 127.0.0.1:1" })
  })

  it("skips the scenarios using a command the target does not offer (unsupported_operation), probing with an unknown oxd_id", async () => {
    const probed: Array<[string, unknown]> = []
    const target = fakeTarget((c, p) => {
      probed.push([c, p["oxd_id"]])
      return c.startsWith("uma_") ? { status: "error", data: { error: "unsupported_operation", error_description: "no UMA here" } } : { status: "error", data: { error: "invalid_oxd_id", error_description: "unknown" } }
    })
    const result = await runSuite({
      scenarios: [
        s("uma-thing", async () => undefined, { commands: ["register_site", "uma_rs_protect", "uma_rs_check_access"] }),
        s("oidc-thing", async () => undefined, { commands: ["register_site", "get_authorization_url"] }),
      ],
      op, targets: { https: target },
    })
    expect(result.transports[0]!.unsupported).toEqual({ uma_rs_protect: "unsupported_operation", uma_rs_check_access: "unsupported_operation" })
    expect(result.transports[0]!.results.map((r) => (r.status === "skipped" ? r.reason : r.status))).toEqual([
      "the target does not offer uma_rs_protect, uma_rs_check_access (unsupported_operation)", "passed",
    ])
    // register_site is never probed (it could register a client at the OP); probes send an oxd_id no site has
    expect(probed.map(([c]) => c).sort()).toEqual(["get_authorization_url", "uma_rs_check_access", "uma_rs_protect"])
    expect(new Set(probed.map(([, id]) => id)).size).toBe(1)
  })

  it("takes a real oxd-https-extension 3.1.4's Jersey 404 (read as http_status_404, audit H12) as a command not offered", async () => {
    const target = fakeTarget((c) => c === "update_site_registration"
      ? { status: "error", data: { error: "http_status_404", error_description: "HTTP 404 Not Found" } }
      : { status: "error", data: { error: "invalid_oxd_id", error_description: "unknown" } })
    const result = await runSuite({ scenarios: [s("old-name", async () => undefined, { commands: ["update_site_registration"] })], op, targets: { https: target } })
    expect(result.transports[0]!.unsupported).toEqual({ update_site_registration: "HTTP 404" })
    expect(result.transports[0]!.results[0]!.status).toBe("skipped")
  })

  it("notes that an unprotected TCP target asks for protection tokens (run with --protect)", async () => {
    const events: ProgressEvent[] = []
    await runSuite({
      scenarios: [s("a", async () => undefined, { commands: ["get_authorization_url"] })], op, onProgress: (e) => events.push(e),
      targets: { tcp: fakeTarget(() => ({ status: "error", data: { error: "blank_protection_access_token", error_description: "token" } })) },
    })
    expect(events).toContainEqual({ type: "note", transport: "tcp", message: expect.stringContaining("run with --protect") })
  })

  it("fails a scenario that runs past the time limit", async () => {
    const result = await runSuite({
      scenarios: [s("slow", () => new Promise((r) => setTimeout(r, 5000)))], op, timeout: 0.2, probe: false,
      targets: { ws: fakeTarget(() => ({ status: "ok", data: {} })) },
    })
    expect(result.transports[0]!.results[0]).toMatchObject({ status: "failed", message: expect.stringContaining("slow: no result within 0.2 s") })
  })

  it("refuses only/skip names that are no scenario id or tag", async () => {
    await expect(runSuite({ scenarios: [s("a", async () => undefined)], op, only: ["nope"], targets: { tcp: fakeTarget(() => ({ status: "ok", data: {} })) } }))
      .rejects.toThrow('no scenario id or tag "nope"')
  })
})

describe("external targets: why a transport cannot be tested", () => {
  const listen = async (server: ReturnType<typeof createHttpServer> | ReturnType<typeof createNetServer>) => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
    closers.push(() => server.close())
    return (server.address() as AddressInfo).port
  }

  it("tcp: connection refused", async () => {
    const port = await listen(createNetServer())
    closers.pop()?.()
    await new Promise((r) => setTimeout(r, 50))
    expect(await externalTarget("tcp", `127.0.0.1:${port}`).probe!()).toMatch(/ECONNREFUSED/)
  })

  it("https: a server that is not the oxd REST API (404), or TLS that is not trusted", async () => {
    const port = await listen(createHttpServer((_req, res) => { res.statusCode = 404; res.end("not found") }))
    expect(await externalTarget("https", `http://127.0.0.1:${port}`).probe!()).toBe(`POST http://127.0.0.1:${port}/get-authorization-url answered 404: not the oxd REST API (check the URL)`)
    // a plain TCP server is not TLS at all
    const plain = await listen(createNetServer((sock) => sock.end("hello\n")))
    expect(await externalTarget("https", `https://127.0.0.1:${plain}`).probe!()).toMatch(/fetch failed/)
  })

  it("ws: an HTTP server that refuses the upgrade", async () => {
    const port = await listen(createHttpServer((_req, res) => { res.statusCode = 404; res.end() }))
    expect(await externalTarget("ws", `ws://127.0.0.1:${port}`).probe!()).toMatch(/upgrade was answered 404/)
  })
})

describe("reporters", () => {
  const suite = {
    op: { issuer: "https://op", control: true, uma: true }, passed: 1, failed: 1, skipped: 1, ms: 1234, startedAt: "2026-01-01T00:00:00.000Z",
    transports: [{
      transport: "tcp" as const, target: "127.0.0.1:8099", unreachable: undefined, unsupported: {}, ms: 1000,
      results: [
        { id: "a", status: "passed" as const, ms: 12, transport: "tcp" as const, title: "A", checks: "cmd: field", tags: [] },
        { id: "b", status: "failed" as const, ms: 34, message: `x: expected <error> & "code", got 'ok'\nline2`, transport: "tcp" as const, title: "B", checks: "cmd: code", tags: [] },
        { id: "c", status: "skipped" as const, reason: "cannot # restart", transport: "tcp" as const, title: "C", checks: "cmd", tags: [] },
      ],
    }],
  }

  it("junit: escaped failure messages, skipped with message, checks as a property", () => {
    const xml = junitReport(suite)
    expect(xml).toContain(`<testsuite name="tcp" tests="3" failures="1" errors="0" skipped="1"`)
    expect(xml).toContain(`<failure message="x: expected &lt;error&gt; &amp; &quot;code&quot;, got &apos;ok&apos;&#10;line2" type="ScenarioFailure">`)
    expect(xml).toContain(`<skipped message="cannot # restart"/>`)
    expect(xml).toContain(`<property name="checks" value="cmd: code"/>`)
  })

  it("tap: a plan, not ok with the message and checks, SKIP with the reason", () => {
    const tap = tapReport(suite)
    expect(tap.split("\n").slice(0, 2)).toEqual(["TAP version 14", "1..3"])
    expect(tap).toContain("not ok 2 - tcp b\n  ---\n  checks: \"cmd: code\"")
    expect(tap).toContain("ok 3 - tcp c # SKIP cannot # restart")
    expect(tap.trimEnd().split("\n").at(-1)).toBe("# 1 passed, 1 failed, 1 skipped")
  })
})
