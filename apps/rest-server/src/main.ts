import { logTls, RestTlsError, runServerCli } from "@oxd/node"
import { startRestServer } from "./RestServer.js"

await runServerCli(
  {
    name: "oxd-rest-server",
    about: `the oxd-https-extension REST API (POST /<command>, Bearer protection)

Serves HTTPS on rest_port (8443) with rest_tls_cert_file/rest_tls_key_file, or a self-signed certificate kept in
rest_tls_dir (its SHA-256 fingerprint is logged at start). GET /docs documents every endpoint, GET /openapi.json
is the OpenAPI 3.1 document, GET /health-check answers 200 while the database does.`,
    portFlag: "--rest-port",
    isUsageError: (e) => e instanceof RestTlsError,
    start: async (oxd) => {
      const server = await startRestServer(oxd)
      logTls(oxd, "REST API", server.tls, "rest_plain_http")
      oxd.log("info", `REST API on ${server.url}`, { docs: `${server.url}/docs` })
      return server
    },
  },
  process.argv.slice(2),
  process.env,
)
