import type { ServerResponse } from "node:http"
import { errorEnvelope, type WireError } from "@oxd/core"
import { DOCS_CSP } from "./docsPage.js"

/** Headers on every answer: nothing cached (replies carry tokens), nothing sniffed. */
const BASE_HEADERS = ["Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"] as const
const JSON_TYPE = "application/json; charset=utf-8"

/**
 * An answer's headers as node:http's flat [name, value, …] list: the base ones, the caller's (CORS, request id,
 * Connection, Allow: never one of the base or content headers), then the answer's own. A list, not an object built
 * by spreads: that object cost more than the JSON of a cached check's answer.
 */
const headerList = (headers: Readonly<Record<string, string>>, ...own: ReadonlyArray<string>): string[] => {
  const list: string[] = [...BASE_HEADERS]
  for (const name in headers) list.push(name, headers[name]!)
  for (const item of own) list.push(item)
  return list
}

interface HeldReply {
  readonly res: ServerResponse
  readonly status: number
  readonly headers: string[]
  readonly body: string | Buffer | undefined
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
const send = (res: ServerResponse, status: number, headers: string[], body?: string | Buffer) => {
  if (held.length === 0) setImmediate(sendHeld)
  held.push({ res, status, headers, body })
}

/** The last frozen value sent and its JSON: core gives a constant answer (a granted check's) as one frozen value, frozen all through. */
let lastFrozen: unknown
let lastFrozenJson = ""
const jsonOf = (body: unknown): string => {
  if (typeof body === "string") return body
  if (body === lastFrozen) return lastFrozenJson
  const json = JSON.stringify(body)
  if (typeof body === "object" && body !== null && Object.isFrozen(body)) {
    lastFrozen = body
    lastFrozenJson = json
  }
  return json
}

export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
) => {
  const text = jsonOf(body)
  send(
    res,
    status,
    headerList(headers, "Content-Type", JSON_TYPE, "Content-Length", String(Buffer.byteLength(text))),
    text,
  )
}

export const sendHtml = (
  res: ServerResponse,
  status: number,
  html: string,
  headers: Readonly<Record<string, string>> = {},
) => {
  send(
    res,
    status,
    headerList(
      headers,
      "Content-Type",
      "text/html; charset=utf-8",
      "Content-Length",
      String(Buffer.byteLength(html)),
      // the docs page: Swagger UI's files from this server, requests to it only
      "Content-Security-Policy",
      DOCS_CSP,
    ),
    html,
  )
}

/**
 * A file of the docs page (Swagger UI's bundle, stylesheet, icon, init.js): the same bytes until the package changes,
 * and no secret in them, so a browser may keep them an hour.
 */
export const sendAsset = (
  res: ServerResponse,
  type: string,
  body: Buffer,
  headers: Readonly<Record<string, string>> = {},
) => {
  const list: string[] = ["X-Content-Type-Options", "nosniff", "Cache-Control", "public, max-age=3600"]
  for (const name in headers) list.push(name, headers[name]!)
  list.push("Content-Type", type, "Content-Length", String(body.length))
  send(res, 200, list, body)
}

/**
 * The front-channel logout page (Front-Channel Logout 1.0 §3): never cached (no-cache, no-store, as the spec asks,
 * instead of the base no-store), and framed by the OP (frame-ancestors) alone.
 */
export const sendLogoutPage = (
  res: ServerResponse,
  status: number,
  html: string,
  frameAncestors: string,
  headers: Readonly<Record<string, string>> = {},
) => {
  const list: string[] = [
    "Cache-Control",
    "no-cache, no-store",
    "Pragma",
    "no-cache",
    "X-Content-Type-Options",
    "nosniff",
  ]
  for (const name in headers) list.push(name, headers[name]!)
  list.push(
    "Content-Type",
    "text/html; charset=utf-8",
    "Content-Length",
    String(Buffer.byteLength(html)),
    "Content-Security-Policy",
    `default-src 'none'; frame-ancestors ${frameAncestors}`,
  )
  send(res, status, list, html)
}

/** A plain-text answer: GET /health-check's `running`, the reference's body (no JSON, so not labelled JSON). */
export const sendText = (
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
) => {
  send(
    res,
    status,
    headerList(headers, "Content-Type", "text/plain; charset=utf-8", "Content-Length", String(Buffer.byteLength(text))),
    text,
  )
}

export const sendEmpty = (res: ServerResponse, status: number, headers: Readonly<Record<string, string>> = {}) => {
  send(res, status, headerList(headers, "Content-Length", "0"))
}

/** An oxd error envelope the edge itself answers (HTTP-level problems: no command was run). */
export const sendError = (res: ServerResponse, wire: WireError, headers: Record<string, string> = {}) =>
  sendJson(res, wire.http, errorEnvelope(wire), headers)
