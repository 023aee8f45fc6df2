import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import { sendEmpty, sendJson } from "./replies.js"

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((r) => server?.close(r) ?? r(undefined))
  server = undefined
})

/** A plain HTTP server whose requests all go to `handler`; resolves with its port. */
const serve = async (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> => {
  server = createServer(handler)
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r))
  return (server.address() as AddressInfo).port
}

/** One request on its own connection: the status and body, or the error that ended it. */
const get = (port: number, path = "/") =>
  new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = ""
      res
        .setEncoding("utf8")
        .on("data", (c: string) => (body += c))
        .on("end", () => resolve({ status: res.statusCode!, body }))
    })
    req.on("error", (e) => resolve({ error: e.message })).end()
  })

const turnEnds = () => new Promise((r) => setImmediate(r))

describe("replies leave when the turn that made them ends", () => {
  it("holds an answer until the turn ends, then sends it with its status, headers and body", async () => {
    const seen: boolean[] = []
    const port = await serve((_req, res) => {
      sendJson(res, 201, { status: "ok", data: { n: 1 } }, { "X-Request-Id": "r-1" })
      seen.push(res.headersSent)
      void turnEnds().then(() => seen.push(res.headersSent))
    })
    const reply = await get(port)
    expect(reply).toEqual({ status: 201, body: '{"status":"ok","data":{"n":1}}' })
    expect(seen).toEqual([false, true])
  })

  it("sends each answer's own JSON, a constant (frozen) one included, with the base and the caller's headers", async () => {
    const granted = Object.freeze({ status: "ok", data: Object.freeze({ access: "granted" }) })
    const denied = Object.freeze({ status: "ok", data: Object.freeze({ access: "denied" }) })
    const port = await serve((req, res) =>
      sendJson(res, 200, req.url === "/d" ? denied : req.url === "/g" ? granted : { n: req.url }, {
        "X-Request-Id": String(req.url),
      }),
    )
    for (const path of ["/g", "/g", "/d", "/x", "/g"]) {
      const reply = await new Promise<{ headers: Record<string, unknown>; body: string }>((resolve) =>
        request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
          let body = ""
          res
            .setEncoding("utf8")
            .on("data", (c: string) => (body += c))
            .on("end", () => resolve({ headers: res.headers, body }))
        }).end(),
      )
      expect(JSON.parse(reply.body)).toEqual(path === "/g" ? granted : path === "/d" ? denied : { n: path })
      expect(reply.headers).toMatchObject({
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "x-request-id": path,
        "content-type": "application/json; charset=utf-8",
        "content-length": String(Buffer.byteLength(reply.body)),
      })
    }
  })

  it("sends the first answer of a response and drops a later one (a failure after the reply was held)", async () => {
    const port = await serve((_req, res) => {
      sendJson(res, 200, { status: "ok", data: {} })
      sendJson(res, 500, { status: "error", data: { error: "internal_error" } })
    })
    expect(await get(port)).toEqual({ status: 200, body: '{"status":"ok","data":{}}' })
    expect(await get(port)).toEqual({ status: 200, body: '{"status":"ok","data":{}}' })
  })

  it("skips a response whose connection is gone, and one whose headers cannot be sent; the turn's others still leave", async () => {
    const held: ServerResponse[] = []
    const port = await serve((req, res) => {
      held.push(res)
      if (held.length < 3) return
      // three requests in one turn: one gone, one with a header Node refuses, one good
      held[0]!.destroy()
      sendJson(held[0]!, 200, { gone: true })
      sendEmpty(held[1]!, 204, { "X-Bad": "line\nbreak" })
      sendJson(res, 200, { status: "ok", data: { path: req.url } })
    })
    const replies = await Promise.all([
      get(port, "/a"),
      get(port, "/b"),
      new Promise((r) => setTimeout(r, 50)).then(() => get(port, "/c")),
    ])
    expect(replies[0]).toHaveProperty("error")
    expect(replies[1]).toHaveProperty("error")
    expect(replies[2]).toEqual({ status: 200, body: '{"status":"ok","data":{"path":"/c"}}' })
    // and the server goes on answering
    held.length = 0
    const again = await Promise.all([
      get(port, "/d"),
      get(port, "/e"),
      new Promise((r) => setTimeout(r, 50)).then(() => get(port, "/f")),
    ])
    expect(again[2]).toEqual({ status: 200, body: '{"status":"ok","data":{"path":"/f"}}' })
  })
})
