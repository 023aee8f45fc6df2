import { createServer as createHttpServer } from "node:http"
import { createServer as createNetServer } from "node:net"
import type { AddressInfo } from "node:net"
import { afterAll, describe, expect, it } from "vitest"
import {
  byTransport,
  externalTarget,
  hardening,
  junitReport,
  progressLine,
  reference,
  runScenario,
  runSuite,
  scenario,
  scenarios,
  tableReport,
  tapReport,
  withFix,
  type Ctx,
  type Envelope,
  type OpDriver,
  type ProgressEvent,
  type Scenario,
  type SuiteResult,
  type Target,
} from "../src/index.js"

const op: OpDriver = { issuer: "https://op.invalid", login: () => Promise.reject(new Error("no login here")) }

/** A target answering `answer(command)` for every call. */
const fakeTarget = (
  answer: (command: string, params: Record<string, unknown>) => Envelope | Promise<Envelope>,
  extra: Partial<Target> = {},
): Target => ({
  protection: false,
  description: "fake",
  connect: () => ({ name: "fake", call: async (c, p) => answer(c, p), close: async () => undefined }),
  ...extra,
})

const s = (id: string, run: Scenario["run"], extra: Partial<Scenario> = {}): Scenario =>
  scenario({
    id,
    title: `${id} title`,
    checks: `${id}: what it checks`,
    tags: ["t"],
    source: reference("S/op/X.java:1"),
    run,
    ...extra,
  })

const closers: Array<() => void> = []
afterAll(() => {
  for (const c of closers) c()
})

