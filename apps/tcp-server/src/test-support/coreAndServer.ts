/** Shared setup of the TCP server's tests: a core on an in-memory store (no OP needed) and a server on it. */
import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import { afterAll, beforeAll } from "vitest"
import { startTcpServer, type TcpServer } from "../TcpServer.js"

/**
 * A core and a TcpServer on 127.0.0.1 (a port chosen by the OS) for the tests of one file: `use` gets both once they are up.
 * After the file, `closeClients` runs first (the file's open connections), then the server and the core stop.
 */
export const startCoreAndServer = (
  use: (oxd: Oxd, server: TcpServer) => void,
  closeClients: () => void = () => undefined,
) => {
  let oxd: Oxd | undefined
  let server: TcpServer | undefined
  beforeAll(async () => {
    oxd = makeOxd(makeConfig({ database_url: ":memory:", log_level: "error" }))
    await oxd.ready()
    server = await startTcpServer(oxd, { host: "127.0.0.1", port: 0 })
    use(oxd, server)
  })
  afterAll(async () => {
    closeClients()
    await server?.close()
    await oxd?.dispose()
  })
}
