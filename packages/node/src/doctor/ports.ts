import { createServer } from "node:net"
import type { Config } from "@oxd/core"
import { bad, ok, skip, type CheckResult } from "./check.js"

/** The listeners oxd-server opens with this configuration: name, port, address and the flag that moves it. */
export const listenersOf = (config: Config) => [
  { name: "tcp", port: config.port, host: config.bind_address, flag: "--port", on: true },
  { name: "rest", port: config.rest_port, host: config.bind_address, flag: "--rest-port", on: config.rest_enabled },
  { name: "ws", port: config.ws_port, host: config.bind_address, flag: "--ws-port", on: config.ws_enabled },
  {
    name: "admin",
    port: config.admin_port,
    host: config.admin_bind_address,
    flag: "--admin-port",
    on: config.admin_port > 0,
  },
]

const tryListen = (port: number, host: string) =>
  new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const server = createServer()
    server.once("error", (e: NodeJS.ErrnoException) => resolve(e))
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)))
  })

/** Each port the server would listen on can be taken now (briefly bound, then let go). */
export const checkPorts = async (config: Config): Promise<ReadonlyArray<CheckResult>> => {
  const results: CheckResult[] = []
  for (const l of listenersOf(config)) {
    const id = `port.${l.name}`
    const where = `${l.host.includes(":") ? `[${l.host}]` : l.host}:${l.port}`
    if (!l.on) {
      results.push(skip(id, `${l.name} listener off`))
      continue
    }
    const e = await tryListen(l.port, l.host)
    if (!e) results.push(ok(id, `${where} is free`))
    else if (e.code === "EADDRINUSE")
      results.push(
        bad(
          "fail",
          id,
          `${where} is in use by another process (an oxd-server already running?)`,
          `stop that process, or pick another port with ${l.flag}`,
        ),
      )
    else if (e.code === "EACCES")
      results.push(
        bad(
          "fail",
          id,
          `${where}: no permission to listen`,
          `ports below 1024 need privileges: pick another with ${l.flag}`,
        ),
      )
    else if (e.code === "EADDRNOTAVAIL")
      results.push(
        bad(
          "fail",
          id,
          `${where}: this machine has no such address`,
          `set bind_address (or admin_bind_address) to an address of this machine`,
        ),
      )
    else results.push(bad("fail", id, `${where}: ${e.message}`, `pick another port with ${l.flag}`))
  }
  return results
}