describe("runSuite", () => {
  it("runs the selected scenarios per transport with outcomes, checks and progress events", async () => {
    const events: ProgressEvent[] = []
    const list = [
      s("passes", async (t) => {
        await t.ok("get_authorization_url", { oxd_id: "x" })
      }),
      s("fails", async (t) => {
        await t.fails("get_authorization_url", { oxd_id: "x" }, "invalid_oxd_id", "an unknown oxd_id")
      }),
      s("not-selected", async () => undefined, { tags: ["other"] }),
      s("needs-restart", async () => undefined, {
        skip: (env) => (env.target.restart ? undefined : "the suite cannot restart the target"),
      }),
    ]
    const result = await runSuite({
      scenarios: list,
      op,
      skip: ["other"],
      transports: ["tcp"],
      targets: { tcp: fakeTarget(() => ({ status: "ok", data: { authorization_url: "https://op.invalid/a" } })) },
      onProgress: (e) => events.push(e),
    })
    expect(result).toMatchObject({ passed: 1, failed: 1, skipped: 1 })
    const [tcp] = result.transports
    expect(tcp!.results.map((r) => [r.id, r.status])).toEqual([
      ["passes", "passed"],
      ["fails", "failed"],
      ["needs-restart", "skipped"],
    ])
    expect(tcp!.results[1]).toMatchObject({
      checks: "fails: what it checks",
      message: "get_authorization_url: expected error invalid_oxd_id for an unknown oxd_id, got status ok",
    })
    expect(events.map((e) => e.type)).toEqual(["transport", "scenario", "scenario", "scenario", "transport-done"])
  })

  it("fails every scenario of a transport it was given that does not answer, with the reason: a forgotten --ca is no skip", async () => {
    const events: ProgressEvent[] = []
    const result = await runSuite({
      scenarios: [s("a", async () => undefined), s("b", async () => undefined)],
      op,
      onProgress: (e) => events.push(e),
      targets: {
        tcp: fakeTarget(() => ({ status: "ok", data: {} })),
        https: fakeTarget(() => ({ status: "ok", data: {} }), {
          probe: async () => "fetch failed: self-signed certificate — fix: … --ca <file> …",
        }),
      },
    })
    expect(result).toMatchObject({ passed: 2, failed: 2, skipped: 0 })
    expect(result.transports[1]).toMatchObject({
      transport: "https",
      unreachable: expect.stringContaining("self-signed certificate"),
    })
    expect(result.transports[1]!.results.map((r) => r.status)).toEqual(["failed", "failed"])
    expect(result.transports[1]!.results[0]).toMatchObject({
      message: "the https target fake does not answer: fetch failed: self-signed certificate — fix: … --ca <file> …",
    })
    expect(events).toContainEqual({
      type: "note",
      transport: "https",
      message: expect.stringMatching(/^does not answer: .*--ca.*every scenario fails/),
    })
    // the table names the transport and the cause once, not once per scenario
    const table = tableReport(result)
    expect(table).toContain("✗ the https target fake does not answer: fetch failed: self-signed certificate")
    expect(table).toContain("    every scenario: a, b")
  })

  it("skips, with the reason, the scenarios of a transport it was not asked for (a default address) that does not answer", async () => {
    const result = await runSuite({
      scenarios: [s("a", async () => undefined)],
      op,
      mustAnswer: [],
      targets: {
        tcp: fakeTarget(() => ({ status: "ok", data: {} }), { probe: async () => "connect ECONNREFUSED 127.0.0.1:1" }),
      },
    })
    expect(result.transports[0]).toMatchObject({ unreachable: "connect ECONNREFUSED 127.0.0.1:1" })
    expect(result.transports[0]!.results[0]).toMatchObject({
      status: "skipped",
      reason: "the tcp target fake does not answer: connect ECONNREFUSED 127.0.0.1:1",
    })
  })

  it("skips the scenarios using a command the target does not offer (unsupported_operation), probing with an unknown oxd_id", async () => {
    const probed: Array<[string, unknown]> = []
    const target = fakeTarget((c, p) => {
      probed.push([c, p["oxd_id"]])
      return c.startsWith("uma_")
        ? { status: "error", data: { error: "unsupported_operation", error_description: "no UMA here" } }
        : { status: "error", data: { error: "invalid_oxd_id", error_description: "unknown" } }
    })
    const result = await runSuite({
      scenarios: [
        s("uma-thing", async () => undefined, { commands: ["register_site", "uma_rs_protect", "uma_rs_check_access"] }),
        s("oidc-thing", async () => undefined, { commands: ["register_site", "get_authorization_url"] }),
      ],
      op,
      targets: { https: target },
    })
    expect(result.transports[0]!.unsupported).toEqual({
      uma_rs_protect: "unsupported_operation",
      uma_rs_check_access: "unsupported_operation",
    })
    expect(result.profile).toBe("reference") // runSuite's default
    expect(result.transports[0]!.results.map((r) => (r.status === "skipped" ? r.reason : r.status))).toEqual([
      "the target does not offer uma_rs_protect, uma_rs_check_access (unsupported_operation)",
      "passed",
    ])
    // register_site is never probed (it could register a client at the OP); probes send an oxd_id no site has
    expect(probed.map(([c]) => c).sort()).toEqual(["get_authorization_url", "uma_rs_check_access", "uma_rs_protect"])
    expect(new Set(probed.map(([, id]) => id)).size).toBe(1)
  })

  it("takes a real oxd-https-extension 3.1.4's Jersey 404 (read as http_status_404, audit H12) as a command not offered", async () => {
    const target = fakeTarget((c) =>
      c === "update_site_registration"
        ? { status: "error", data: { error: "http_status_404", error_description: "HTTP 404 Not Found" } }
        : { status: "error", data: { error: "invalid_oxd_id", error_description: "unknown" } },
    )
    const result = await runSuite({
      scenarios: [s("old-name", async () => undefined, { commands: ["update_site_registration"] })],
      op,
      targets: { https: target },
    })
    expect(result.transports[0]!.unsupported).toEqual({ update_site_registration: "HTTP 404" })
    expect(result.transports[0]!.results[0]!.status).toBe("skipped")
  })

  it("notes that an unprotected TCP target asks for protection tokens (run with --protect)", async () => {
    const events: ProgressEvent[] = []
    await runSuite({
      scenarios: [s("a", async () => undefined, { commands: ["get_authorization_url"] })],
      op,
      onProgress: (e) => events.push(e),
      targets: {
        tcp: fakeTarget(() => ({
          status: "error",
          data: { error: "blank_protection_access_token", error_description: "token" },
        })),
      },
    })
    expect(events).toContainEqual({
      type: "note",
      transport: "tcp",
      message: expect.stringContaining("run with --protect"),
    })
  })

  it("fails a scenario that runs past the time limit", async () => {
    const result = await runSuite({
      scenarios: [s("slow", () => new Promise((r) => setTimeout(r, 5000)))],
      op,
      timeout: 0.2,
      probe: false,
      targets: { ws: fakeTarget(() => ({ status: "ok", data: {} })) },
    })
    expect(result.transports[0]!.results[0]).toMatchObject({
      status: "failed",
      message: expect.stringContaining("slow: no result within 0.2 s"),
    })
  })

  it("refuses only/skip names that are no scenario id or tag", async () => {
    await expect(
      runSuite({
        scenarios: [s("a", async () => undefined)],
        op,
        only: ["nope"],
        targets: { tcp: fakeTarget(() => ({ status: "ok", data: {} })) },
      }),
    ).rejects.toThrow('no scenario id or tag "nope"')
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
    expect(await externalTarget("tcp", `127.0.0.1:${port}`).probe!()).toMatch(
      /ECONNREFUSED .* — fix: nothing listens at this address: start the server, or correct --target tcp=…$/,
    )
  })

  it("says what to fix: --ca for a certificate not trusted, the scheme for a server without TLS, the host name for a certificate issued to another", () => {
    expect(
      withFix("https", "fetch failed: SELF_SIGNED_CERT_IN_CHAIN self-signed certificate in certificate chain"),
    ).toMatch(
      / — fix: the server's TLS certificate is not trusted: pass it, or the CA that issued it, with --ca <file>/,
    )
    expect(withFix("ws", "unable to verify the first certificate")).toMatch(/--ca <file>/)
    expect(withFix("https", "fetch failed: ERR_SSL_WRONG_VERSION_NUMBER wrong version number")).toMatch(
      /does not speak TLS at this address: use http:\/\//,
    )
    expect(
      withFix("ws", "Hostname/IP does not match certificate's altnames: IP: 127.0.0.2 is not in the cert's list"),
    ).toMatch(/not issued for this host name/)
    expect(withFix("tcp", "something else")).toBe("something else")
  })

  it("https: a server that is not the oxd REST API (404), or TLS that is not trusted", async () => {
    const port = await listen(
      createHttpServer((_req, res) => {
        res.statusCode = 404
        res.end("not found")
      }),
    )
    expect(await externalTarget("https", `http://127.0.0.1:${port}`).probe!()).toBe(
      `POST http://127.0.0.1:${port}/get-authorization-url answered 404: not the oxd REST API (check the URL)`,
    )
    // a plain TCP server is not TLS at all
    const plain = await listen(createNetServer((sock) => sock.end("hello\n")))
    expect(await externalTarget("https", `https://127.0.0.1:${plain}`).probe!()).toMatch(/fetch failed/)
  })

  it("ws: an HTTP server that refuses the upgrade", async () => {
    const port = await listen(
      createHttpServer((_req, res) => {
        res.statusCode = 404
        res.end()
      }),
    )
    expect(await externalTarget("ws", `ws://127.0.0.1:${port}`).probe!()).toMatch(/upgrade was answered 404/)
  })
})

