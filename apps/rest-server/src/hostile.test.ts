/**
 * The hostile corpus over the REST API (tooling/hostile/corpus/http), the registry-generated param cases, slow
 * senders, silent connections and rate limits. After every case the server must still answer another client.
 */
import { Agent, request as httpRequest } from "node:http"
import { connect as tcpConnect, type Socket } from "node:net"
import { connect as tlsConnect } from "node:tls"
import { commands } from "@oxd/core"
import { restPath } from "@oxd/wire"
import { bytesOf, loadCorpus, paramCases, prototypePolluted, type HttpCase } from "@oxd/hostile"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestRest, type TestRest } from "./test-support/http.js"

interface Answer {
  readonly status: number
  readonly headers: string
  readonly body: any
  readonly closed: boolean
}

/** Sends raw bytes on a fresh connection; reads one HTTP response (Content-Length framed) or until the server closes. */
const rawExchange = (
  port: number,
  bytes: Buffer,
  opts: { readonly tls?: boolean; readonly ms?: number } = {},
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const socket: Socket = opts.tls
      ? tlsConnect({ host: "127.0.0.1", port, rejectUnauthorized: false })
      : tcpConnect({ host: "127.0.0.1", port })
    let buf = Buffer.alloc(0)
    let done = false
    const timer = setTimeout(
      () =>
        finish(new Error(`no complete answer within ${opts.ms ?? 10_000} ms: ${buf.toString("latin1").slice(0, 200)}`)),
      opts.ms ?? 10_000,
    )
    const parse = (closed: boolean): Answer | undefined => {
      const end = buf.indexOf("\r\n\r\n")
      if (end < 0) return undefined
      const head = buf.subarray(0, end).toString("latin1")
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN)
      const body = buf.subarray(end + 4)
      if (!closed && (Number.isNaN(length) || body.length < length)) return undefined
      const text = body.subarray(0, Number.isNaN(length) ? undefined : length).toString("utf8")
      let json: unknown
      try {
        json = text ? JSON.parse(text) : undefined
      } catch {
        json = undefined
      }
      return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body: json, closed }
    }
    const finish = (e?: Error, a?: Answer) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      if (a) resolve(a)
      else reject(e ?? new Error(`the server closed without an answer`))
    }
    socket.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d])
      const a = parse(false)
      if (a) finish(undefined, a)
    })
    socket.on("close", () => finish(undefined, parse(true)))
    socket.on("error", () => undefined) // a write after the server answered early (413) is the client's problem
    socket.write(bytes)
  })

const requestBytes = (r: NonNullable<HttpCase["request"]>): Buffer => {
  const body = r.body ? bytesOf(r.body) : undefined
  const headers = Object.entries(r.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")
  const head = `${r.method} ${r.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}${body ? `Content-Length: ${body.length}\r\n` : ""}\r\n`
  return Buffer.concat([Buffer.from(head, "latin1"), body ?? Buffer.alloc(0)])
}

let rest: TestRest
let port: number
beforeAll(async () => {
  rest = await startTestRest({}, { plainHttp: true })
  port = rest.server.port
})
afterAll(() => rest?.close())

const json = (command: string, body: unknown, headers: Record<string, string> = {}) => {
  const text = Buffer.from(JSON.stringify(body))
  return requestBytes({
    method: "POST",
    path: restPath(command),
    headers: { "Content-Type": "application/json", ...headers },
    body: [{ hex: text.toString("hex") }],
  })
}
const stillServing = async (p = port, tls = false) => {
  const a = await rawExchange(p, json("setup_client", { authorization_redirect_uri: "https://rp.example/cb" }), { tls })
  // an oxd error: HTTP 200 with the envelope (rest_error_status: reference, oxd-https-extension RestResource.java:201-215)
  expect(a.status).toBe(200)
  expect(a.body?.data?.error).toBe("invalid_op_host")
}

const corpus = loadCorpus("http")

describe(`REST hostile corpus (${corpus.length} cases from tooling/hostile/corpus/http)`, () => {
  it.each(corpus.map((c) => [`${c.file}: ${c.name}`, c] as const))("%s", async (_, hc) => {
    const bytes = hc.raw ? bytesOf(hc.raw) : requestBytes(hc.request!)
    const a = await rawExchange(port, bytes)
    expect(a.status).toBe(hc.expect.status)
    if (hc.expect.error) {
      expect(a.body).toMatchObject({
        status: "error",
        data: { error: hc.expect.error, error_description: expect.any(String) },
      })
    }
    expect(prototypePolluted()).toBe(false)
    await stillServing()
  })
})

describe("REST: generated cases over every command's params", () => {
  const cases = paramCases(Object.values(commands))
  // internal_error is the reference's answer to a param of the wrong JSON type (audit X3, ERC:21): a defect is not
  it(`answers ${cases.length} wrong-typed, injection and pollution bodies with oxd errors, never a defect`, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 8 })
    const post = (command: string, body: unknown) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const text = JSON.stringify(body)
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: restPath(command),
            agent,
            headers: {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(text),
              authorization: "Bearer not-a-real-token",
            },
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on("data", (c: Buffer) => chunks.push(c))
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) }),
            )
          },
        )
        req.on("error", reject)
        req.end(text)
      })
    try {
      for (let i = 0; i < cases.length; i += 64) {
        const batch = cases.slice(i, i + 64)
        const answers = await Promise.all(batch.map((c) => post(c.command, c.params)))
        answers.forEach((a, k) => {
          expect(a.body?.status, batch[k]!.name).toBe("error")
          expect(a.body?.data?.error_description, batch[k]!.name).not.toMatch(/^Internal error; the server logged it/)
          expect(a.status, batch[k]!.name).toBeLessThan(500)
        })
      }
    } finally {
      agent.destroy()
    }
    expect(prototypePolluted()).toBe(false)
    await stillServing()
  })
})

