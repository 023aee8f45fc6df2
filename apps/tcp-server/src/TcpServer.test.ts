import { connect, Socket as NetSocket, type Socket } from "node:net"
import { errorEnvelope, makeConfig, makeOxd, okEnvelope, type Oxd } from "@oxd/core"
import { byteFrame, takeFrames, unitFrame } from "@oxd/testkit"
import { describe, expect, it } from "vitest"
import { startTcpServer, type TcpServer } from "./TcpServer.js"
import { startCoreAndServer } from "./test-support/coreAndServer.js"

// ---------------------------------------------------------------------------------------------------------------
// A raw client: writes bytes, reads framed replies, records every 'data' chunk and the close.

interface Reply {
  readonly status: string
  readonly data: Record<string, unknown>
}

const frame = byteFrame
const command = (name: string, params: unknown = {}) => frame(JSON.stringify({ command: name, params }))

class Client {
  readonly chunks: Buffer[] = []
  readonly replies: Reply[] = []
  ended = false
  closed = false
  #buffer: Buffer = Buffer.alloc(0)
  #wake: Array<() => void> = []

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.chunks.push(chunk)
      const { frames, rest } = takeFrames(Buffer.concat([this.#buffer, chunk]))
      this.#buffer = rest
      for (const f of frames) this.replies.push(JSON.parse(f.toString("utf8")) as Reply)
      this.#notify()
    })
    socket.on("end", () => {
      this.ended = true
      this.#notify()
    })
    socket.on("close", () => {
      this.closed = true
      this.#notify()
    })
    socket.on("error", () => {})
  }

  static open(port: number, opts: { allowHalfOpen?: boolean } = {}): Promise<Client> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: "127.0.0.1", port, allowHalfOpen: opts.allowHalfOpen ?? false })
      s.once("connect", () => {
        s.off("error", reject)
        resolve(new Client(s))
      })
      s.once("error", reject)
    })
  }

  #notify() {
    for (const w of this.#wake.splice(0)) w()
  }

  /** Resolves when `done()` holds; rejects after `ms`. */
  until(done: () => boolean, what: string, ms = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)
      const check = () => {
        if (done()) {
          clearTimeout(timer)
          resolve()
        } else this.#wake.push(check)
      }
      check()
    })
  }

  write(raw: Buffer | string) {
    this.socket.write(raw)
  }

  async reply(index = this.replies.length): Promise<Reply> {
    await this.until(() => this.replies.length > index, `reply #${index}`)
    return this.replies[index]!
  }

  /** Sends one command and returns its reply. */
  async call(name: string, params: unknown = {}): Promise<Reply> {
    const i = this.replies.length
    this.write(command(name, params))
    return this.reply(i)
  }

  /** The server ended its side (FIN) or the socket closed. */
  serverClosed(ms = 5000) {
    return this.until(() => this.ended || this.closed, "the server to close the connection", ms)
  }

  close() {
    this.socket.destroy()
  }
}

const errorOf = (r: Reply) => {
  expect(r.status).toBe("error")
  return r.data as { error: string; error_description: string }
}

// ---------------------------------------------------------------------------------------------------------------

let oxd: Oxd
let server: TcpServer
// core bounds its error texts, so big replies come from an edge test double: an Oxd whose "echo_big"
// answers with a blob of the asked size (every other command goes to the real core)
const withBigReplies = async () => {
  const call: Oxd["call"] = (c, p, ctx) =>
    c === "echo_big"
      ? { envelope: okEnvelope({ blob: "z".repeat(Number((p as { size: number }).size)) }), http: 200 }
      : oxd.call(c, p, ctx)
  const big: Oxd = { ...oxd, call, dispatch: async (c, p, ctx) => call(c, p, ctx) }
  return startTcpServer(big, { host: "127.0.0.1", port: 0 })
}

const clients: Client[] = []
const open = async (opts?: { allowHalfOpen?: boolean; port?: number }) => {
  const c = await Client.open(opts?.port ?? server.port, opts)
  clients.push(c)
  return c
}

startCoreAndServer(
  (o, s) => ([oxd, server] = [o, s]),
  () => {
    for (const c of clients) c.close()
  },
)

/** The server still answers a fresh connection correctly. */
const stillServing = async () => {
  const c = await open()
  expect(errorOf(await c.call("no_such_command")).error).toBe("unsupported_operation")
  expect(errorOf(await c.call("get_authorization_url", { oxd_id: "still-serving" })).error).toBe("invalid_oxd_id")
  c.close()
}