describe("reporters", () => {
  const ref = reference("S/op/GetTokensByCodeOperation.java:111")
  const hard = hardening("RFC 6749 §10.12 (CSRF): a state is single-use")
  const suite: SuiteResult = {
    profile: "reference",
    notInProfile: 1,
    op: { issuer: "https://op", control: true, uma: true },
    passed: 1,
    failed: 1,
    skipped: 1,
    ms: 1234,
    startedAt: "2026-01-01T00:00:00.000Z",
    transports: [
      {
        transport: "tcp" as const,
        target: "127.0.0.1:8099",
        unreachable: undefined,
        unsupported: {},
        ms: 1000,
        results: [
          {
            id: "a",
            status: "passed" as const,
            ms: 12,
            transport: "tcp" as const,
            title: "A",
            checks: "cmd: field",
            tags: [],
            source: ref,
            assertions: [
              {
                what: "register_site: status ok",
                source: reference("S/op/RegisterSiteOperation.java:61"),
                status: "passed",
                helper: true,
              },
              { what: "cmd: error bad_request for a reused state", source: ref, status: "passed" },
              { what: "cmd: the description says used", source: hard, status: "left-out" },
            ],
          },
          {
            id: "b",
            status: "failed" as const,
            ms: 34,
            message: `x: expected <error> & "code", got 'ok'\nline2`,
            transport: "tcp" as const,
            title: "B",
            checks: "cmd: code",
            tags: [],
            source: ref,
            failedSource: ref,
            assertions: [{ what: "x: error code", source: ref, status: "failed" }],
          },
          {
            id: "c",
            status: "skipped" as const,
            reason: "cannot # restart",
            transport: "tcp" as const,
            title: "C",
            checks: "cmd",
            tags: [],
            source: ref,
          },
          {
            id: "d",
            status: "not-in-profile" as const,
            reason: "not in the reference profile: hardening: RFC 6749 §10.12",
            transport: "tcp" as const,
            title: "D",
            checks: "cmd",
            tags: [],
            source: hard,
          },
        ],
      },
    ],
  }

  it("junit: escaped failure messages, skipped with message, checks as a property", () => {
    const xml = junitReport(suite)
    expect(xml).toContain(`<testsuite name="tcp" tests="4" failures="1" errors="0" skipped="2"`)
    expect(xml).toContain(
      `<failure message="x: expected &lt;error&gt; &amp; &quot;code&quot;, got &apos;ok&apos;&#10;line2" type="ScenarioFailure">`,
    )
    expect(xml).toContain(`<skipped message="cannot # restart"/>`)
    expect(xml).toContain(`<property name="checks" value="cmd: code"/>`)
  })

  it("junit: the profile per testsuite, the source per testcase and assertion, a scenario not in the profile skipped with why", () => {
    const xml = junitReport(suite)
    expect(xml).toContain(`<property name="profile" value="reference"/>`)
    expect(xml).toContain(`<property name="source" value="reference: S/op/GetTokensByCodeOperation.java:111"/>`)
    expect(xml).toContain(
      `<property name="assertion" value="○ cmd: the description says used — hardening: RFC 6749 §10.12 (CSRF): a state is single-use"/>`,
    )
    expect(xml).not.toContain("register_site: status ok") // a helper's step is no assertion of the scenario's own
    expect(xml).toContain(`&#10;source: reference: S/op/GetTokensByCodeOperation.java:111</failure>`)
    expect(xml).toContain(`<skipped message="not in the reference profile: hardening: RFC 6749 §10.12"/>`)
  })

  it("tap and table: the profile, each scenario's source, the hardening left out", () => {
    const tap = tapReport(suite)
    expect(tap.split("\n")[2]).toMatch(/^# profile reference: only what oxd 3\.1\.4 does is checked/)
    expect(tap).toContain(`  source: "reference: S/op/GetTokensByCodeOperation.java:111"`)
    expect(tap).toContain(
      `    - "○ cmd: the description says used — hardening: RFC 6749 §10.12 (CSRF): a state is single-use"`,
    )
    expect(tap).toContain(`  failed_source: "reference: S/op/GetTokensByCodeOperation.java:111"`)
    // an assertion with its scenario's source does not repeat it
    expect(tap).toContain(`    - "✓ cmd: error bad_request for a reused state — reference (the scenario's)"`)
    expect(tap).toContain("ok 4 - tcp d # SKIP not in the reference profile: hardening: RFC 6749 §10.12")
    const table = tableReport(suite)
    expect(table.split("\n")[0]).toMatch(/^profile reference: /)
    expect(table).toMatch(/^a +reference\+hardening +✓ 12 ms$/m)
    expect(table).toMatch(/^d +hardening +○ not in profile$/m)
    expect(table).toContain("    source: reference: S/op/GetTokensByCodeOperation.java:111")
    expect(table).toContain("Hardening checks left out (not oxd 3.1.4 behaviour; --profile strict checks them):")
    expect(table).toContain("○ a: cmd: the description says used — RFC 6749 §10.12 (CSRF): a state is single-use")
    expect(table).toContain("○ d (whole scenario): RFC 6749 §10.12 (CSRF): a state is single-use")
  })

  it("tap: a plan, not ok with the message and checks, SKIP with the reason", () => {
    const tap = tapReport(suite)
    expect(tap.split("\n").slice(0, 2)).toEqual(["TAP version 14", "1..4"])
    expect(tap).toContain('not ok 2 - tcp b\n  ---\n  checks: "cmd: code"')
    expect(tap).toContain("ok 3 - tcp c # SKIP cannot # restart")
    expect(tap.trimEnd().split("\n").at(-1)).toBe("# 1 passed, 1 failed, 1 skipped, 1 not in the reference profile")
  })
})

describe("profiles: reference checks what oxd 3.1.4 does, strict adds the hardening", () => {
  const env = (target: Target) => ({
    target,
    op,
    redirectUri: "https://c/cb",
    postLogoutRedirectUri: "https://c/out",
    claimsRedirectUri: "https://c/claims",
  })
  const csrf = hardening("RFC 6749 §10.12 (CSRF): a state is single-use")

  it("a scenario that is hardening as a whole is not in the reference profile: not run, neither failed nor passed", async () => {
    let ran = 0
    const whole = s(
      "whole",
      async () => {
        ran++
      },
      { source: csrf },
    )
    const target = fakeTarget(() => ({ status: "ok", data: {} }))
    expect(await runScenario(whole, env(target), { profile: "reference" })).toEqual({
      id: "whole",
      status: "not-in-profile",
      reason: "not in the reference profile: hardening: RFC 6749 §10.12 (CSRF): a state is single-use",
    })
    expect(ran).toBe(0)
    expect(await runScenario(whole, env(target), { profile: "strict" })).toMatchObject({ status: "passed" })
    expect(ran).toBe(1)
  })

  it("a mixed scenario: under reference its hardening assertions are not evaluated (not even sent); under strict they are, and a failure names its source", async () => {
    const sent: string[] = []
    const target = fakeTarget((c) => {
      sent.push(c)
      return c === "get_tokens_by_code"
        ? { status: "error", data: { error: "bad_request", error_description: "'state' is not registered." } }
        : { status: "ok", data: {} }
    })
    const mixed = s(
      "mixed",
      async (t: Ctx) => {
        const e = await t.fails("get_tokens_by_code", { state: "s" }, "bad_request", "a reused state")
        t.expect(
          /used/.test(e.error_description),
          "get_tokens_by_code: the description should say the state was used",
          csrf,
        )
        await t.ok("pkce_probe", {}, hardening("RFC 7636"))
      },
      { source: reference("S/op/GetTokensByCodeOperation.java:111") },
    )

    const asReference = await runScenario(mixed, env(target), { profile: "reference" })
    expect(asReference).toMatchObject({ status: "passed" })
    expect(sent).toEqual(["get_tokens_by_code"])
    expect(asReference.status === "passed" && asReference.assertions.map((a) => [a.source.kind, a.status])).toEqual([
      ["reference", "passed"],
      ["hardening", "left-out"],
      ["hardening", "left-out"],
    ])

    const asStrict = await runScenario(mixed, env(target), { profile: "strict" })
    expect(asStrict).toMatchObject({
      status: "failed",
      message: "get_tokens_by_code: the description should say the state was used",
      failedSource: csrf,
    })
    expect(
      progressLine({
        type: "scenario",
        result: { ...asStrict, transport: "tcp", title: "", checks: "", tags: [], source: mixed.source },
      }),
    ).toContain("[hardening: RFC 6749 §10.12 (CSRF): a state is single-use]")
  })

  it("byTransport: an assertion's source can differ on one transport (REST)", async () => {
    const check = s("per-transport", async (t) => {
      await t.fails(
        "no_such_command",
        {},
        "unsupported_operation",
        "an unknown command",
        byTransport({ https: hardening("H12: an oxd error body on REST's 404") }),
      )
    })
    const answering = (name: string): Target => ({
      protection: false,
      connect: () => ({
        name,
        call: async () => ({ status: "error", data: { error: "unsupported_operation", error_description: "unknown" } }),
        close: async () => undefined,
      }),
    })
    const onRest = await runScenario(check, env(answering("https")), { profile: "reference" })
    const onTcp = await runScenario(check, env(answering("tcp")), { profile: "reference" })
    expect(onRest.status === "passed" && onRest.assertions[0]).toMatchObject({
      status: "left-out",
      source: { kind: "hardening" },
    })
    expect(onTcp.status === "passed" && onTcp.assertions[0]).toMatchObject({
      status: "passed",
      source: { kind: "reference" },
    })
  })

  it("runSuite names the profile and counts what is not in it; the last line says so", async () => {
    const list = [
      s("ref", async (t) => {
        await t.ok("x", {})
      }),
      s("hard", async () => undefined, { source: csrf }),
    ]
    const events: ProgressEvent[] = []
    const result = await runSuite({
      scenarios: list,
      op,
      profile: "reference",
      targets: { tcp: fakeTarget(() => ({ status: "ok", data: {} })) },
      onProgress: (e) => events.push(e),
    })
    expect(result).toMatchObject({ profile: "reference", passed: 1, failed: 0, skipped: 0, notInProfile: 1 })
    expect(events.map((e) => (e.type === "scenario" ? progressLine(e) : undefined)).filter(Boolean)).toEqual([
      expect.stringMatching(/^✓ tcp ref \d+ ms$/),
      "○ tcp hard not in the reference profile: hardening: RFC 6749 §10.12 (CSRF): a state is single-use",
    ])
    const strict = await runSuite({
      scenarios: list,
      op,
      profile: "strict",
      targets: { tcp: fakeTarget(() => ({ status: "ok", data: {} })) },
    })
    expect(strict).toMatchObject({ profile: "strict", passed: 2, notInProfile: 0 })
    expect(tableReport(strict)).toContain(
      "Hardening checks (oxd-ts's own, beyond oxd 3.1.4: a 3.1.4 server fails them):\n+ hard (whole scenario): RFC 6749 §10.12",
    )
  })
})

describe("the scenarios' sources", () => {
  it("every scenario cites the reference (a file:line of oxd 3.1.4 or its documentation) or names the standard or threat of its hardening", () => {
    for (const sc of scenarios) {
      if (sc.source.kind === "hardening")
        expect(sc.source.reason, sc.id).toMatch(/RFC \d+|OpenID|UMA|availability|CSRF/)
      else expect(sc.source.citation, sc.id).toMatch(/\.java:\d+|documentation/)
    }
  })

  it("wholly hardening (out of the reference profile): only the scenarios whose every check the audit (§5) lists as oxd-ts's own", () => {
    expect(
      scenarios
        .filter((sc) => sc.source.kind === "hardening")
        .map((sc) => sc.id)
        .sort(),
    ).toEqual([
      "cross-site-state",
      // issue 26: oxd 3.1.4 receives no logout from the OP
      "logout-backchannel",
      "logout-backchannel-bad-signature",
      "logout-backchannel-expired",
      "logout-backchannel-missing-events",
      "logout-backchannel-replayed-jti",
      "logout-backchannel-with-nonce",
      "logout-backchannel-wrong-aud",
      "logout-backchannel-wrong-iss",
      "uma-introspection-cache",
      "uma-scope-expression",
    ])
  })

  it("update_site is checked under its 3.1.4 name; the 3.1.1 alias is a scenario of its own, optional", () => {
    const update = scenarios.find((sc) => sc.id === "update-site")!
    expect(update.commands).toContain("update_site")
    expect(update.commands).not.toContain("update_site_registration")
    const alias = scenarios.find((sc) => sc.id === "update-site-registration")!
    expect(alias.commands).toContain("update_site_registration")
    expect(alias.optional).toMatch(/3\.1\.4 answers it unsupported_operation/)
  })

  it("a target without the alias (a 3.1.4) skips only the alias, saying it is optional, and still checks update_site", async () => {
    const target = fakeTarget((c) =>
      c === "update_site_registration"
        ? {
            status: "error",
            data: { error: "unsupported_operation", error_description: "Operation is not supported by server error." },
          }
        : { status: "error", data: { error: "invalid_oxd_id", error_description: "unknown" } },
    )
    const result = await runSuite({
      scenarios,
      only: ["update-site", "update-site-registration"],
      op,
      targets: { tcp: target },
      timeout: 2,
    })
    const [update, alias] = result.transports[0]!.results
    expect(update).toMatchObject({ id: "update-site", status: "failed" }) // run (the fake target cannot register a site), not skipped
    expect(alias).toMatchObject({
      id: "update-site-registration",
      status: "skipped",
      reason: expect.stringMatching(
        /^the target does not offer update_site_registration \(unsupported_operation\); optional: /,
      ),
    })
  })
})
