/**
 * The hostile corpus over the legacy TCP protocol (tooling/hostile/corpus/tcp), the registry-generated param cases,
 * slow senders and silent connections. After every case the server must still answer another client correctly.
 */
import { connect, type Socket } from "node:net"
import { commands, makeConfig, makeOxd, type Oxd } from "@oxd/core"
import {
  bytesOf,
  loadCorpus,
  paramCases,
  partBytes,
  prototypePolluted,
  UNKNOWN_COMMANDS,
  type TcpCase,
} from "@oxd/hostile"
import { takeFrames } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTcpServer, type TcpServer } from "./TcpServer.js"
import { startCoreAndServer } from "./test-support/coreAndServer.js"

interface Reply {
  readonly status: string
  readonly data: { readonly error?: string; readonly error_description?: string }
}

/** A raw connection: what it sent, the framed replies, and whether the server closed it. */
class Raw {
  readonly replies: Reply[] = []
  closed = false
  #buf: Buffer = Buffer.alloc(0)
  #wake: Array<() => void> = []
  private constructor(readonly socket: Socket) {
    socket.on("data", (d: Buffer) => {
      // every reply here is an error envelope, well under 9999 bytes: a 4-digit prefix
      const { frames, rest } = takeFrames(Buffer.concat([this.#buf, d]))
      this.#buf = rest
      for (const f of frames) this.replies.push(JSON.parse(f.toString("utf8")) as Reply)
      this.#notify()
    })
    const done = () => {
      this.closed = true
      this.#notify()
    }
    socket.on("end", done)
    socket.on("close", done)
    socket.on("error", () => undefined)
  }
  /** `localAddress`: the client end's address (Linux routes all of 127/8 to the loopback: a second "client"). */
  static open(port: number, localAddress?: string): Promise<Raw> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: "127.0.0.1", port, allowHalfOpen: true, ...(localAddress ? { localAddress } : {}) })
      s.once("connect", () => resolve(new Raw(s)))
      s.once("error", reject)
    })
  }
  #notify() {
    for (const w of this.#wake.splice(0)) w()
  }
  until(done: () => boolean, what: string, ms = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `timed out waiting for ${what} (replies: ${JSON.stringify(this.replies.map(codeOf))}, closed: ${this.closed})`,
            ),
          ),
        ms,
      )
      const check = () => (done() ? (clearTimeout(timer), resolve()) : void this.#wake.push(check))
      check()
    })
  }
  async call(command: string, params: unknown): Promise<Reply> {
    const i = this.replies.length
    this.socket.write(partBytes({ json: { command, params } }, { frameJson: true }))
    await this.until(() => this.replies.length > i, `a reply to ${command}`)
    return this.replies[i]!
  }
}
const codeOf = (r: Reply) => (r.status === "ok" ? "ok" : (r.data.error ?? "?"))
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

let server: TcpServer
const opened: Raw[] = []
const open = async (port = server.port, localAddress?: string) => {
  const c = await Raw.open(port, localAddress)
  opened.push(c)
  return c
}

startCoreAndServer(
  (_, s) => (server = s),
  () => {
    for (const c of opened) c.socket.destroy()
  },
)

/** Another client gets a correct answer right after. */
const stillServing = async (port = server.port) => {
  const c = await open(port)
  expect(codeOf(await c.call("get_authorization_url", { oxd_id: "still-serving" }))).toBe("invalid_oxd_id")
  c.socket.destroy()
}

const send = async (c: Raw, tc: TcpCase) => {
  const bytes = bytesOf(tc.parts, { frameJson: true })
  const chunking = tc.chunking ?? "whole"
  const writes =
    chunking === "whole"
      ? [bytes]
      : chunking === "parts"
        ? tc.parts.map((p) => partBytes(p, { frameJson: true }))
        : Array.from({ length: Math.ceil(bytes.length / (chunking === "bytewise" ? 1 : chunking)) }, (_, i) => {
            const size = chunking === "bytewise" ? 1 : chunking
            return bytes.subarray(i * size, (i + 1) * size)
          })
  for (const [i, w] of writes.entries()) {
    c.socket.write(w)
    if (tc.gapMs && i < writes.length - 1) await pause(tc.gapMs)
    else if (chunking === "bytewise" && i % 16 === 0) await pause(0)
  }
  if (tc.end) c.socket.end()
}

const corpus = loadCorpus("tcp")

