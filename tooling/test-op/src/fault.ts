import type { IncomingMessage, ServerResponse } from "node:http"

/**
 * Provider-wide faults, for testing how a client copes with an OP that is down, slow or broken:
 *   down     the connection is closed without an answer (as a crashed or unreachable OP looks)
 *   slow     the answer comes after `delayMs` (default 60 s), or never if the client gives up first
 *   garbage  200 with Content-Type application/json and a body that is not JSON
 *   http500  500 with an HTML body (a failing reverse proxy or application server)
 *   empty    200 with the JSON object {} (an answer without what was asked: a token response without access_token)
 *   forbidden 403 with an empty body and no content type (an OP refusing a grant it does not allow, saying nothing)
 * `paths` (prefixes, e.g. ["/token", "/.well-known/"]) limits the fault to those paths; `times` to that many
 * requests. The control API (/__test/…) is never faulted, so a test can always lift the fault.
 */
export const FAULT_MODES = ["down", "slow", "garbage", "http500", "empty", "forbidden"] as const
export type FaultMode = (typeof FAULT_MODES)[number]

export interface Fault {
  mode: FaultMode
  /** slow: how long each answer is held back (ms); default 60 000. */
  delayMs?: number
  /** Path prefixes to fault; every path when omitted. */
  paths?: string[]
  /** Fault this many requests, then behave again; until cleared when omitted. */
  times?: number
}

export function isFaultMode(mode: unknown): mode is FaultMode {
  return typeof mode === "string" && (FAULT_MODES as readonly string[]).includes(mode)
}

/** Validates a fault from the JS API or the control API; throws a TypeError naming what is wrong. */
export function parseFault(input: Record<string, unknown>): Fault {
  const { mode, delayMs, delay_ms, paths, times } = input
  if (!isFaultMode(mode)) throw new TypeError(`mode must be one of ${FAULT_MODES.join(", ")}`)
  const delay = delayMs ?? delay_ms
  if (delay !== undefined && (typeof delay !== "number" || !Number.isFinite(delay) || delay < 0))
    throw new TypeError("delayMs must be a number ≥ 0")
  if (
    paths !== undefined &&
    (!Array.isArray(paths) || !paths.every((p) => typeof p === "string" && p.startsWith("/")))
  ) {
    throw new TypeError("paths must be a list of path prefixes starting with /")
  }
  if (times !== undefined && (typeof times !== "number" || !Number.isInteger(times) || times < 1))
    throw new TypeError("times must be a whole number ≥ 1")
  return {
    mode,
    ...(delay !== undefined ? { delayMs: delay as number } : {}),
    ...(paths !== undefined ? { paths: [...(paths as string[])] } : {}),
    ...(times !== undefined ? { times: times as number } : {}),
  }
}

/** The fault in force (one at a time) and how many requests it hit. */
export class Faults {
  #fault: (Fault & { remaining: number }) | undefined
  #hits = 0

  set(fault: Fault | null): void {
    this.#fault = fault
      ? { ...parseFault(fault as unknown as Record<string, unknown>), remaining: fault.times ?? Infinity }
      : undefined
    this.#hits = 0
  }

  current(): (Fault & { hits: number }) | null {
    if (!this.#fault) return null
    const { remaining, ...f } = this.#fault
    return { ...f, ...(Number.isFinite(remaining) ? { times: remaining } : {}), hits: this.#hits }
  }

  /** The fault for a request to `path`, counting it; undefined when the request is served normally. */
  take(path: string): Fault | undefined {
    const f = this.#fault
    if (!f || (f.paths && !f.paths.some((p) => path === p || path.startsWith(p)))) return undefined
    this.#hits++
    if (--f.remaining <= 0) this.#fault = undefined
    return f
  }
}

/** Answers (or does not) as the fault says; `serve` runs the request normally (slow: after the delay). */
export function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, serve: () => void): void {
  switch (fault.mode) {
    case "down":
      req.socket.destroy()
      return
    case "garbage":
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" })
      res.end('\u0000<html>{"not": json at all ]]}\r\n')
      return
    case "http500":
      res.writeHead(500, { "Content-Type": "text/html; charset=utf-8" })
      res.end("<h1>500 Internal Server Error</h1>")
      return
    case "forbidden":
      res.writeHead(403, { "Content-Length": "0" })
      res.end()
      return
    case "empty":
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" })
      res.end("{}")
      return
    case "slow": {
      const timer = setTimeout(() => {
        if (!res.destroyed && !res.writableEnded) serve()
      }, fault.delayMs ?? 60_000)
      // a client that gives up frees the timer (and the request)
      res.once("close", () => clearTimeout(timer))
      return
    }
  }
}
