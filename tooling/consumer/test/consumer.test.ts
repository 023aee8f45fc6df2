import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bundleSize } from "./support/bundle.js"
import { packAll, publishable, ROOT, type Publishable } from "./support/pack.js"
import { startBin, stopAll, type Started } from "./support/processes.js"
import { progress } from "./support/progress.js"
import { installedSize, npmInstall, oxdResolved } from "./support/project.js"
import { explain, run, strangerEnv } from "./support/run.js"

/**
 * The stranger's path (issue 23), automated: every published package packed as `pnpm publish` packs it, the tarballs
 * installed with npm into a project outside the workspace, checked (publint, arethetypeswrong), type-checked by strict
 * apps, run (server, test OP and conformance CLI from their installed bins; a login over tcp, https and ws) and
 * bundled for the browser.
 */
const PKG = new URL("../", import.meta.url).pathname
const bin = (name: string) => join(PKG, "node_modules", ".bin", name)
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
// third-party packages the apps use themselves (the tarballs' own dependencies come with them)
const APP_DEPS = { "@types/node": "20.19.43", "@types/ws": "8.18.2", ws: "8.23.0" }

let work: string
let project: string
let pkgs: Publishable[]
let tarballs: Map<string, string>
let op: Started | undefined
let server: Started | undefined

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "oxd-consumer-"))
  project = join(work, "app")
  mkdirSync(join(work, "packs"))
  pkgs = publishable()
  progress(`packing ${pkgs.length} packages into ${join(work, "packs")}`)
  tarballs = await packAll(pkgs, join(work, "packs"), (name, ms) =>
    progress(`  packed ${name} (${(ms / 1000).toFixed(1)} s)`),
  )
  cpSync(join(PKG, "app"), project, { recursive: true })
  progress(`npm install of ${tarballs.size} tarballs and ${Object.keys(APP_DEPS).join(", ")} in ${project}`)
  const install = await npmInstall(project, tarballs, APP_DEPS)
  const size = installedSize(project)
  progress(
    `  installed in ${(install.ms / 1000).toFixed(1)} s: ${size.packages} packages, ${(size.bytes / 1e6).toFixed(0)} MB`,
  )
})

afterAll(async () => {
  await stopAll()
  if (work && !process.env["OXD_CONSUMER_KEEP"]) rmSync(work, { recursive: true, force: true })
})

