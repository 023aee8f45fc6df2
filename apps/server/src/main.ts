import { resolve } from "node:path"
import { ConfigError, configHelp, loadConfig } from "@oxd/core"
import { RestTlsError } from "@oxd/rest-server"
import { resolveDatabaseUrl, startAll, stopOnSignals } from "./startAll.js"

const usage = `oxd-server — oxd-ts, the oxd middleware: every transport on one store

Usage: oxd-server [--config file.json] [options]

Each option is also a config-file key (snake_case) and an environment variable (OXD_<KEY>).
Precedence: flags > environment > config file > defaults.

${configHelp()}
  --config <file>                          JSON file with any of the keys above (env OXD_CONFIG)
  --help                                   this text
`

try {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    process.stdout.write(usage)
    process.exit(0)
  }
  const loaded = loadConfig({ argv: process.argv.slice(2), env: process.env })
  const cwd = process.env["INIT_CWD"] ?? process.cwd()
  const config = { ...loaded, database_url: resolveDatabaseUrl(loaded.database_url, cwd), rest_tls_dir: resolve(cwd, loaded.rest_tls_dir) }
  const running = await startAll(config)
  running.oxd.log("info", `oxd-ts ready; database ${config.database_url}`)
  stopOnSignals(running.close, (m) => running.oxd.log("info", m))
} catch (e) {
  if (e instanceof ConfigError || e instanceof RestTlsError) {
    process.stderr.write(`${e.message}\nRun with --help to see every option.\n`)
    process.exit(2)
  }
  const err = e as NodeJS.ErrnoException
  if (err.code === "EADDRINUSE") {
    process.stderr.write(`Cannot listen: ${err.message}. Another process uses that port; pick another with --port (TCP) or --rest-port (REST).\n`)
    process.exit(1)
  }
  throw e
}
