import { connect } from "node:net"
import { makeConfig, makeOxd } from "@oxd/core"
import { it } from "vitest"
import { startTcpServer } from "../TcpServer.js"
const frame = (s: string) => { const b = Buffer.from(s); return Buffer.concat([Buffer.from(String(b.length).padStart(4, "0")), b]) }
it("flood", async () => {
  const oxd = makeOxd(makeConfig({ database_url: ":memory:", log_level: "error" }))
  await oxd.ready()
  const server = await startTcpServer(oxd, { host: "127.0.0.1", port: 0 })
  const s = connect({ host: "127.0.0.1", port: server.port })
  await new Promise((r) => s.once("connect", r))
  s.pause()
  const one = frame(JSON.stringify({ command: "z".repeat(9000), params: {} }))
  const t0 = Date.now()
  for (let i = 0; i < 20; i++) s.write(Buffer.concat(Array.from({ length: 100 }, () => one)))
  for (let k = 0; k < 10; k++) {
    await new Promise((r) => setTimeout(r, 200))
    console.log(Date.now() - t0, "client writableLength", s.writableLength, "readableLength", s.readableLength)
  }
  let got = 0
  s.on("data", (c: Buffer) => { got += c.length })
  s.resume()
  await new Promise((r) => setTimeout(r, 2000))
  console.log("bytes of replies", got)
  s.destroy()
  await server.close(); await oxd.dispose()
}, 30000)
