import { connect } from "node:net"
import { legacyFrame, LegacyReplyReader } from "@oxd/wire/frame"

const usage = `oxd-call — send one command to an oxd server over the legacy TCP protocol and print the reply

Usage: oxd-call <command> ['{"param": "value", …}'] [--host 127.0.0.1] [--port 8099]

Example:
  oxd-call register_site '{"authorization_redirect_uri": "https://client.example.org/cb"}'
`

const args = process.argv.slice(2)
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name)
  if (i < 0) return fallback
  const v = args[i + 1] ?? fallback
  args.splice(i, 2)
  return v
}
if (args.includes("--help") || args.includes("-h") || args.length === 0) {
  process.stdout.write(usage)
  process.exit(args.length === 0 ? 2 : 0)
}
const host = flag("--host", "127.0.0.1")
const port = Number(flag("--port", "8099"))
const [command, json = "{}"] = args
let params: unknown
try {
  params = JSON.parse(json)
} catch {
  process.stderr.write(`The params are not valid JSON: ${json}\n`)
  process.exit(2)
}
// the request in ASCII (its length the same in UTF-16 units and bytes), the reply read in either unit: any oxd server
const socket = connect({ host, port }, () => {
  socket.write(legacyFrame(JSON.stringify({ command, params })))
})
const replies = new LegacyReplyReader()
socket.on("data", (chunk: Buffer) => {
  let got: ReturnType<LegacyReplyReader["push"]>
  try {
    got = replies.push(chunk)
  } catch (e) {
    process.stderr.write(`The server at ${host}:${port} did not answer with an oxd reply: ${(e as Error).message}\n`)
    socket.destroy()
    process.exit(1)
  }
  const [first] = got
  if (first) {
    const reply = JSON.parse(first.json) as { status: string }
    process.stdout.write(`${JSON.stringify(reply, null, 2)}\n`)
    socket.end()
    process.exitCode = reply.status === "ok" ? 0 : 1
  }
})
socket.on("error", (e) => {
  process.stderr.write(`Cannot reach the oxd server at ${host}:${port}: ${e.message}. Is it running (pnpm start)?\n`)
  process.exit(1)
})
