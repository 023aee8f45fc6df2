import { spawn } from "node:child_process"

export interface RunResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

/** Runs a command to its end (no shell), capturing its output; never rejects on a non-zero exit. */
export const run = (
  cmd: string,
  args: ReadonlyArray<string>,
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> =>
  new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString()
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 240_000)
    child.on("error", (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: Date.now() - started })
    })
  })

/** The output of a failed command, for an assertion message. */
export const explain = (what: string, r: RunResult): string =>
  `${what} exited ${r.code}:\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`

/** This process's environment without npm's and pnpm's lifecycle variables (npm_*): the workspace's settings are not a stranger's. */
export const strangerEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  ...extra,
})
