import { ConfigError, configHelp, loadConfig, makeOxd } from "@oxd/core"
import { RestTlsError } from "@oxd/rest-server"
import { startWsServer } from "./WsServer.js"

const usage = `oxd-ws-server — the oxd WebSocket API (tRPC: every command a mutation, an events subscription)

Usage: oxd-ws-server [--config file.json] [options]

Serves wss:// on ws_port (8445) with ws_tls_cert_file/ws_tls_key_file, else the REST API's certificate
(rest_tls_cert_file/rest_tls_key_file, or the self-signed one kept in rest_tls_dir; its SHA-256 fingerprint is
logged at start). Give the protection_access_token once in the connection params ({ protection_access_token }).

Options (file key / environment variable / flag; flags win):
${configHelp()}
  --config <file>                          JSON file with any of the keys above (env OXD_CONFIG)
  --help                                   this text
`

const main = async () => {
  let config
  try {
    if (process.argv.includes("--help") || process.argv.includes("-h")) {
      process.stdout.write(usage)
      return
    }
    config = loadConfig({ argv: process.argv.slice(2), env: process.env })
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nRun with --help to see every option.\n`)
      process.exit(2)
    }
    throw e
  }
  const oxd = makeOxd(config)
  await oxd.ready()
  let server
  try {
    server = await startWsServer(oxd)
  } catch (e) {
    await oxd.dispose()
    if (e instanceof RestTlsError) {
      process.stderr.write(`${e.message}\n`)
      process.exit(2)
    }
    const err = e as NodeJS.ErrnoException
    if (err.code === "EADDRINUSE") {
      process.stderr.write(`Cannot listen: ${err.message}. Another process uses that port; pick another with --ws-port.\n`)
      process.exit(1)
    }
    throw e
  }
  if (server.tls) {
    oxd.log("info", `WebSocket TLS certificate ${server.tls.origin === "configured" ? "from" : `${server.tls.origin} in`} ${server.tls.certFile}`, { sha256_fingerprint: server.tls.fingerprint })
  } else {
    oxd.log("warn", "WebSocket API on plain ws:// (ws_plain): only behind a TLS-terminating proxy")
  }
  oxd.log("info", `oxd WebSocket API listening on ${server.url}`, { database: config.database_url.replace(/\/\/.*@/, "//***@") })
  const stop = async (signal: string) => {
    oxd.log("info", `${signal}: stopping`)
    await server.close()
    await oxd.dispose()
    process.exit(0)
  }
  process.once("SIGINT", () => void stop("SIGINT"))
  process.once("SIGTERM", () => void stop("SIGTERM"))
}

void main()