/**
 * A client framing as oxd-java (TransportClient.java:70) and oxd-node do: the JSON's String.length (UTF-16 units), then
 * the JSON in UTF-8; it reads replies as the reference's CoreUtils.readCommand does (CoreUtils.java:179-220): the
 * stream decoded to characters, 4 of them the length, then that many characters.
 */
class UnitClient {
  readonly replies: Array<{ readonly prefix: string; readonly json: string; readonly bytes: number }> = []
  #text = ""
  #decoder = new TextDecoder("utf-8")
  #wake: Array<() => void> = []
  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.#text += this.#decoder.decode(chunk, { stream: true })
      while (this.#text.length >= 4) {
        const prefix = this.#text.slice(0, 4)
        const n = Number(prefix)
        if (this.#text.length < 4 + n) break
        const json = this.#text.slice(4, 4 + n)
        this.replies.push({ prefix, json, bytes: Buffer.byteLength(json) })
        this.#text = this.#text.slice(4 + n)
      }
      for (const w of this.#wake.splice(0)) w()
    })
    socket.on("error", () => {})
  }
  static async open(port: number) {
    const s = connect({ host: "127.0.0.1", port })
    await new Promise((resolve, reject) => {
      s.once("connect", resolve)
      s.once("error", reject)
    })
    return new UnitClient(s)
  }
  /** oxd-node's framing: `"00" + string.length + string` for 10-99, `"0" + …` for 100-999; padStart for all here. */
  send(json: string) {
    this.socket.write(unitFrame(json))
  }
  async reply(i: number) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for reply #${i}`)), 5000)
      const check = () => (this.replies.length > i ? (clearTimeout(timer), resolve()) : void this.#wake.push(check))
      check()
    })
    return this.replies[i]!
  }
}

const NON_ASCII = { client_name: "Zürich café", emoji: "😀", mixed: "日本語 ünïcödé 🇨🇭" }

/** An Oxd whose "echo" answers its params (every other command goes to the real core). */
const withEcho = () => {
  const call: Oxd["call"] = (c, p, ctx) => (c === "echo" ? { envelope: okEnvelope(p), http: 200 } : oxd.call(c, p, ctx))
  return startTcpServer(
    { ...oxd, call, dispatch: async (c, p, ctx) => call(c, p, ctx) },
    { host: "127.0.0.1", port: 0 },
  )
}

describe("T3: the length unit, UTF-16 units (the reference, CoreUtils.java:206-209) or UTF-8 bytes", () => {
  it("answers an oxd-node/oxd-java framed command with non-ASCII params, and its reply's prefix is the String.length that client reads", async () => {
    const c = await UnitClient.open(server.port)
    const name = "commänd_Zürich_café_😀"
    const json = JSON.stringify({ command: name, params: NON_ASCII })
    expect(Buffer.byteLength(json)).toBeGreaterThan(json.length)
    c.send(json)
    const r = await c.reply(0)
    // the prefix is the JSON's String.length, what oxd-java's readCommand and oxd-node count; and its byte count
    expect(r.prefix).toBe(String(r.json.length).padStart(4, "0"))
    expect(r.bytes).toBe(r.json.length)
    const reply = JSON.parse(r.json) as Reply
    expect(errorOf(reply).error).toBe("unsupported_operation")
    expect(errorOf(reply).error_description).toContain(name)
    // the connection goes on
    c.send(JSON.stringify({ command: "get_authorization_url", params: { oxd_id: "ünïcödé-😀" } }))
    expect(errorOf(JSON.parse((await c.reply(1)).json) as Reply).error).toBe("invalid_oxd_id")
    c.socket.destroy()
  })

  it("reads params whole in both units, pipelined and mixed in one write; every reply reads right in both units", async () => {
    const s = await withEcho()
    try {
      const c = await UnitClient.open(s.port)
      const json = JSON.stringify({ command: "echo", params: NON_ASCII })
      const byUnits = unitFrame(json)
      const byBytes = frame(json)
      expect(byUnits.subarray(0, 4).toString()).not.toBe(byBytes.subarray(0, 4).toString())
      c.socket.write(Buffer.concat([byUnits, byBytes, byBytes, byUnits, command("echo", { n: 1 }), byUnits]))
      await c.reply(5)
      for (const r of c.replies) {
        expect(Number(r.prefix)).toBe(r.json.length)
        expect(r.bytes).toBe(r.json.length)
      }
      expect(c.replies.map((r) => (JSON.parse(r.json) as Reply).data)).toEqual([
        NON_ASCII,
        NON_ASCII,
        NON_ASCII,
        NON_ASCII,
        { n: 1 },
        NON_ASCII,
      ])
      c.socket.destroy()
      // and a byte-counting client reads the same replies
      const b = await Client.open(s.port)
      clients.push(b)
      expect((await b.call("echo", NON_ASCII)).data).toEqual(NON_ASCII)
    } finally {
      await s.close()
    }
  })

  it("reads a UTF-16-counted command trickled a byte at a time (a split inside a character too)", async () => {
    const s = await withEcho()
    try {
      const c = await UnitClient.open(s.port)
      const raw = unitFrame(JSON.stringify({ command: "echo", params: NON_ASCII }))
      for (let i = 0; i < raw.length; i++) {
        c.socket.write(raw.subarray(i, i + 1))
        if (i % 8 === 0) await new Promise((r) => setTimeout(r, 1))
      }
      expect((JSON.parse((await c.reply(0)).json) as Reply).data).toEqual(NON_ASCII)
      c.socket.destroy()
    } finally {
      await s.close()
    }
  })
})

