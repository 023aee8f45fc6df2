import { logTls, RestTlsError, runServerCli } from "@oxd/node"
import { WsTlsError } from "./tls.js"
import { startWsServer } from "./WsServer.js"

await runServerCli(
  {
    name: "oxd-ws-server",
    about: `the oxd WebSocket API (tRPC: every command a mutation, an events subscription)

Serves wss:// on ws_port (8445) with ws_tls_cert_file/ws_tls_key_file, else the REST API's certificate
(rest_tls_cert_file/rest_tls_key_file, or the self-signed one kept in rest_tls_dir; its SHA-256 fingerprint is
logged at start). Give the protection_access_token once in the connection params ({ protection_access_token }).`,
    portFlag: "--ws-port",
    isUsageError: (e) => e instanceof RestTlsError || e instanceof WsTlsError,
    start: async (oxd) => {
      const server = await startWsServer(oxd)
      logTls(oxd, "WebSocket API", server.tls, "ws_plain")
      oxd.log("info", `WebSocket API (tRPC) on ${server.url}`)
      return server
    },
  },
  process.argv.slice(2),
  process.env,
)
