import { spawn, type ChildProcess } from "node:child_process"
import { strangerEnv } from "./run.js"

export interface Started {
  readonly child: ChildProcess
  output(): string
  /** The first capture group of `re` in the output, waiting for it (the process must stay up meanwhile). */
  waitFor(re: RegExp, ms?: number): Promise<string>
  stop(): Promise<void>
}

const started = new Set<Started>()

/**
 * An installed bin as the user starts it, `npx <bin> …` in the project's folder. Its own process group, so stopping
 * it stops what npx started too.
 */
export const startBin = (
  cwd: string,
  bin: string,
  args: ReadonlyArray<string>,
  env: NodeJS.ProcessEnv = {},
): Started => {
  const child = spawn("npx", ["--no", "--", bin, ...args], {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: strangerEnv(env),
  })
  let out = ""
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString()
  })
  child.stderr!.on("data", (d: Buffer) => {
    out += d.toString()
  })
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()))
  const s: Started = {
    child,
    output: () => out,
    waitFor: async (re, ms = 60_000) => {
      const until = Date.now() + ms
      while (Date.now() < until) {
        const m = re.exec(out)
        if (m) return m[1] ?? m[0]
        if (child.exitCode !== null || child.signalCode !== null) break
        await new Promise((r) => setTimeout(r, 50))
      }
      throw new Error(`${bin}: did not see ${re} in its output:\n${out.slice(-4000)}`)
    },
    stop: async () => {
      started.delete(s)
      if (child.exitCode !== null || child.signalCode !== null) return
      try {
        process.kill(-child.pid!, "SIGTERM")
      } catch {
        return
      }
      const killer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL")
        } catch {
          /* gone */
        }
      }, 10_000)
      await exited
      clearTimeout(killer)
    },
  }
  started.add(s)
  return s
}

/** Stops every process startBin started and nobody stopped (test cleanup). */
export const stopAll = async (): Promise<void> => {
  await Promise.all([...started].map((s) => s.stop()))
}