describe("commands", () => {
  it("answers an unknown command with unsupported_operation and keeps the connection", async () => {
    const c = await open()
    const e = errorOf(await c.call("no_such_command"))
    expect(e.error).toBe("unsupported_operation")
    expect(typeof e.error_description).toBe("string")
    expect(errorOf(await c.call("get_authorization_url", { oxd_id: "nope" })).error).toBe("invalid_oxd_id")
    expect(c.closed || c.ended).toBe(false)
  })

  it("answers bad params with an error and keeps the connection", async () => {
    const c = await open()
    const e = errorOf(await c.call("get_authorization_url", {}))
    expect(e.error).toBe("bad_request")
    expect(e.error_description).toContain("oxd_id")
    expect(errorOf(await c.call("get_authorization_url", { oxd_id: "unknown-site" })).error).toBe("invalid_oxd_id")
    expect(errorOf(await c.call("register_site", { authorization_redirect_uri: "https://rp.example/cb" })).error).toBe(
      "invalid_op_host",
    )
    // params that are not an object: the reference's internal_error ERC:21, the connection stays (audit X2)
    expect(errorOf(await c.call("get_authorization_url", "not an object")).error).toBe("internal_error")
    expect(errorOf(await c.call("get_authorization_url", [1, 2])).error).toBe("internal_error")
    expect(errorOf(await c.call("no_such_command")).error).toBe("unsupported_operation")
    expect(c.closed || c.ended).toBe(false)
  })

  it("T5: answers pipelined commands (one write) in order (the reference drops all but the first, CoreUtils.java:211-214)", async () => {
    const c = await open()
    const names = ["no_such_command", "get_authorization_url", "register_site", "get_authorization_url", "x"]
    const params = [{}, {}, { authorization_redirect_uri: "https://rp.example/cb" }, { oxd_id: "abc" }, {}]
    c.write(Buffer.concat(names.map((n, i) => command(n, params[i]))))
    await c.reply(names.length - 1)
    expect(c.replies.map((r) => errorOf(r).error)).toEqual([
      "unsupported_operation",
      "bad_request",
      "invalid_op_host",
      "invalid_oxd_id",
      "unsupported_operation",
    ])
  })

  it("answers many pipelined commands in order", async () => {
    const c = await open()
    const n = 100
    c.write(
      Buffer.concat(
        Array.from({ length: n }, (_, i) =>
          i % 2 ? command(`unknown_${i}`) : command("get_authorization_url", { oxd_id: `id-${i}` }),
        ),
      ),
    )
    await c.reply(n - 1)
    c.replies.forEach((r, i) => {
      const e = errorOf(r)
      expect(e.error).toBe(i % 2 ? "unsupported_operation" : "invalid_oxd_id")
      if (i % 2) expect(e.error_description).toContain(`unknown_${i}`)
    })
  })

  it("answers commands sent one after another on one connection", async () => {
    const c = await open()
    for (let i = 0; i < 10; i++) {
      expect(errorOf(await c.call(i % 2 ? "no_such_command" : "get_authorization_url", {})).error).toBe(
        i % 2 ? "unsupported_operation" : "bad_request",
      )
    }
    expect(c.replies).toHaveLength(10)
  })

  it("sends each reply in one chunk (old clients read only the first one)", async () => {
    for (const [name, params] of [
      ["no_such_command", {}],
      ["get_authorization_url", {}],
      ["register_site", {}],
    ] as const) {
      const c = await open()
      c.write(command(name, params))
      await c.until(() => c.chunks.length > 0, "data")
      const first = c.chunks[0]!
      const len = Number(first.subarray(0, 4).toString("ascii"))
      expect(first.length).toBe(4 + len)
      expect(JSON.parse(first.subarray(4).toString("utf8"))).toMatchObject({ status: "error" })
      c.close()
    }
  })

  it("sends a 9 KB reply in one chunk too", async () => {
    const bigServer = await withBigReplies()
    try {
      const socket = connect({ host: "127.0.0.1", port: bigServer.port })
      const first = await new Promise<Buffer>((resolve, reject) => {
        socket.once("data", resolve)
        socket.on("error", reject)
        socket.write(command("echo_big", { size: 9000 }))
      })
      socket.destroy()
      expect(first.length).toBeGreaterThan(9000)
      expect(first.length).toBe(4 + Number(first.subarray(0, 4).toString("ascii")))
    } finally {
      await bigServer.close()
    }
  })

  it("T4: writes a wider length prefix for a reply past 9999, then closes the connection as the reference does (CoreUtils.java:173-175, SocketProcessor.java:67-73)", async () => {
    const bigServer = await withBigReplies()
    try {
      const socket = connect({ host: "127.0.0.1", port: bigServer.port })
      const chunks: Buffer[] = []
      const raw = await new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("timed out waiting for a long reply")), 5000)
        socket.on("data", (chunk: Buffer) => {
          chunks.push(chunk)
          const all = Buffer.concat(chunks)
          const prefix = /^\d{5}/.exec(all.subarray(0, 5).toString("latin1"))
          if (prefix && all.length >= 5 + Number(prefix[0])) {
            clearTimeout(timer)
            resolve(all)
          }
        })
        socket.on("error", reject)
        socket.write(command("echo_big", { size: 12000 }))
      })
      // the server ends the connection after it: a command sent behind it is not answered
      socket.write(command("echo_big", { size: 10 }))
      await new Promise<void>((resolve) => socket.once("end", () => resolve()))
      socket.destroy()
      expect(Buffer.concat(chunks).length).toBe(raw.length)
      const length = Number(raw.subarray(0, 5).toString("ascii"))
      expect(length).toBeGreaterThan(9999)
      expect(raw.length).toBe(5 + length)
      const reply = JSON.parse(raw.subarray(5).toString("utf8")) as { status: string; data: { blob: string } }
      expect(reply.status).toBe("ok")
      expect(reply.data.blob).toHaveLength(12000)
    } finally {
      await bigServer.close()
    }
  })

  it("answers a command that arrives byte by byte", async () => {
    const c = await open()
    const raw = command("get_authorization_url", { oxd_id: "trickle" })
    for (let i = 0; i < raw.length; i++) {
      c.write(raw.subarray(i, i + 1))
      if (i % 8 === 0) await new Promise((r) => setTimeout(r, 1))
    }
    expect(errorOf(await c.reply()).error).toBe("invalid_oxd_id")
  })

  it("accepts multi-byte UTF-8 with the length in bytes", async () => {
    const c = await open()
    const e = errorOf(await c.call("commänd_日本_😀"))
    expect(e.error).toBe("unsupported_operation")
    expect(errorOf(await c.call("get_authorization_url", { oxd_id: "ünïcödé-😀" })).error).toBe("invalid_oxd_id")
  })

  it("ignores unknown params", async () => {
    const c = await open()
    const e = errorOf(
      await c.call("get_authorization_url", { oxd_id: "x", host: "localhost", port: 8099, extra: { a: [1] } }),
    )
    expect(e.error).toBe("invalid_oxd_id")
  })

  it('T9: answers a message without a command (missing, null, "") with unsupported_operation and keeps the connection (reference: Processor.java:80-82)', async () => {
    const c = await open()
    for (const msg of ['{"params":{}}', "{}", '{"command":"","params":{}}', '{"command":null}']) {
      const i = c.replies.length
      c.write(frame(msg))
      const e = errorOf(await c.reply(i))
      expect(e.error).toBe("unsupported_operation")
      expect(e.error_description).toContain("command")
    }
    expect(errorOf(await c.call("no_such_command")).error).toBe("unsupported_operation")
    expect(c.closed || c.ended).toBe(false)
  })

  it.each(['{"command":42}', '{"command":{"name":"x"}}', '{"command":["get_authorization_url"]}', '{"command":true}'])(
    "T9: a command that is not a string (%s) is internal_error and closes, as the reference's failed Command mapping (Processor.java:59-63, SocketProcessor.java:62-65)",
    async (msg) => {
      const c = await open()
      c.write(frame(msg))
      await c.serverClosed()
      await new Promise((r) => setTimeout(r, 20))
      expect(c.replies.map((r) => errorOf(r).error)).toEqual(["internal_error"])
      expect(c.replies[0]!.data["error_description"]).toMatch(/"command" must be a string/)
      await stillServing()
    },
  )

  it("T11, T12: takes a command name in any letter case, as the reference's CommandType.fromValue (equalsIgnoreCase, CommandType.java:60-70)", async () => {
    const c = await open()
    expect(errorOf(await c.call("GET_AUTHORIZATION_URL", { oxd_id: "upper" })).error).toBe("invalid_oxd_id")
    expect(errorOf(await c.call("Get_Authorization_Url", {})).error).toBe("bad_request")
    expect(errorOf(await c.call("UPDATE_SITE_REGISTRATION", { oxd_id: "upper" })).error).toBe("invalid_oxd_id")
    // an unknown name is quoted as it was sent
    const e = errorOf(await c.call("NO_SUCH_Command"))
    expect(e.error).toBe("unsupported_operation")
    expect(e.error_description).toContain("NO_SUCH_Command")
    // only A-Z are folded; a trailing space is another name, as for the reference
    expect(errorOf(await c.call("get_authorization_url ", { oxd_id: "x" })).error).toBe("unsupported_operation")
  })

  it("T13: an internal_error a command answers leaves the connection open (the reference closes, SocketProcessor.java:62-65)", async () => {
    const call: Oxd["call"] = (c, p, ctx) =>
      c === "fails"
        ? {
            envelope: errorEnvelope({
              code: "internal_error",
              http: 500,
              description: "Internal error; the server logged it with request id x.",
            }),
            http: 500,
          }
        : oxd.call(c, p, ctx)
    const s = await startTcpServer(
      { ...oxd, call, dispatch: async (c, p, ctx) => call(c, p, ctx) },
      { host: "127.0.0.1", port: 0 },
    )
    try {
      const c = await open({ port: s.port })
      expect(errorOf(await c.call("fails")).error).toBe("internal_error")
      expect(errorOf(await c.call("get_authorization_url", { oxd_id: "after" })).error).toBe("invalid_oxd_id")
      expect(c.closed || c.ended).toBe(false)
    } finally {
      await s.close()
    }
  })

  it("T8: ignores unknown top-level keys (the reference's Command mapping refuses them: internal_error, closed)", async () => {
    const c = await open()
    c.write(frame('{"command":"get_authorization_url","params":{"oxd_id":"x"},"id":1,"version":"3.1"}'))
    expect(errorOf(await c.reply()).error).toBe("invalid_oxd_id")
    expect(c.closed || c.ended).toBe(false)
  })

  it("does not let prototype-pollution keys pollute Object.prototype", async () => {
    const c = await open()
    const raws = [
      '{"command":"get_authorization_url","params":{"__proto__":{"polluted":true},"oxd_id":"x"}}',
      '{"command":"get_authorization_url","params":{"constructor":{"prototype":{"polluted":true}},"oxd_id":"x"}}',
      '{"command":"get_authorization_url","params":{"__proto__":{"polluted":true}}}',
      '{"command":"register_site","params":{"__proto__":{"op_host":"https://evil.example","polluted":true}}}',
      '{"command":"__proto__","params":{}}',
      '{"command":"constructor","params":{}}',
      '{"command":"toString","params":{}}',
      '{"command":"hasOwnProperty","params":{}}',
      '{"__proto__":{"polluted":true},"command":"no_such_command"}',
    ]
    for (const raw of raws) c.write(frame(raw))
    await c.reply(raws.length - 1)
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty("polluted")
    expect(c.replies.map((r) => errorOf(r).error)).toEqual([
      "invalid_oxd_id",
      "invalid_oxd_id",
      "bad_request",
      "invalid_op_host",
      "unsupported_operation",
      "unsupported_operation",
      "unsupported_operation",
      "unsupported_operation",
      "unsupported_operation",
    ])
    expect(c.closed || c.ended).toBe(false)
    await stillServing()
  })

  it("answers 50 concurrent connections correctly", async () => {
    const all = await Promise.all(Array.from({ length: 50 }, () => open()))
    const results = await Promise.all(
      all.map(async (c, i) => {
        const a = await c.call(`unknown_${i}`)
        const b = await c.call("get_authorization_url", i % 2 ? {} : { oxd_id: `c-${i}` })
        return [errorOf(a), errorOf(b)] as const
      }),
    )
    results.forEach(([a, b], i) => {
      expect(a.error).toBe("unsupported_operation")
      expect(a.error_description).toContain(`unknown_${i}`)
      expect(b.error).toBe(i % 2 ? "bad_request" : "invalid_oxd_id")
    })
    for (const c of all) c.close()
  })

  it("answers a command sent with a half-close, then closes", async () => {
    const c = await open({ allowHalfOpen: true })
    c.write(command("get_authorization_url", { oxd_id: "half" }))
    c.socket.end()
    expect(errorOf(await c.reply()).error).toBe("invalid_oxd_id")
    await c.serverClosed()
  })

  it("answers pipelined commands sent with a half-close, all of them, then closes", async () => {
    const c = await open({ allowHalfOpen: true })
    c.write(Buffer.concat([command("a"), command("b"), command("get_authorization_url", {})]))
    c.socket.end()
    await c.serverClosed()
    expect(c.replies.map((r) => errorOf(r).error)).toEqual([
      "unsupported_operation",
      "unsupported_operation",
      "bad_request",
    ])
  })
})

