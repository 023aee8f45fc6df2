/**
 * oxd-call against a server framing as oxd 3.1.4 does: the reply's length in UTF-16 units (SocketProcessor.java:76-88),
 * the request read as characters (CoreUtils.java:179-220). Audit T3.
 */
import { spawn } from "node:child_process"
import { createServer, type AddressInfo } from "node:net"
import { unitFrame } from "@oxd/testkit"
import { afterEach, describe, expect, it } from "vitest"

const call = new URL("./call.ts", import.meta.url).pathname
const root = new URL("../../../", import.meta.url).pathname
let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

const run = (args: string[]) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", call, ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    })
    let out = ""
    let err = ""
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString()
    })
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString()
    })
    child.on("exit", (code) => resolve({ code, out, err }))
  })

describe("oxd-call", () => {
  it("T3: sends non-ASCII params a reference server reads whole, and reads its UTF-16-counted reply", async () => {
    const received: string[] = []
    const server = createServer((socket) => {
      // as CoreUtils.readCommand: characters, not bytes
      let text = ""
      const decoder = new TextDecoder()
      socket.on("data", (chunk: Buffer) => {
        text += decoder.decode(chunk, { stream: true })
        const n = Number(text.slice(0, 4))
        if (text.length < 4 + n) return
        const command = JSON.parse(text.slice(4, 4 + n)) as { params: Record<string, unknown> }
        received.push(text.slice(4, 4 + n))
        const json = JSON.stringify({ status: "ok", data: { echoed: command.params["client_name"], note: "Grüße 😀" } })
        socket.write(unitFrame(json))
      })
    })
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
    close = () => new Promise<void>((r) => server.close(() => r()))
    const port = (server.address() as AddressInfo).port
    const r = await run(["register_site", JSON.stringify({ client_name: "Zürich café 😀" }), "--port", String(port)])
    expect(r.err).toBe("")
    expect(r.code).toBe(0)
    expect(JSON.parse(received[0]!)).toEqual({ command: "register_site", params: { client_name: "Zürich café 😀" } })
    expect(JSON.parse(r.out)).toEqual({ status: "ok", data: { echoed: "Zürich café 😀", note: "Grüße 😀" } })
  })
})
