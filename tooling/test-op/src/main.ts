import { parseArgs } from "node:util"
import { defaultStateDir } from "./certs.js"
import { assertLoopbackHost } from "./loopback.js"

const HELP = `oxd-test-op — a real OpenID Provider (oidc-provider) on HTTPS loopback, for tests and trying oxd-ts

Usage: oxd-test-op [--port 9443] [--host 127.0.0.1] [--state-dir DIR] [--quiet]

  --port N          port to listen on (default 9443; 0 = random)
  --host H          127.0.0.1 (default), ::1 or localhost — other hosts are refused
  --state-dir DIR   where the generated CA and server certificate are kept
                    (default ./.oxd/test-op; reused on later starts)
  --quiet           don't log requests
  -h, --help        show this help

Control API (JSON, POSTs need Content-Type: application/json):
  GET  /__test/info          POST /__test/misbehave {"kind","client_id"?,"once"?}
  GET  /__test/counters      POST /__test/rotate-keys {"keep_old"?}
  GET  /__test/misbehave     POST /__test/reset
  UMA: POST /__test/uma/policy {"scope","kind","name"?,"value"?}   GET /__test/uma/policy
       POST /__test/uma/rpt-ttl {"seconds"}   POST /__test/uma/reset   GET /__test/uma/resources
`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "9443" },
      host: { type: "string", default: "127.0.0.1" },
      "state-dir": { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`)
  assertLoopbackHost(values.host)

  // Loaded lazily so --help and argument errors don't pull in oidc-provider (and its Node 20 warning).
  const { startTestOp } = await import("./server.js")
  const time = () => new Date().toISOString().slice(11, 23)
  const op = await startTestOp({
    port,
    host: values.host,
    stateDir: values["state-dir"] ?? defaultStateDir(),
    ...(values.quiet ? {} : { log: (line: string) => console.log(`${time()} ${line}`) }),
  })

  console.log(`
oxd test OP is up

  issuer      ${op.issuer}
  discovery   ${op.issuer}/.well-known/openid-configuration
  UMA 2.0     ${op.issuer}/.well-known/uma2-configuration
  CA file     ${op.caFile}

Trust the CA (never disable TLS verification):
  NODE_EXTRA_CA_CERTS=${op.caFile} <your command>      # Node, set before the process starts
  curl --cacert ${op.caFile} ${op.issuer}/.well-known/openid-configuration

Test users (username / password):
${op.users.map((u) => `  ${u.username.padEnd(8)} / ${u.password.padEnd(16)} sub=${u.sub}`).join("\n")}

Dynamic client registration is open: POST ${op.issuer}/reg
Press Ctrl+C to stop.
`)

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    console.log(`${time()} ${signal} received, shutting down`)
    op.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err)
        process.exit(1)
      },
    )
  }
  process.on("SIGINT", () => shutdown("SIGINT"))
  process.on("SIGTERM", () => shutdown("SIGTERM"))
}

main().catch((err: unknown) => {
  console.error(`oxd-test-op: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