/**
 * T1, T2, T6, T7, T15: the reference closes on these, with internal_error (Processor.java:59-63 → SocketProcessor.java:62-65)
 * when it got as far as parsing, silently before that (SocketProcessor.java:48-51); oxd-ts always replies
 * internal_error with the precise reason, then closes.
 */
describe("broken frames: one internal_error reply, then the server closes", () => {
  const cases: ReadonlyArray<readonly [string, Buffer]> = [
    ["non-digit length", Buffer.from('00a1{"command":"x"}')],
    ["negative length", Buffer.from('-001{"command":"x"}')],
    ["letters as length", Buffer.from("abcd")],
    ["length 0", Buffer.from("0000")],
    ["invalid JSON", frame('{"command": "x", ')],
    ["a JSON array", frame('[{"command":"x"}]')],
    ["a JSON number", frame("42")],
    ["a JSON string", frame('"get_authorization_url"')],
    ["JSON null", frame("null")],
    ["invalid UTF-8", frame(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]))],
    ["an HTTP request", Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n")],
  ]

  it.each(cases)("%s", async (_, raw) => {
    const c = await open()
    c.write(raw)
    await c.serverClosed()
    // give any stray second reply time to show
    await new Promise((r) => setTimeout(r, 20))
    expect(c.replies).toHaveLength(1)
    const e = errorOf(c.replies[0]!)
    expect(e.error).toBe("internal_error")
    expect(e.error_description).toMatch(/^Broken message: .+\. The connection is closed\.$/)
    await stillServing()
  })

  it("answers the good frames before a broken one, then the error, and nothing after", async () => {
    const c = await open()
    c.write(
      Buffer.concat([command("first"), command("get_authorization_url", {}), Buffer.from("zzzz"), command("after")]),
    )
    await c.serverClosed()
    await new Promise((r) => setTimeout(r, 20))
    expect(c.replies.map((r) => errorOf(r).error)).toEqual(["unsupported_operation", "bad_request", "internal_error"])
    expect(c.replies[2]!.data["error_description"]).toMatch(/4-digit length/)
    await stillServing()
  })

  it("sends nothing more after invalid JSON even if the client keeps writing", async () => {
    const c = await open({ allowHalfOpen: true })
    c.write(frame("{oops"))
    await c.reply()
    for (let i = 0; i < 5; i++) c.write(command("more"))
    await c.serverClosed()
    await new Promise((r) => setTimeout(r, 50))
    expect(c.replies).toHaveLength(1)
    expect(errorOf(c.replies[0]!).error).toBe("internal_error")
  })

  it("a truncated frame then a half-close: error reply, then close", async () => {
    const c = await open({ allowHalfOpen: true })
    c.write(Buffer.from('0060{"command":"get_authoriz'))
    await new Promise((r) => setTimeout(r, 20))
    expect(c.replies).toHaveLength(0)
    c.socket.end()
    await c.serverClosed()
    await new Promise((r) => setTimeout(r, 20))
    expect(c.replies).toHaveLength(1)
    const e = errorOf(c.replies[0]!)
    expect(e.error).toBe("internal_error") // T16: the reference closes silently (CoreUtils.java:187-190)
    expect(e.error_description).toMatch(/ended inside a message/)
    await stillServing()
  })

  it("a good frame, then a truncated one, then a half-close: both answered, then close", async () => {
    const c = await open({ allowHalfOpen: true })
    c.write(Buffer.concat([command("first"), Buffer.from("00")]))
    c.socket.end()
    await c.serverClosed()
    await new Promise((r) => setTimeout(r, 20))
    expect(c.replies.map((r) => errorOf(r).error)).toEqual(["unsupported_operation", "internal_error"])
  })

  it("a client that resets mid-frame does not disturb the server", async () => {
    const c = await open()
    c.write(Buffer.from('0100{"command":'))
    await new Promise((r) => setTimeout(r, 10))
    c.socket.resetAndDestroy()
    await stillServing()
  })
})

