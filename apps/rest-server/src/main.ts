import { ConfigError, configHelp, loadConfig, makeOxd } from "@oxd/core"
import { startRestServer } from "./RestServer.js"
import { RestTlsError } from "./tls.js"

const usage = `oxd-rest-server — the oxd-https-extension REST API (POST /<command>, Bearer protection)

Usage: oxd-rest-server [--config file.json] [options]

Serves HTTPS on rest_port (8443) with rest_tls_cert_file/rest_tls_key_file, or a self-signed certificate kept in
rest_tls_dir (its SHA-256 fingerprint is logged at start). GET /docs documents every endpoint, GET /openapi.json
is the OpenAPI 3.1 document, GET /health-check answers 200 while the database does.

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
    server = await startRestServer(oxd)
  } catch (e) {
    await oxd.dispose()
    if (e instanceof RestTlsError) {
      process.stderr.write(`${e.message}\n`)
      process.exit(2)
    }
    const err = e as NodeJS.ErrnoException
    if (err.code === "EADDRINUSE") {
      process.stderr.write(`Cannot listen: ${err.message}. Another process uses that port; pick another with --rest-port.\n`)
      process.exit(1)
    }
    throw e
  }
  if (server.tls) {
    oxd.log("info", `REST TLS certificate ${server.tls.origin === "configured" ? "from" : `${server.tls.origin} in`} ${server.tls.certFile}`, { sha256_fingerprint: server.tls.fingerprint })
  } else {
    oxd.log("warn", "REST API on plain HTTP (rest_plain_http): only behind a TLS-terminating proxy")
  }
  oxd.log("info", `oxd REST API listening on ${server.url}`, { docs: `${server.url}/docs`, database: config.database_url.replace(/\/\/.*@/, "//***@") })
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
