import type { ServerResponse } from "node:http"
import { errorEnvelope } from "@oxd/core"

/** Headers on every answer: nothing cached (replies carry tokens), nothing sniffed. */
const BASE_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const

export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  res.writeHead(status, {
    ...BASE_HEADERS,
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
  })
  res.end(text)
}

export const sendHtml = (res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, {
    ...BASE_HEADERS,
    ...headers,
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(html)),
    // the page is static: no script, no outside resource, inline styles only
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  })
  res.end(html)
}

export const sendEmpty = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
  res.writeHead(status, { ...BASE_HEADERS, ...headers, "Content-Length": "0" })
  res.end()
}

/** An oxd error envelope the edge itself answers (HTTP-level problems: no command was run). */
export const sendError = (res: ServerResponse, status: number, code: string, description: string, headers: Record<string, string> = {}) =>
  sendJson(res, status, errorEnvelope({ code, http: status, description }), headers)