describe("replies core gives at once (answers on the synchronous road)", () => {
  it("keeps the order of pipelined frames whose replies come at once and later", async () => {
    // "now" answers synchronously (as a cached check_access does), "later" after 50 ms (as a command that waits)
    const call: Oxd["call"] = (c, p, ctx) => {
      const n = (p as { n: number }).n
      if (c === "now") return { envelope: okEnvelope({ n }), http: 200 }
      if (c === "later") return new Promise((r) => setTimeout(() => r({ envelope: okEnvelope({ n }), http: 200 }), 50))
      return oxd.call(c, p, ctx)
    }
    const s = await startTcpServer(
      { ...oxd, call, dispatch: async (c, p, ctx) => call(c, p, ctx) },
      { host: "127.0.0.1", port: 0 },
    )
    try {
      const c = await open({ port: s.port })
      const order = ["later", "now", "now", "later", "now", "no_such_command", "now"]
      c.write(Buffer.concat(order.map((name, n) => command(name, { n }))))
      await c.reply(order.length - 1)
      expect(
        c.replies.map((r) => (r.status === "ok" ? (r.data as { n: number }).n : (r.data as { error: string }).error)),
      ).toEqual([0, 1, 2, 3, 4, "unsupported_operation", 6])
      // and one at a time, each at once
      for (let n = 0; n < 3; n++) expect((await c.call("now", { n })).data).toEqual({ n })
    } finally {
      await s.close()
    }
  })
})

