import { execFileSync, spawn, type ChildProcess } from "node:child_process"
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs"
import { createServer } from "node:net"

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ; 100 on Linux almost everywhere). */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100
  } catch {
    return 100
  }
})()

export interface ProcSample {
  /** user + system CPU time so far, in seconds */
  readonly cpuSeconds: number
  /** of which in the kernel (system calls: socket reads and writes, epoll) */
  readonly sysSeconds: number
  /** resident set size now, and its peak (VmHWM), in MB */
  readonly rssMb: number
  readonly peakRssMb: number
  readonly at: number
}

/** CPU time and RSS of a process, read from /proc (no cooperation from the process needed). */
export const procSample = (pid: number): ProcSample => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
  // the command name (field 2) may hold spaces: fields are counted after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0)
  return {
    cpuSeconds: (utime + stime) / CLK_TCK,
    sysSeconds: stime / CLK_TCK,
    rssMb: kb("VmRSS") / 1024,
    peakRssMb: kb("VmHWM") / 1024,
    at: performance.now(),
  }
}

/** CPU use of a process between two samples, in % of one core. */
export const cpuPercent = (a: ProcSample, b: ProcSample): number =>
  b.at === a.at ? 0 : (100 * (b.cpuSeconds - a.cpuSeconds)) / ((b.at - a.at) / 1000)

/**
 * CPU time of the whole machine so far (every core, every process), in core-seconds, from /proc/stat; `steal` apart:
 * the time a virtual machine's host gave these cores to someone else (it slows every process here alike).
 */
export const machineBusySeconds = (): { busy: number; steal: number; at: number } => {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!
  // cpu user nice system idle iowait irq softirq steal …
  const [user, nice, system, _idle, _iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  return { busy: (user! + nice! + system! + irq! + softirq!) / CLK_TCK, steal: steal! / CLK_TCK, at: performance.now() }
}

/** Kernel share of a process's CPU time between two samples, in %. */
export const sysShare = (a: ProcSample, b: ProcSample): number =>
  b.cpuSeconds === a.cpuSeconds ? 0 : (100 * (b.sysSeconds - a.sysSeconds)) / (b.cpuSeconds - a.cpuSeconds)

/** This process (the load generator) measured the same way. */
export const selfSample = (): ProcSample => procSample(process.pid)

/** A free loopback port (bound, read, released: the server under test binds it right after). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once("error", reject)
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

export interface Child {
  readonly pid: number
  readonly process: ChildProcess
  /** What the process printed (stdout and stderr), the last 100-200 KB of it, for error messages. */
  output(): string
  /** Resolves with the first output line matching `pattern`; rejects if the process exits first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>
  readonly exited: Promise<number | null>
}

/** Every process started and not yet exited: stopped together when the bench is interrupted. */
const running = new Set<Child>()
/** Stops of processes not started by startNode (Apache): run with the others when the bench is interrupted. */
export const otherStops = new Set<() => Promise<void>>()
export const stopAllChildren = (): Promise<unknown> =>
  Promise.all([...[...running].map((c) => c.stop(2_000)), ...[...otherStops].map((stop) => stop())])

/**
 * Starts a Node program in its own process; its output is kept (bounded) for waitFor and error messages. With
 * `outputFile` the output goes to that file instead of a pipe to us: a server logging a line per command would
 * otherwise make the load generator (this process) read every line, and block on a full pipe when it lags.
 */
export const startNode = (
  args: ReadonlyArray<string>,
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; nodeArgs?: ReadonlyArray<string>; outputFile?: string } = {},
): Child => {
  const fd = opts.outputFile === undefined ? undefined : openSync(opts.outputFile, "a")
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...args], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: fd === undefined ? ["ignore", "pipe", "pipe"] : ["ignore", fd, fd],
  })
  if (fd !== undefined) closeSync(fd)
  let out = ""
  const waiters = new Set<{ pattern: RegExp; resolve: (m: RegExpExecArray) => void }>()
  const onText = (chunk: Buffer) => {
    out += chunk.toString("utf8")
    if (out.length > 200_000) out = out.slice(-100_000)
    for (const w of waiters) {
      const m = w.pattern.exec(out)
      if (m) {
        waiters.delete(w)
        w.resolve(m)
      }
    }
  }
  /** With outputFile: reads what the process wrote since the last read. */
  let readMore = () => undefined as void
  if (opts.outputFile === undefined) {
    child.stdout!.on("data", onText)
    child.stderr!.on("data", onText)
  } else {
    // the file is read while someone waits for a line (start-up), every 5 ms, from where the last read stopped
    const file = opts.outputFile
    let offset = statSync(file).size
    readMore = () => {
      const size = statSync(file).size
      if (size <= offset) return
      const readFd = openSync(file, "r")
      const buf = Buffer.alloc(Math.min(size - offset, 1_000_000))
      const n = readSync(readFd, buf, 0, buf.length, offset)
      closeSync(readFd)
      offset += n
      onText(buf.subarray(0, n))
    }
    const poll = setInterval(() => waiters.size > 0 && readMore(), 5)
    poll.unref()
    // registered before `exited` resolves: a waiter rejected at exit sees the last lines
    child.once("exit", () => {
      clearInterval(poll)
      readMore()
    })
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code))
    // a process that could not start at all
    child.once("error", (e) => {
      out += `\n${e.message}`
      resolve(-1)
    })
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start ${args.join(" ")}`)
  const handle: Child = {
    pid,
    process: child,
    output: () => {
      readMore()
      return out
    },
    exited,
    waitFor: (pattern, timeoutMs = 30_000) => {
      const m = pattern.exec(out)
      if (m) return Promise.resolve(m)
      return new Promise((resolve, reject) => {
        const w = {
          pattern,
          resolve: (v: RegExpExecArray) => {
            clearTimeout(timer)
            resolve(v)
          },
        }
        const timer = setTimeout(() => {
          waiters.delete(w)
          reject(
            new Error(`${args[0]} did not print ${pattern} within ${timeoutMs} ms; its output:\n${out.slice(-4000)}`),
          )
        }, timeoutMs)
        waiters.add(w)
        void exited.then((code) => {
          if (!waiters.has(w)) return
          waiters.delete(w)
          clearTimeout(timer)
          reject(new Error(`${args[0]} exited (${code}) before printing ${pattern}; its output:\n${out.slice(-4000)}`))
        })
      })
    },
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill("SIGTERM")
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
  running.add(handle)
  void exited.then(() => running.delete(handle))
  return handle
}
