import { runServerCli } from "@oxd/node"
import { startTcpServer } from "./TcpServer.js"

await runServerCli(
  {
    name: "oxd-tcp-server",
    about: "the legacy oxd TCP protocol (oxd-server 3.x compatible): 4-digit length + JSON, on port (8099)",
    portFlag: "--port",
    start: async (oxd, config) => {
      const server = await startTcpServer(oxd, { host: config.bind_address, port: config.port })
      oxd.log("info", `legacy TCP protocol on ${server.host}:${server.port}`)
      return server
    },
  },
  process.argv.slice(2),
  process.env,
)