describe("replies of one turn", () => {
  it("leave in one write per connection", async () => {
    const call: Oxd["call"] = (c, p, ctx) =>
      c === "now" ? { envelope: okEnvelope({ n: (p as { n: number }).n }), http: 200 } : oxd.call(c, p, ctx)
    const s = await startTcpServer(
      { ...oxd, call, dispatch: async (c, p, ctx) => call(c, p, ctx) },
      { host: "127.0.0.1", port: 0 },
    )
    // every write the server's sockets make reaches the OS through _writeGeneric (one call per write or writev)
    const proto = NetSocket.prototype as unknown as { _writeGeneric: (...args: unknown[]) => unknown }
    const original = proto._writeGeneric
    const writes: number[] = []
    try {
      const c = await open({ port: s.port })
      proto._writeGeneric = function (this: NetSocket, ...args: unknown[]) {
        if (this.localPort === s.port) writes.push(Array.isArray(args[1]) ? args[1].length : 1)
        return original.apply(this, args)
      }
      c.write(Buffer.concat([0, 1, 2, 3, 4].map((n) => command("now", { n }))))
      await c.reply(4)
      expect(c.replies.map((r) => r.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })))
      // five replies, one write of five chunks (not five writes, each waking the client)
      expect(writes).toEqual([5])
    } finally {
      proto._writeGeneric = original
      await s.close()
    }
  })
})