const tarList = async (file: string): Promise<string[]> => {
  const r = await run("tar", ["tzf", file], { cwd: work })
  if (r.code !== 0) throw new Error(explain("tar tzf", r))
  return r.stdout
    .trim()
    .split("\n")
    .map((f) => f.replace(/^package\//, ""))
    .sort()
}
const tarManifest = async (file: string): Promise<Record<string, any>> => {
  const r = await run("tar", ["xzOf", file, "package/package.json"], { cwd: work })
  return JSON.parse(r.stdout) as Record<string, any>
}

const withoutSource = (e: unknown): unknown =>
  e && typeof e === "object"
    ? Object.fromEntries(
        Object.entries(e)
          .filter(([k]) => k !== "source")
          .map(([k, v]) => [k, withoutSource(v)]),
      )
    : e
/** Every file an `exports` map names (conditions and subpaths walked). */
const exportTargets = (e: unknown): string[] =>
  typeof e === "string" ? [e] : e && typeof e === "object" ? Object.values(e).flatMap(exportTargets) : []
/** The condition names of each conditions object in an `exports` map, in order. */
const exportConditionLists = (e: unknown): string[][] =>
  e && typeof e === "object"
    ? [
        ...(Object.keys(e).every((k) => !k.startsWith(".")) ? [Object.keys(e)] : []),
        ...Object.values(e).flatMap(exportConditionLists),
      ]
    : []

describe("the published packages, as a stranger installs them", () => {
  it("are the twelve docs/packages.md lists, each with a README and the project's license", () => {
    const documented = [
      ...readFileSync(join(ROOT, "docs", "packages.md"), "utf8").matchAll(/^\| `(@oxd\/[a-z-]+)` \|/gm),
    ].map((m) => m[1])
    expect(pkgs.map((p) => p.name)).toEqual([...documented].sort())
    expect(pkgs).toHaveLength(12)
  })

  it("ship built JavaScript, declarations, bins, runtime assets, README and LICENSE only; manifests publish-ready", async () => {
    const license = readFileSync(join(ROOT, "LICENSE"), "utf8")
    expect(license).toMatch(/^MIT License/)
    for (const p of pkgs) {
      const file = tarballs.get(p.name)!
      const files = await tarList(file)
      progress(
        `${p.name} (${(readFileSync(file).byteLength / 1024).toFixed(0)} KB, ${files.length} files): ${files.join(" ")}`,
      )
      const stray = files.filter((f) =>
        /^src\/|\.test\.|test-support|\.map$|tsbuildinfo|\.turbo|\.cache|test-results|eslint\.config|vitest\.config|tsconfig/.test(
          f,
        ),
      )
      expect(stray, p.name).toEqual([])
      expect(files, p.name).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json"]))
      expect(files.filter((f) => f.startsWith("dist/") && f.endsWith(".js")).length, p.name).toBeGreaterThan(0)

      const m = await tarManifest(file)
      expect(JSON.stringify(m), `${p.name}: a workspace: version left in the tarball`).not.toMatch(/"workspace:/)
      expect(m["private"], p.name).toBeUndefined()
      expect(m["license"], p.name).toBe("MIT")
      expect(m["engines"], p.name).toEqual({ node: ">=20.19" })
      expect(m["publishConfig"]?.access, p.name).toBe("public")
      expect(m["repository"], p.name).toMatchObject({
        url: "git+https://github.com/oxd-ts/oxd-ts.git",
        directory: p.dir.slice(ROOT.length).replace(/\/$/, ""),
      })
      expect(typeof m["description"] === "string" && m["keywords"]?.length > 0, p.name).toBe(true)
      // every export and bin names a file in the tarball, types first; no `source` condition
      // publishConfig.exports (what pnpm publishes) is the workspace's exports without `source`, every entry point kept
      expect(m["exports"], `${p.name}: publishConfig.exports out of step with exports`).toEqual(
        withoutSource(p.manifest["exports"]),
      )
      expect(JSON.stringify(m["exports"] ?? {}), p.name).not.toContain('"source"')
      for (const target of exportTargets(m["exports"]))
        expect(files, `${p.name} exports ${target}`).toContain(target.replace(/^\.\//, ""))
      for (const conditions of exportConditionLists(m["exports"]))
        if (conditions.includes("types")) expect(conditions[0], `${p.name}: types first`).toBe("types")
      for (const target of Object.values((m["bin"] ?? {}) as Record<string, string>))
        expect(files, `${p.name} bin`).toContain(target.replace(/^\.\//, ""))
      expect(readFileSync(join(p.dir, "README.md"), "utf8"), p.name).toMatch(/```(sh|ts)\n/)
    }
    // runtime assets read from disk: the server's migrations, the REST API's document
    expect(await tarList(tarballs.get("@oxd/core")!)).toEqual(
      expect.arrayContaining(["drizzle/sqlite/meta/_journal.json", "drizzle/pg/meta/_journal.json"]),
    )
    expect(await tarList(tarballs.get("@oxd/rest-server")!)).toContain("openapi.json")
  })

  it("pass publint (strict) and arethetypeswrong (ESM only) on each tarball", async () => {
    const problems: string[] = []
    for (const p of pkgs) {
      const file = tarballs.get(p.name)!
      // a program without exports (the server) has no types to check
      const types = p.manifest["exports"] !== undefined
      const [lint, attw] = await Promise.all([
        run(bin("publint"), ["run", file, "--strict"], { cwd: work }),
        types
          ? run(bin("attw"), [file, "--profile", "esm-only", "--format", "ascii", "--no-color"], { cwd: work })
          : undefined,
      ])
      if (lint.code !== 0 || /Warnings?:|Errors?:/.test(lint.stdout)) problems.push(explain(`publint ${p.name}`, lint))
      if (attw && attw.code !== 0) problems.push(explain(`attw ${p.name}`, attw))
      progress(
        `publint ${lint.code === 0 ? "ok" : "FAILED"}${attw ? `, attw ${attw.code === 0 ? "ok" : "FAILED"}` : ""}: ${p.name}`,
      )
    }
    expect(problems.join("\n\n")).toBe("")
  })

  it("install from the tarballs only: every @oxd package in the project comes from a file", () => {
    const resolved = oxdResolved(project)
    expect(Object.keys(resolved).length).toBeGreaterThanOrEqual(9)
    for (const [path, from] of Object.entries(resolved)) expect(from, path).toMatch(/^file:/)
  })

  it("type-check a strict Node app (with a use of @oxd/middleware) and a strict browser app (DOM lib, no Node types) with skipLibCheck false", async () => {
    const node = await run(process.execPath, [tsc, "-p", "tsconfig.node.json"], { cwd: project })
    progress(
      `tsc, Node app: ${node.code === 0 ? "clean" : `${(node.stdout.match(/error TS/g) ?? []).length} errors`} (${(node.ms / 1000).toFixed(1)} s)`,
    )
    const browser = await run(process.execPath, [tsc, "-p", "tsconfig.browser.json"], { cwd: project })
    progress(
      `tsc, browser app: ${browser.code === 0 ? "clean" : `${(browser.stdout.match(/error TS/g) ?? []).length} errors`} (${(browser.ms / 1000).toFixed(1)} s)`,
    )
    expect(node.stdout, "Node app").toBe("")
    expect(browser.stdout, "browser app").toBe("")
  })

  it("sign a user in over tcp, https and ws against oxd-server and oxd-test-op started from their installed bins", async () => {
    const opDir = join(work, "op")
    op = startBin(project, "oxd-test-op", ["--port", "0", "--state-dir", opDir, "--quiet"])
    const issuer = await op.waitFor(/issuer\s+(https:\/\/127\.0\.0\.1:\d+)/)
    const opCa = await op.waitFor(/CA file\s+(\S+)/)
    progress(`oxd-test-op up: ${issuer}`)
    server = startBin(project, "oxd-server", [
      "--port",
      "0",
      "--rest-port",
      "0",
      "--ws-port",
      "0",
      "--database-url",
      `file:${join(work, "oxd.db")}`,
      "--rest-tls-dir",
      join(work, "rest-tls"),
      "--trusted-ca-file",
      opCa,
      "--allowed-op-hosts",
      new URL(issuer).origin,
    ])
    await server.waitFor(/(oxd-server ready)/)
    const tcp = await server.waitFor(/legacy TCP protocol on (127\.0\.0\.1:\d+)/)
    const rest = await server.waitFor(/REST API on (https:\/\/127\.0\.0\.1:\d+)/)
    const ws = await server.waitFor(/WebSocket API \(tRPC\) on (wss:\/\/127\.0\.0\.1:\d+)/)
    progress(`oxd-server up: tcp ${tcp}, ${rest}, ${ws}`)
    writeFileSync(
      join(work, "trust.pem"),
      `${readFileSync(opCa, "utf8")}\n${readFileSync(join(work, "rest-tls", "cert.pem"), "utf8")}`,
    )

    const app = await run(process.execPath, ["dist/node.js"], {
      cwd: project,
      env: {
        ...strangerEnv(),
        OP_ISSUER: issuer,
        OP_CA_FILE: opCa,
        OXD_TCP: tcp,
        OXD_REST: rest,
        OXD_WS: ws,
        // @oxd/client/node trusts it with its `ca` option; @oxd/client-rest, the code-free way
        OXD_CA_FILE: join(work, "rest-tls", "cert.pem"),
        NODE_EXTRA_CA_CERTS: join(work, "rest-tls", "cert.pem"),
      },
      timeoutMs: 120_000,
    })
    for (const line of app.stdout.trim().split("\n")) progress(`app: ${line}`)
    expect(app.code, explain("node dist/node.js", app)).toBe(0)
    const results = app.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const alice = await run(
      process.execPath,
      [
        "-e",
        "fetch(process.argv[1]).then((r) => r.json()).then((j) => console.log(j.users.find((u) => u.username === 'alice').sub))",
        `${issuer}/__test/info`,
      ],
      {
        cwd: project,
        env: { ...strangerEnv(), NODE_EXTRA_CA_CERTS: opCa },
      },
    )
    const aliceSub = alice.stdout.trim()
    expect(aliceSub).not.toBe("")
    for (const transport of ["tcp", "https", "ws"]) {
      expect(
        results.find((r) => r["transport"] === transport),
        transport,
      ).toMatchObject({
        sub: aliceSub,
        id_token: true,
        reuse: expect.stringMatching(/^OxdError (invalid_state|bad_request)$/),
      })
    }
    expect(results.find((r) => r["transport"] === "client-rest")).toEqual({
      transport: "client-rest",
      status: "ok",
      authorization_url: true,
    })
  })

  it("every bin of the published packages answers --help from the install (npx), exit code 0", async () => {
    const bins = pkgs.flatMap((p) => Object.keys((p.manifest["bin"] ?? {}) as Record<string, string>))
    expect(bins.sort()).toEqual([
      "oxd-call",
      "oxd-conformance",
      "oxd-dev",
      "oxd-rest-server",
      "oxd-server",
      "oxd-tcp-server",
      "oxd-test-op",
      "oxd-ws-server",
    ])
    for (let i = 0; i < bins.length; i += 2) {
      await Promise.all(
        bins.slice(i, i + 2).map(async (b) => {
          const help = await run("npx", ["--no", "--", b, "--help"], { cwd: project, env: strangerEnv() })
          expect(help.code, explain(`npx ${b} --help`, help)).toBe(0)
          expect(help.stdout, b).toMatch(new RegExp(`^${b} — |^Usage: ${b} `, "m"))
        }),
      )
    }
    progress(`--help of ${bins.join(", ")}: ok`)
  })

  it("run the installed oxd-conformance: --help, and a short run over tcp, https and ws", async () => {
    const help = await run("npx", ["--no", "--", "oxd-conformance", "--help"], { cwd: project, env: strangerEnv() })
    expect(help.code, explain("oxd-conformance --help", help)).toBe(0)
    expect(help.stdout).toMatch(/^Usage: oxd-conformance /m)
    expect(server, "the server of the previous test").toBeDefined()
    const issuer = await op!.waitFor(/issuer\s+(https:\/\/127\.0\.0\.1:\d+)/)
    const targets = await Promise.all([
      server!.waitFor(/legacy TCP protocol on (127\.0\.0\.1:\d+)/),
      server!.waitFor(/REST API on (https:\/\/127\.0\.0\.1:\d+)/),
      server!.waitFor(/WebSocket API \(tRPC\) on (wss:\/\/127\.0\.0\.1:\d+)/),
    ])
    const conf = await run(
      "npx",
      [
        "--no",
        "--",
        "oxd-conformance",
        "--target",
        `tcp=${targets[0]}`,
        "--target",
        `https=${targets[1]}`,
        "--target",
        `ws=${targets[2]}`,
        "--op",
        issuer,
        "--ca",
        join(work, "trust.pem"),
        "--only",
        "code-flow",
        "--only",
        "register-site",
        "--reporter",
        "table",
      ],
      { cwd: project, env: strangerEnv(), timeoutMs: 120_000 },
    )
    const last = conf.stdout.trim().split("\n").at(-1)
    progress(`oxd-conformance --only code-flow --only register-site: ${last} (${(conf.ms / 1000).toFixed(1)} s)`)
    expect(conf.code, explain("oxd-conformance", conf)).toBe(0)
    expect(last).toBe("6 passed, 0 failed, 0 skipped")
  })

  it("install @oxd/client alone without the server inside (its package count and size printed)", async () => {
    const alone = join(work, "client-alone")
    mkdirSync(alone)
    // the client's own: its REST client and the wire contract (names, framing; no dependencies)
    const own = ["@oxd/client", "@oxd/client-rest", "@oxd/wire"]
    await npmInstall(alone, new Map([...tarballs].filter(([name]) => own.includes(name))), {})
    const size = installedSize(alone)
    const names = Object.keys(oxdResolved(alone)).map((p) => p.slice(p.lastIndexOf("node_modules/") + 13))
    progress(
      `@oxd/client alone: ${size.packages} packages, ${(size.bytes / 1e6).toFixed(1)} MB (@oxd: ${names.join(", ")})`,
    )
    expect(names.sort()).toEqual(own)
    const lock = JSON.parse(readFileSync(join(alone, "package-lock.json"), "utf8")) as {
      packages: Record<string, unknown>
    }
    const server = Object.keys(lock.packages).filter((p) =>
      /node_modules\/(effect|drizzle-orm|@libsql\/[^/]+|libsql|pg|openid-client|oidc-provider)$/.test(p),
    )
    expect(server, "server dependencies installed with the client").toEqual([])
  })

  it("bundle for the browser without Node built-ins (sizes printed; a generous budget)", async () => {
    const client = JSON.parse(
      readFileSync(join(project, "node_modules", "@oxd", "client", "package.json"), "utf8"),
    ) as { exports: Record<string, unknown> }
    const entries = [
      ...Object.keys(client.exports)
        .filter((k) => k !== "./tcp" && k !== "./node" && !k.endsWith(".json"))
        .map((k) => `@oxd/client${k.slice(1)}`),
      "@oxd/client-rest",
      "@oxd/client-rest/v4",
    ]
    for (const entry of entries) {
      const b = await bundleSize(project, entry)
      progress(
        `browser bundle ${b.entry}: ${(b.minified / 1024).toFixed(1)} KB minified, ${(b.gzip / 1024).toFixed(1)} KB gzip`,
      )
      expect(b.nodeBuiltins, entry).toEqual([])
      expect(b.minified, entry).toBeLessThan(150 * 1024)
    }
    // the Node-only entry refuses to bundle for a browser, loudly
    await expect(bundleSize(project, "@oxd/client/node")).rejects.toThrow(/node:|Could not resolve/)
  })
})