describe(`TCP hostile corpus (${corpus.length} cases from tooling/hostile/corpus/tcp)`, () => {
  it.each(corpus.map((c) => [`${c.file}: ${c.name}`, c] as const))("%s", async (_, tc) => {
    const c = await open()
    await send(c, tc)
    const n = tc.expect.replies.length
    await c.until(
      () => c.replies.length >= n && (!tc.expect.closed || c.closed),
      `${n} replies${tc.expect.closed ? " and a close" : ""}`,
    )
    if (!tc.expect.closed) await pause(30) // nothing more arrives
    expect(c.replies.map(codeOf)).toEqual(tc.expect.replies)
    for (const r of c.replies) if (r.status === "error") expect(r.data.error_description?.length).toBeGreaterThan(0)
    expect(c.closed).toBe(tc.expect.closed)
    expect(prototypePolluted()).toBe(false)
    c.socket.destroy()
    await stillServing()
  })
})

describe("TCP: generated cases over every command's params", () => {
  const cases = paramCases(Object.values(commands))
  // internal_error is the reference's answer to a param of the wrong JSON type (audit X3, ERC:21): a defect is not
  it(`answers ${cases.length} wrong-typed, injection and pollution params with oxd errors, never a defect`, async () => {
    const byCommand = new Map<string, typeof cases>()
    for (const pc of cases) byCommand.set(pc.command, [...(byCommand.get(pc.command) ?? []), pc])
    for (const [command, group] of byCommand) {
      const c = await open()
      for (const pc of group)
        c.socket.write(partBytes({ json: { command: pc.command, params: pc.params } }, { frameJson: true }))
      await c.until(() => c.replies.length >= group.length, `${group.length} replies to ${command}`, 30_000)
      c.replies.forEach((r, i) => {
        expect(r.status, group[i]!.name).toBe("error")
        expect(r.status === "error" ? r.data.error_description : "", group[i]!.name).not.toMatch(
          /^Internal error; the server logged it/,
        )
      })
      // the top-level __proto__ case: op_host smuggled through the prototype is not an op_host
      if (command === "register_site")
        expect(codeOf(c.replies[group.findIndex((g) => g.name.endsWith("top-level __proto__"))]!)).toBe(
          "invalid_op_host",
        )
      expect(c.closed).toBe(false)
      c.socket.destroy()
      await stillServing()
    }
    expect(prototypePolluted()).toBe(false)
  })

  it(`answers ${UNKNOWN_COMMANDS.length} unknown command names with unsupported_operation (T9, T10: empty too, as the reference)`, async () => {
    const c = await open()
    for (const name of UNKNOWN_COMMANDS)
      c.socket.write(partBytes({ json: { command: name, params: {} } }, { frameJson: true }))
    await c.until(() => c.replies.length >= UNKNOWN_COMMANDS.length, "every reply")
    expect(c.replies.map(codeOf)).toEqual(UNKNOWN_COMMANDS.map(() => "unsupported_operation"))
    for (const r of c.replies) expect(JSON.stringify(r).length).toBeLessThan(1000) // the name is clipped in the reply
    c.socket.destroy()
    await stillServing()
  })
})

describe("TCP: slow senders and silent connections (frame_timeout_in_seconds 1, idle_timeout_in_seconds 1)", () => {
  let slowOxd: Oxd
  let slow: TcpServer
  beforeAll(async () => {
    slowOxd = makeOxd(
      makeConfig({
        database_url: ":memory:",
        log_level: "error",
        frame_timeout_in_seconds: 1,
        idle_timeout_in_seconds: 1,
      }),
    )
    await slowOxd.ready()
    slow = await startTcpServer(slowOxd, { host: "127.0.0.1", port: 0 })
  })
  afterAll(async () => {
    await slow?.close()
    await slowOxd?.dispose()
  })

  it("a frame trickled a byte every 100 ms (slowloris) gets an error reply and is closed, though it never went idle", async () => {
    const c = await open(slow.port)
    const bytes = partBytes(
      { json: { command: "get_authorization_url", params: { oxd_id: "slowloris" } } },
      { frameJson: true },
    )
    let i = 0
    const trickle = setInterval(() => {
      if (!c.closed && i < bytes.length) c.socket.write(bytes.subarray(i, ++i))
    }, 100)
    try {
      await c.until(() => c.closed, "the server to close the slow sender", 8000)
    } finally {
      clearInterval(trickle)
    }
    expect(i).toBeLessThan(bytes.length) // it was cut off before finishing
    // T14: the reference has no read timeout; oxd-ts answers internal_error, the reference's code for a message it cannot read
    expect(c.replies.map(codeOf)).toEqual(["internal_error"])
    expect(c.replies[0]!.data.error_description).toMatch(/did not arrive whole within 1 s \(frame_timeout_in_seconds\)/)
    await stillServing(slow.port)
  })

  it("a connection that never sends is closed after the idle timeout", async () => {
    const c = await open(slow.port)
    await c.until(() => c.closed, "the idle close", 8000)
    expect(c.replies).toEqual([])
    await stillServing(slow.port)
  })

  it("whole frames sent slowly one after another are all answered (the deadline is per frame)", async () => {
    const c = await open(slow.port)
    for (let k = 0; k < 4; k++) {
      const bytes = partBytes({ json: { command: "no_such_command", params: {} } }, { frameJson: true })
      c.socket.write(bytes.subarray(0, 10))
      await pause(400)
      c.socket.write(bytes.subarray(10))
      await c.until(() => c.replies.length > k, `reply ${k}`)
    }
    expect(c.replies.map(codeOf)).toEqual(Array(4).fill("unsupported_operation"))
    c.socket.destroy()
  })
})

