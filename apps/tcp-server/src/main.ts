import { ConfigError, configHelp, loadConfig, makeOxd } from "@oxd/core"
import { startTcpServer } from "./TcpServer.js"

const usage = `oxd-tcp-server — the legacy oxd TCP protocol (oxd-server 3.x compatible)

Usage: oxd-tcp-server [--config file.json] [options]

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
      process.stderr.write(`${e.message}\n`)
      process.exit(2)
    }
    throw e
  }
  const oxd = makeOxd(config)
  await oxd.ready()
  const server = await startTcpServer(oxd, { host: config.bind_address, port: config.port }).catch(async (e: NodeJS.ErrnoException) => {
    await oxd.dispose()
    process.stderr.write(`Cannot listen on ${config.bind_address}:${config.port}: ${e.message}${e.code === "EADDRINUSE" ? ". Another process uses that port; pick another with --port." : ""}
`)
    process.exit(1)
  })
  oxd.log("info", `oxd TCP protocol listening on ${server.host}:${server.port}`, { database: config.database_url.replace(/\/\/.*@/, "//***@") })
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
