import { RestTlsError, runServerCli } from "@oxd/node"
import { startAll } from "./startAll.js"

await runServerCli(
  {
    name: "oxd-server",
    about: "oxd-ts, the oxd middleware: the legacy TCP protocol, the REST API and the WebSocket API on one store",
    portFlag:
      "--port (TCP), --rest-port (REST), --rest4-port (the oxd 4.x REST API; --rest4-enabled false turns it off) or --ws-port (WebSocket)",
    isUsageError: (e) => e instanceof RestTlsError,
    start: startAll,
  },
  process.argv.slice(2),
  process.env,
)
