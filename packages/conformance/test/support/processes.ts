import { spawn, type ChildProcess } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { spawnNode } from "@oxd/testkit"

const pkg = new URL("../../", import.meta.url).pathname
export const ROOT = new URL("../../../../", import.meta.url).pathname
/** The conformance CLI and the server as users run them: built, from dist (turbo builds both before `test`). */
export const CLI = join(pkg, "dist", "cli.js")
export const SERVER = join(ROOT, "apps", "server", "dist", "main.js")

const newest = (dir: string, keep: (f: string) => boolean): number =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && keep(e.name))
    .reduce((m, e) => Math.max(m, statSync(join(e.parentPath, e.name)).mtimeMs), 0)

/** Fails clearly when the CLI or the server is not built, or the CLI's build is older than its sources. */
export const assertBuilt = (): void => {
  for (const file of [CLI, SERVER]) {
    if (!existsSync(file))
      throw new Error(`${file} is missing: build first (pnpm turbo run build --filter @oxd/conformance...)`)
  }
  const built = Math.max(
    newest(join(pkg, "dist"), (f) => f.endsWith(".js")),
    existsSync(join(pkg, ".cache")) ? newest(join(pkg, ".cache"), () => true) : 0,
  )
  if (newest(join(pkg, "src"), (f) => f.endsWith(".ts") && !f.endsWith(".test.ts")) > built) {
    throw new Error(
      "packages/conformance/dist is older than src: build first (pnpm turbo run build --filter @oxd/conformance)",
    )
  }
}

const children = new Set<ChildProcess>()
/** Kills what the tests started and did not stop themselves. */
export const killChildren = () => {
  for (const c of children) c.kill("SIGKILL")
  children.clear()
}

/** Runs the conformance CLI in its own process to the end. */
export const runCli = (args: ReadonlyArray<string>, opts: { readonly cwd?: string; readonly stdin?: string } = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const started = Date.now()
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, stdio: ["pipe", "pipe", "pipe"] })
    children.add(child)
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString()
    })
    child.stdin.end(opts.stdin ?? "")
    child.on("close", (code) => {
      children.delete(child)
      resolve({ code, stdout, stderr, ms: Date.now() - started })
    })
  })

/** oxd-server from its built CLI, in its own process: the addresses it logs once ready. */
export const startServerProcess = async (args: ReadonlyArray<string>) => {
  const server = await spawnNode({ args: [SERVER, ...args], cwd: ROOT, ready: /oxd-server ready/, timeoutMs: 30_000 })
  children.add(server.child)
  const find = (re: RegExp) => {
    const m = re.exec(server.output())
    if (!m?.[1]) throw new Error(`no ${re} in the server's log:\n${server.output()}`)
    return m[1]
  }
  return {
    tcp: find(/legacy TCP protocol on (\S+:\d+)/),
    rest: find(/REST API on (https:\/\/\S+:\d+)/),
    ws: find(/WebSocket API \(tRPC\) on (wss:\/\/\S+:\d+)/),
    /** The oxd 4.x REST API's listener (rest4_enabled, on by default). */
    rest4: find(/oxd 4\.x REST API at (https:\/\/\S+:\d+)/),
    output: server.output,
    stop: async () => {
      await server.stop()
      children.delete(server.child)
    },
  }
}