describe("flow control", () => {
  it("stops reading from a client that floods 2,000 frames without reading, stays responsive, answers all once it reads", async () => {
    const bigServer = await withBigReplies()
    try {
      const flooder = await open({ port: bigServer.port })
      flooder.socket.pause() // never read the replies
      // ~9 KB per reply, 18 MB in all: more than the kernel buffers hold
      const one = command("echo_big", { size: 9000, pad: "y".repeat(9000) })
      const n = 2000
      const batch = Buffer.concat(Array.from({ length: 100 }, () => one))
      for (let i = 0; i < n / 100; i++) flooder.socket.write(batch)
      await new Promise((r) => setTimeout(r, 300))
      const before = flooder.socket.writableLength
      const other = await open({ port: bigServer.port })
      for (let i = 0; i < 5; i++) {
        const started = Date.now()
        expect(errorOf(await other.call("get_authorization_url", { oxd_id: `other-${i}` })).error).toBe(
          "invalid_oxd_id",
        )
        expect(Date.now() - started).toBeLessThan(1000)
      }
      // the server has stopped reading the flooder: most of what it sent is still on the client's side
      expect(before).toBeGreaterThan((one.length * n) / 2)
      expect(flooder.socket.writableLength).toBe(before)
      expect(flooder.closed || flooder.ended).toBe(false)
      // once the flooder reads, the server resumes and answers every frame, in order
      flooder.socket.resume()
      await flooder.until(() => flooder.replies.length >= n, "all flood replies", 8000)
      expect(flooder.replies.every((r) => r.status === "ok")).toBe(true)
      flooder.close()
    } finally {
      await bigServer.close()
    }
    await stillServing()
  })

  it("a flooder that disconnects without reading does not disturb the server", async () => {
    const flooder = await open()
    flooder.socket.pause()
    const batch = Buffer.concat(Array.from({ length: 100 }, () => command("z".repeat(9000))))
    for (let i = 0; i < 20; i++) flooder.socket.write(batch)
    await new Promise((r) => setTimeout(r, 200))
    flooder.close()
    await stillServing()
  })

  it("answers every frame of a large burst once the client reads", async () => {
    const c = await open()
    c.socket.pause()
    const n = 500
    c.write(
      Buffer.concat(
        Array.from({ length: n }, (_, i) =>
          command("get_authorization_url", { oxd_id: `burst-${i}`, pad: "y".repeat(500) }),
        ),
      ),
    )
    await new Promise((r) => setTimeout(r, 100))
    c.socket.resume()
    await c.reply(n - 1)
    expect(c.replies.every((r) => errorOf(r).error === "invalid_oxd_id")).toBe(true)
    expect(c.closed || c.ended).toBe(false)
  })
})