describe("REST: slow senders and silent connections (headers 1 s, request 2 s, TLS handshake 1 s)", () => {
  let slow: TestRest
  let tlsSlow: TestRest
  const timeouts = { headers: 1000, request: 2000, handshake: 1000 } as const
  beforeAll(async () => {
    slow = await startTestRest({}, { plainHttp: true, timeouts })
    tlsSlow = await startTestRest({}, { timeouts })
  })
  afterAll(async () => {
    await slow?.close()
    await tlsSlow?.close()
  })

  /** Opens a connection and writes `bytes` one at a time every `everyMs`; resolves with what came back and when. */
  const trickle = (p: number, bytes: Buffer, everyMs: number) =>
    new Promise<{ text: string; ms: number; sentAll: boolean }>((resolve) => {
      const started = Date.now()
      const socket = tcpConnect({ host: "127.0.0.1", port: p })
      let text = ""
      let i = 0
      const tick = setInterval(() => {
        if (i < bytes.length) socket.write(bytes.subarray(i, ++i))
      }, everyMs)
      socket.on("data", (d: Buffer) => {
        text += d.toString("latin1")
      })
      socket.on("error", () => undefined)
      socket.on("close", () => {
        clearInterval(tick)
        resolve({ text, ms: Date.now() - started, sentAll: i >= bytes.length })
      })
    })

  it("headers trickled a byte every 100 ms (slowloris): 408 as an oxd envelope, then closed", async () => {
    const r = await trickle(slow.server.port, json("get_authorization_url", { oxd_id: "slow" }), 100)
    expect(r.sentAll).toBe(false)
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /)
    expect(r.text).toContain('"error":"bad_request"')
    expect(r.ms).toBeLessThan(8000)
    await stillServing(slow.server.port)
  })

  it("a body trickled after quick headers: cut off at the request timeout", async () => {
    const body = Buffer.from(JSON.stringify({ oxd_id: "slow-body", pad: "x".repeat(200) }))
    const head = Buffer.from(
      `POST /get-authorization-url HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    )
    const started = Date.now()
    const socket = tcpConnect({ host: "127.0.0.1", port: slow.server.port })
    socket.on("error", () => undefined)
    socket.resume()
    socket.write(head)
    let i = 0
    const tick = setInterval(() => {
      if (i < body.length) socket.write(body.subarray(i, ++i))
    }, 100)
    await new Promise<void>((resolve) => socket.on("close", () => resolve()))
    clearInterval(tick)
    expect(i).toBeLessThan(body.length)
    expect(Date.now() - started).toBeLessThan(10_000)
    await stillServing(slow.server.port)
  })

  it("a connection that never sends is closed (plain HTTP: 408 at the headers timeout; HTTPS: TLS handshake timeout)", async () => {
    for (const p of [slow.server.port, tlsSlow.server.port]) {
      const started = Date.now()
      const socket = tcpConnect({ host: "127.0.0.1", port: p })
      socket.on("error", () => undefined)
      socket.resume() // read what the server says (a 408) so its close is seen
      await new Promise<void>((resolve) => socket.on("close", () => resolve()))
      expect(Date.now() - started).toBeLessThan(8000)
    }
    await stillServing(tlsSlow.server.port, true)
  })
})

describe("REST: rate limits (rate_limit_per_minute 60, burst 3)", () => {
  // core counts the commands it is given: a call without a Bearer is refused by the edge (403) before that
  const burst = async (errorStatus: "reference" | "http") => {
    const limited = await startTestRest(
      { rate_limit_per_minute: 60, rate_limit_burst: 3, rest_error_status: errorStatus },
      { plainHttp: true },
    )
    try {
      const p = limited.server.port
      const call = () =>
        rawExchange(p, json("get_authorization_url", { oxd_id: "x" }, { Authorization: "Bearer a-token" }))
      const first = await Promise.all([call(), call(), call()])
      expect(first.map((a) => a.body?.data?.error)).toEqual(["invalid_oxd_id", "invalid_oxd_id", "invalid_oxd_id"])
      const refused = await call()
      expect(refused.body).toMatchObject({
        status: "error",
        data: { error: "rate_limited", error_description: expect.stringMatching(/at most 60 a minute\. Retry in 1s/) },
      })
      const statuses = [...first.map((a) => a.status), refused.status]
      await new Promise((r) => setTimeout(r, 1100))
      expect((await call()).body?.data?.error).toBe("invalid_oxd_id")
      return statuses
    } finally {
      await limited.close()
    }
  }

  it("answers rate_limited past the burst, per address, and serves again after the refill: HTTP 200 by the reference (RestResource.java:201-215)", async () => {
    expect(await burst("reference")).toEqual([200, 200, 200, 200])
  })

  it("rest_error_status: http: 429 rate_limited", async () => {
    expect(await burst("http")).toEqual([400, 400, 400, 429])
  })
})
