import type { ServerResponse } from "node:http"
import { errorEnvelope } from "@oxd/core"

/** Headers on every answer: nothing cached (replies carry tokens), nothing sniffed. */
const BASE_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const

interface HeldReply {
  readonly res: ServerResponse
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string | undefined
}
let held: HeldReply[] = []

const sendHeld = () => {
  const replies = held
  held = []
  for (const { res, status, headers, body } of replies) {
    // a connection gone meanwhile, or an answer already sent (a failure after the reply was held): nothing to send
    if (res.headersSent || res.destroyed) continue
    try {
      res.writeHead(status, headers)
      res.end(body)
    } catch {
      res.destroy()
    }
  }
}

/**
 * Every answer leaves when the event-loop turn that made it ends (setImmediate), with the turn's others: the client
 * is woken once for a burst of replies rather than once per reply (the kernel's wake-up of the reader, inside each
 * write, was the largest cost of a cached check over HTTPS). The same as gatherWritesThisTurn over TCP and
 * WebSocket, but holding the reply itself: node:http's `res.end` uncorks its socket fully.
 */
const send = (res: ServerResponse, status: number, headers: Record<string, string>, body?: string) => {
  if (held.length === 0) setImmediate(sendHeld)
  held.push({ res, status, headers, body })
}

export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  send(res, status, {
    ...BASE_HEADERS,
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
  }, text)
}

export const sendHtml = (res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}) => {
  send(res, status, {
    ...BASE_HEADERS,
    ...headers,
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(html)),
    // the page is static: no script, no outside resource, inline styles only
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  }, html)
}

export const sendEmpty = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
  send(res, status, { ...BASE_HEADERS, ...headers, "Content-Length": "0" })
}

/** An oxd error envelope the edge itself answers (HTTP-level problems: no command was run). */
export const sendError = (res: ServerResponse, status: number, code: string, description: string, headers: Record<string, string> = {}) =>
  sendJson(res, status, errorEnvelope({ code, http: status, description }), headers)