describe("idle timeout", () => {
  it("closes an idle connection after idle_timeout_in_seconds and keeps serving", async () => {
    const idleOxd = makeOxd(makeConfig({ database_url: ":memory:", log_level: "error", idle_timeout_in_seconds: 1 }))
    await idleOxd.ready()
    const idleServer = await startTcpServer(idleOxd, { host: "127.0.0.1", port: 0 })
    try {
      const idle = await Client.open(idleServer.port)
      const busy = await Client.open(idleServer.port)
      expect(errorOf(await idle.call("no_such_command")).error).toBe("unsupported_operation")
      const started = Date.now()
      // the busy client keeps talking: it must not be cut off
      const keepAlive = setInterval(() => void busy.call("no_such_command"), 300)
      try {
        await idle.until(() => idle.closed, "idle close", 3000)
      } finally {
        clearInterval(keepAlive)
      }
      const elapsed = Date.now() - started
      expect(elapsed).toBeGreaterThanOrEqual(900)
      expect(elapsed).toBeLessThan(2500)
      expect(busy.closed || busy.ended).toBe(false)
      expect(errorOf(await busy.call("get_authorization_url", {})).error).toBe("bad_request")
      const fresh = await Client.open(idleServer.port)
      expect(errorOf(await fresh.call("no_such_command")).error).toBe("unsupported_operation")
      fresh.close()
      busy.close()
    } finally {
      await idleServer.close()
      await idleOxd.dispose()
    }
  })
})

describe("close()", () => {
  it("stops the server and closes open connections", async () => {
    const o = makeOxd(makeConfig({ database_url: ":memory:", log_level: "error" }))
    await o.ready()
    const s = await startTcpServer(o, { host: "127.0.0.1", port: 0 })
    const c = await Client.open(s.port)
    expect(errorOf(await c.call("x")).error).toBe("unsupported_operation")
    const closing = s.close()
    await c.serverClosed()
    c.close()
    await closing
    await expect(Client.open(s.port)).rejects.toThrow()
    await o.dispose()
  })
})

describe("shutdown", () => {
  it("close() answers a command already in flight, then closes the connection and stops accepting", async () => {
    const call: Oxd["call"] = async (c, p, ctx) => {
      if (c === "slow") {
        await new Promise((r) => setTimeout(r, 300))
        return { envelope: okEnvelope({ done: true }), http: 200 }
      }
      return oxd.call(c, p, ctx)
    }
    const slow: Oxd = { ...oxd, call, dispatch: async (c, p, ctx) => call(c, p, ctx) }
    const s = await startTcpServer(slow, { host: "127.0.0.1", port: 0 })
    const c = await open({ port: s.port })
    c.write(command("slow"))
    await new Promise((r) => setTimeout(r, 50))
    const closing = s.close()
    await c.until(() => c.replies.length === 1, "the in-flight reply")
    expect(c.replies[0]).toEqual({ status: "ok", data: { done: true } })
    await closing
    await c.until(() => c.closed || c.ended, "the server's close")
    await expect(Client.open(s.port)).rejects.toThrow()
  })
})
