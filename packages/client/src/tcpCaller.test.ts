import { createServer, type AddressInfo, type Server, type Socket } from "node:net"
import { byteFrame, takeFrames, unitFrame } from "@oxd/testkit"
import { afterEach, describe, expect, it } from "vitest"
import { OxdError, OxdTransportError } from "./OxdError.js"
import { encodeRequest, MAX_REQUEST_BYTES, ReplyDecoder, tcpCaller } from "./tcpCaller.js"

/** A reply frame as a byte-counting server (oxd-ts before 0.2) writes it: the UTF-8 byte length, then the JSON. */
const frame = (value: unknown) => byteFrame(JSON.stringify(value))
/** A reply frame as oxd 3.1.4 writes it (SocketProcessor.java:76-88): `%04d` of String.length, then the JSON in UTF-8. */
const referenceFrame = (value: unknown) => unitFrame(JSON.stringify(value))

const NON_ASCII = { client_name: "Zürich café", emoji: "😀", mixed: "日本語 🇨🇭" }

describe("framing", () => {
  it("encodes requests with a 4-digit length and refuses what the protocol cannot carry", () => {
    const json = '{"command":"get_user_info","params":{"oxd_id":"x"}}'
    expect(encodeRequest("get_user_info", { oxd_id: "x" }).toString()).toBe(`00${json.length}${json}`)
    expect(() => encodeRequest("register_site", { pad: "x".repeat(MAX_REQUEST_BYTES) })).toThrow(OxdTransportError)
    expect(() => encodeRequest("register_site", { pad: "x".repeat(MAX_REQUEST_BYTES) })).toThrow(
      /the request is \d{5} characters/,
    )
  })

  it("T3: writes non-ASCII as \\u escapes: the prefix is the String.length oxd 3.1.4 counts and the byte count alike", () => {
    const f = encodeRequest("register_site", NON_ASCII)
    const text = f.subarray(4).toString("utf8")
    expect(Number(f.subarray(0, 4).toString())).toBe(text.length) // CoreUtils.readCommand reads this many chars
    expect(text.length).toBe(f.length - 4) // and a byte-counting server this many bytes
    expect(JSON.parse(text)).toEqual({ command: "register_site", params: NON_ASCII })
  })

  it("T3: reads replies counted in UTF-16 units (oxd 3.1.4) and in bytes, with non-ASCII, split anywhere", () => {
    const value = { status: "ok", data: NON_ASCII }
    expect(referenceFrame(value).subarray(0, 4).toString()).not.toBe(frame(value).subarray(0, 4).toString())
    const all = Buffer.concat([
      referenceFrame(value),
      frame(value),
      referenceFrame({ status: "ok", data: { a: 1 } }),
      referenceFrame(value),
    ])
    for (const step of [1, 3, 7, all.length]) {
      const d = new ReplyDecoder()
      const out: unknown[] = []
      for (let i = 0; i < all.length; i += step) out.push(...d.push(all.subarray(i, i + step)))
      expect(out, `step ${step}`).toEqual([value, value, { status: "ok", data: { a: 1 } }, value])
    }
  })

  it("decodes replies split anywhere, several in a chunk, and wider prefixes past 9999 bytes", () => {
    const d = new ReplyDecoder()
    const one = frame({ status: "ok", data: { a: 1 } })
    const big = frame({ status: "ok", data: { pad: "y".repeat(12_000) } })
    expect(big.subarray(0, 5).toString()).toMatch(/^\d{5}$/)
    const all = Buffer.concat([one, big, one])
    const out: unknown[] = []
    for (let i = 0; i < all.length; i += 7) out.push(...d.push(all.subarray(i, i + 7)))
    expect(out).toHaveLength(3)
    expect((out[1] as { data: { pad: string } }).data.pad).toHaveLength(12_000)
    expect(() => new ReplyDecoder().push(Buffer.from('12{"status":"ok"}'))).toThrow(/length prefix/)
  })
})

/** A fake oxd TCP server: answers each frame with `reply(request)` after `delayMs`. */
let server: Server | undefined
const sockets = new Set<Socket>()
const fakeServer = async (
  handle: (req: { command: string; params: Record<string, unknown> }, socket: Socket) => unknown,
  delayMs = 0,
  unit: "bytes" | "units" = "bytes",
) => {
  let open = 0
  let maxOpen = 0
  let opened = 0
  server = createServer((socket) => {
    sockets.add(socket)
    opened++
    open++
    maxOpen = Math.max(maxOpen, open)
    socket.on("close", () => {
      open--
      sockets.delete(socket)
    })
    let buf: Buffer = Buffer.alloc(0)
    socket.on("data", (chunk: Buffer) => {
      const { frames, rest } = takeFrames(Buffer.concat([buf, chunk]))
      buf = rest
      for (const f of frames) {
        const req = JSON.parse(f.toString()) as { command: string; params: Record<string, unknown> }
        setTimeout(() => {
          const reply = handle(req, socket)
          if (reply !== undefined && !socket.destroyed)
            socket.write(unit === "units" ? referenceFrame(reply) : frame(reply))
        }, delayMs)
      }
    })
  })
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()))
  return { port: (server.address() as AddressInfo).port, maxOpen: () => maxOpen, opened: () => opened }
}

