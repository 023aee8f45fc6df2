import { spawn, type ChildProcess } from "node:child_process"
import { eventually } from "./eventually.js"

export interface SpawnOptions {
  /** Arguments of `node` (a script and its flags). */
  readonly args: ReadonlyArray<string>
  readonly cwd?: string
  /** Added to the test's environment. */
  readonly env?: Readonly<Record<string, string>>
  /** Resolve once the output matches this (the program's ready line); without it, at once. */
  readonly ready?: RegExp
  /** How long to wait for `ready` (default 60 s). */
  readonly timeoutMs?: number
}

export interface Spawned extends AsyncDisposable {
  readonly child: ChildProcess
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string
  /** The first match of `re` in the output, waiting for it; rejects (with the output's end) if the process exits first. */
  waitFor(re: RegExp, ms?: number): Promise<RegExpExecArray>
  /** The exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>
  /** Sends `signal` (default SIGTERM) and waits for the exit; a no-op once exited. */
  stop(signal?: NodeJS.Signals): Promise<void>
}

const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null

/**
 * A Node program in its own process, as a user starts it, its output kept; `await using` (or `stop`) ends it. With
 * `ready`, resolves once that line is printed, and rejects with the output if the process exits or is slow first.
 */
export const spawnNode = async (opts: SpawnOptions): Promise<Spawned> => {
  const child = spawn(process.execPath, [...opts.args], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let out = ""
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString()
  })
  child.stderr!.on("data", (d: Buffer) => {
    out += d.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const waitFor = async (re: RegExp, ms = opts.timeoutMs ?? 60_000): Promise<RegExpExecArray> => {
    const seen = await eventually(() => re.exec(out) ?? (running(child) ? undefined : ("exited" as const)), {
      timeoutMs: ms,
      intervalMs: 25,
    }).catch((e: Error) => e.message)
    if (typeof seen !== "string") return seen
    const why = seen === "exited" ? `the process exited (${child.exitCode ?? child.signalCode})` : seen
    throw new Error(`did not see ${re} in the output (${why}):\n${out.slice(-3000)}`)
  }
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (!running(child)) return
    child.kill(signal)
    await exited
  }
  const spawned: Spawned = {
    child,
    output: () => out,
    waitFor,
    exited,
    stop,
    [Symbol.asyncDispose]: () => stop("SIGKILL"),
  }
  if (opts.ready) {
    try {
      await waitFor(opts.ready)
    } catch (e) {
      await stop("SIGKILL")
      throw e
    }
  }
  return spawned
}
