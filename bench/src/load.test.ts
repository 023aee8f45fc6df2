import { createServer, type AddressInfo } from "node:net"
import { unitFrame } from "@oxd/testkit"
import { describe, expect, it } from "vitest"
import { pacedLatencyFrom, runLoad } from "./load.js"

describe("paced latency", () => {
  it("counts a server's stall from the schedule it delayed, and a late timer of the load generator not at all", () => {
    // the previous reply came 3 ms after this request's turn: the server held the send back, that is latency
    expect(pacedLatencyFrom(100, 103, 103.2)).toBe(100)
    // the previous reply came in time, the timer fired 0.9 ms late: counted from the send
    expect(pacedLatencyFrom(100, 98, 100.9)).toBe(100.9)
    // a timer that fired early: from the send, never a negative time
    expect(pacedLatencyFrom(100, 98, 99.5)).toBe(99.5)
  })
})

describe("the TCP load generator", () => {
  it("T3: reads replies counted in UTF-16 units (as oxd 3.1.4 writes them, SocketProcessor.java:76-88) with non-ASCII in them", async () => {
    const params = { client_name: "Zürich café 😀" }
    const seen: unknown[] = []
    // a reference-style server: each request read as a byte-counting or unit-counting frame (ASCII from the generator)
    const server = createServer((socket) => {
      let buf = Buffer.alloc(0)
      socket.on("data", (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk])
        while (buf.length >= 4 && buf.length >= 4 + Number(buf.subarray(0, 4).toString("latin1"))) {
          const n = Number(buf.subarray(0, 4).toString("latin1"))
          seen.push((JSON.parse(buf.subarray(4, 4 + n).toString("latin1")) as { params: unknown }).params)
          buf = buf.subarray(4 + n)
          const json = JSON.stringify({ status: "ok", data: params })
          socket.write(unitFrame(json))
        }
      })
      socket.on("error", () => socket.destroy())
    })
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
    try {
      const port = (server.address() as AddressInfo).port
      const r = await runLoad(
        { transport: "tcp", host: "127.0.0.1", port },
        { expect: '"status":"ok"', call: () => ({ command: "echo", params }) },
        { connections: 2, durationMs: 300 },
      )
      expect(r.errorSamples).toEqual([])
      expect(r.requests).toBeGreaterThan(10)
      // the requests' non-ASCII went as \u escapes: the same params
      expect(seen[0]).toEqual(params)
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})