afterEach(async () => {
  for (const s of sockets) s.destroy()
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()))
  server = undefined
})

describe("tcpCaller", () => {
  it("runs calls on a bounded pool, one at a time per connection, and adds the token to the params", async () => {
    const seen: Array<Record<string, unknown>> = []
    const fake = await fakeServer((req) => {
      seen.push(req.params)
      return { status: "ok", data: { n: req.params["n"] } }
    }, 20)
    const caller = tcpCaller({ transport: "tcp", port: fake.port, poolSize: 2, token: () => "tok" })
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => caller.call("get_user_info", { n }, {})))
    expect(results).toEqual(Array.from({ length: 10 }, (_, n) => ({ n })))
    expect(fake.maxOpen()).toBe(2)
    expect(seen.every((p) => p["protection_access_token"] === "tok")).toBe(true)
    await caller.close()
  })

  it("throws an oxd error reply as OxdError without httpStatus", async () => {
    const fake = await fakeServer(() => ({
      status: "error",
      data: { error: "invalid_oxd_id", error_description: "no site" },
    }))
    const caller = tcpCaller({ transport: "tcp", port: fake.port })
    const e = await caller.call("get_user_info", {}, {}).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(OxdError)
    expect(e).toMatchObject({ error: "invalid_oxd_id", error_description: "no site", httpStatus: undefined })
    await caller.close()
  })

  it("times out a call, drops its connection, and serves the next call on a new one", async () => {
    let calls = 0
    const fake = await fakeServer((req) =>
      ++calls === 1 ? undefined : { status: "ok", data: { command: req.command } },
    )
    const caller = tcpCaller({ transport: "tcp", port: fake.port, poolSize: 1 })
    await expect(caller.call("slow", {}, { timeoutMs: 200 })).rejects.toThrow(/no reply within 200 ms/)
    await expect(caller.call("next", {}, {})).resolves.toEqual({ command: "next" })
    await caller.close()
  })

  it("reconnects after the server closes an idle connection", async () => {
    const fake = await fakeServer((req, socket) => {
      setTimeout(() => socket.end(), 10)
      return { status: "ok", data: { command: req.command } }
    })
    const caller = tcpCaller({ transport: "tcp", port: fake.port, poolSize: 1 })
    await expect(caller.call("first", {}, {})).resolves.toEqual({ command: "first" })
    await new Promise((r) => setTimeout(r, 100))
    await expect(caller.call("second", {}, {})).resolves.toEqual({ command: "second" })
    await caller.close()
  })

  it("T3: works against a server that counts in UTF-16 units, as oxd 3.1.4 does, non-ASCII both ways", async () => {
    let seen: unknown
    const fake = await fakeServer(
      (req) => {
        seen = req.params
        return { status: "ok", data: req.params }
      },
      0,
      "units",
    )
    const caller = tcpCaller({ transport: "tcp", port: fake.port, poolSize: 1 })
    await expect(caller.call("register_site", NON_ASCII, {})).resolves.toEqual(NON_ASCII)
    expect(seen).toEqual(NON_ASCII)
    await expect(caller.call("get_user_info", { n: 2, ...NON_ASCII }, {})).resolves.toEqual({ n: 2, ...NON_ASCII })
    await caller.close()
  })

  it("T4: drops the connection after a reply past 9999 (the server closes it), and the next call opens a new one", async () => {
    const fake = await fakeServer((req) => ({
      status: "ok",
      data: req.command === "big" ? { blob: "z".repeat(12_000) } : { command: req.command },
    }))
    const caller = tcpCaller({ transport: "tcp", port: fake.port, poolSize: 1 })
    await expect(caller.call("big", {}, {})).resolves.toEqual({ blob: "z".repeat(12_000) })
    await expect(caller.call("next", {}, {})).resolves.toEqual({ command: "next" })
    expect(fake.opened()).toBe(2)
    await caller.close()
  })

  it("reports a server that is not there, and a connection cut mid-call, as OxdTransportError", async () => {
    const nothing = tcpCaller({ transport: "tcp", port: 1, connectTimeoutMs: 1000 })
    await expect(nothing.call("x", {}, {})).rejects.toBeInstanceOf(OxdTransportError)
    const fake = await fakeServer((_req, socket) => {
      socket.destroy()
      return undefined
    })
    const caller = tcpCaller({ transport: "tcp", port: fake.port })
    await expect(caller.call("x", {}, {})).rejects.toThrow(/closed the connection/)
    await caller.close()
  })
})