describe("TCP: rate limits (rate_limit_per_minute 60, burst 3)", () => {
  it("answers rate_limited past the burst, keeps the connection, and serves again after the refill", async () => {
    const limitedOxd = makeOxd(
      makeConfig({ database_url: ":memory:", log_level: "error", rate_limit_per_minute: 60, rate_limit_burst: 3 }),
    )
    await limitedOxd.ready()
    const limited = await startTcpServer(limitedOxd, { host: "127.0.0.1", port: 0 })
    try {
      const c = await open(limited.port)
      for (let i = 0; i < 4; i++)
        c.socket.write(
          partBytes({ json: { command: "get_authorization_url", params: { oxd_id: "x" } } }, { frameJson: true }),
        )
      await c.until(() => c.replies.length >= 4, "4 replies")
      expect(c.replies.map(codeOf)).toEqual(["invalid_oxd_id", "invalid_oxd_id", "invalid_oxd_id", "rate_limited"])
      expect(c.replies[3]!.data.error_description).toMatch(/at most 60 a minute\. Retry in 1s\./)
      expect(c.closed).toBe(false)
      await pause(1100)
      expect(codeOf(await c.call("get_authorization_url", { oxd_id: "x" }))).toBe("invalid_oxd_id")
      c.socket.destroy()
    } finally {
      await limited.close()
      await limitedOxd.dispose()
    }
  })
})

describe("TCP: connection caps (max_connections 5, max_connections_per_address 3; T17: the reference has no cap)", () => {
  it("refuses a 4th connection from one address with one rate_limited reply, serves the other addresses, and takes it again once one closes", async () => {
    const cappedOxd = makeOxd(
      makeConfig({ database_url: ":memory:", log_level: "error", max_connections: 5, max_connections_per_address: 3 }),
    )
    await cappedOxd.ready()
    const capped = await startTcpServer(cappedOxd, { host: "127.0.0.1", port: 0 })
    const served = async (c: Raw) =>
      expect(codeOf(await c.call("get_authorization_url", { oxd_id: "x" }))).toBe("invalid_oxd_id")
    const refusedWith = async (c: Raw, limit: RegExp) => {
      await c.until(() => c.closed, "the refusal's close")
      expect(c.replies.map(codeOf)).toEqual(["rate_limited"])
      expect(c.replies[0]!.data.error_description).toMatch(limit)
      c.socket.destroy() // this client keeps its half open (allowHalfOpen); the server would wait 2 s for it
    }
    try {
      const first = [await open(capped.port), await open(capped.port), await open(capped.port)]
      for (const c of first) await served(c)
      await refusedWith(
        await open(capped.port),
        /127\.0\.0\.1 already holds max_connections_per_address \(3\) connections/,
      )
      // the refusal touched nobody else: the three still answer, and another address is served
      for (const c of first) await served(c)
      const other = [await open(capped.port, "127.0.0.2"), await open(capped.port, "127.0.0.2")]
      for (const c of other) await served(c)
      // five open in all: a third address is refused by max_connections, with the same reply
      await refusedWith(await open(capped.port, "127.0.0.3"), /already holds max_connections \(5\) connections/)
      // a slot freed on 127.0.0.1 is taken again by 127.0.0.1
      first[0]!.socket.destroy()
      for (let i = 0; ; i++) {
        const again = await open(capped.port)
        again.socket.write(
          partBytes({ json: { command: "get_authorization_url", params: { oxd_id: "x" } } }, { frameJson: true }),
        )
        await again.until(() => again.replies.length > 0, "a reply")
        if (codeOf(again.replies[0]!) === "invalid_oxd_id") break
        again.socket.destroy()
        if (i >= 20) throw new Error("the closed connection's slot was never freed")
        await pause(50) // the server has not seen the close yet
      }
    } finally {
      for (const c of opened) c.socket.destroy()
      await capped.close()
      await cappedOxd.dispose()
    }
  })
})
