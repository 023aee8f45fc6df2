import { spawn } from "node:child_process"
import { createServer } from "node:net"
import type { TestOp } from "@oxd/test-op"
import { startWsServer } from "@oxd/ws-server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createOxdClient, DEFAULT_CONNECT_TIMEOUT_MS, OxdTransportError } from "./node.js"
import { startOp, startServers, type Servers } from "./test-support/servers.js"

let op: TestOp
let servers: Servers

beforeAll(async () => {
  op = await startOp()
  servers = await startServers(op)
})
afterAll(async () => {
  await servers?.close()
  await op?.close()
})

/** A loopback port nothing listens on (it was free a moment ago). */
const closedPort = async (): Promise<number> => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** How a call to a server that is down fails: the error, and after how long. */
const failedCall = async (options: { url: string; connectTimeoutMs?: number }) => {
  const client = createOxdClient({ transport: "ws", ...options })
  const started = Date.now()
  const error = await client.setupClient({ op_host: "https://127.0.0.1:1" }).then(
    () => undefined,
    (e: unknown) => e,
  )
  const ms = Date.now() - started
  await client.close()
  return { error, ms }
}

describe("ws: a server that is down fails fast", () => {
  it("a closed loopback port: an OxdTransportError naming the URL and the refusal, within the connect timeout (not the 30 s call timeout)", async () => {
    const url = `ws://127.0.0.1:${await closedPort()}`
    const { error, ms } = await failedCall({ url, connectTimeoutMs: 1000 })
    expect(error).toBeInstanceOf(OxdTransportError)
    expect((error as Error).message).toContain(`could not connect to ${url} within 1000 ms`)
    expect((error as Error).message).toContain("ECONNREFUSED")
    expect(ms).toBeGreaterThanOrEqual(900)
    expect(ms).toBeLessThan(5000)
  })

  it(`by default within ${DEFAULT_CONNECT_TIMEOUT_MS} ms`, async () => {
    const url = `ws://127.0.0.1:${await closedPort()}`
    const { error, ms } = await failedCall({ url })
    expect((error as Error).message).toContain(`could not connect to ${url} within ${DEFAULT_CONNECT_TIMEOUT_MS} ms`)
    expect(ms).toBeLessThan(DEFAULT_CONNECT_TIMEOUT_MS + 4000)
  })

  it("a server that comes up while a call waits: the call goes through (the socket retries within the connect timeout)", async () => {
    const port = await closedPort()
    const client = createOxdClient({
      transport: "ws",
      url: `wss://127.0.0.1:${port}`,
      ca: servers.certFile,
      connectTimeoutMs: 4000,
      retryDelayMs: () => 200,
    })
    const call = client.getAuthorizationUrl({ oxd_id: "x" }).then(
      () => undefined,
      (e: unknown) => e,
    )
    await new Promise((resolve) => setTimeout(resolve, 700))
    const late = await startWsServer(servers.oxd, { host: "127.0.0.1", port, tls: servers.rest.tls! })
    try {
      // an oxd error is the server's answer
      expect(await call).toMatchObject({ name: "OxdError", error: "blank_protection_access_token" })
    } finally {
      await client.close()
      await late.close()
    }
  })
})

/** Runs closeChild.ts with these client options; resolves to what it printed and how long it lived after "closed". */
const runChild = (options: object): Promise<{ output: string; code: number | null; afterClosedMs: number }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=source",
        new URL("./test-support/closeChild.ts", import.meta.url).pathname,
        JSON.stringify(options),
      ],
      {
        cwd: new URL("..", import.meta.url).pathname,
        stdio: ["ignore", "pipe", "inherit"],
      },
    )
    let output = ""
    let closedAt: number | undefined
    const guard = setTimeout(() => child.kill("SIGKILL"), 20_000)
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString()
      if (closedAt === undefined && output.includes("closed")) closedAt = Date.now()
    })
    child.on("error", reject)
    child.on("exit", (code) => {
      clearTimeout(guard)
      resolve({
        output,
        code,
        afterClosedMs: closedAt === undefined ? Number.POSITIVE_INFINITY : Date.now() - closedAt,
      })
    })
  })

describe("close() lets the process exit", () => {
  it("ws, after a call the server answered", async () => {
    const r = await runChild({ transport: "ws", url: servers.ws.url, ca: servers.certFile })
    expect(r.output).toContain("failed: OxdError")
    expect(r.code).toBe(0)
    expect(r.afterClosedMs).toBeLessThan(5000)
  })

  it("ws, after a call to a server that is down (no reconnect left waiting)", async () => {
    const r = await runChild({ transport: "ws", url: `ws://127.0.0.1:${await closedPort()}`, connectTimeoutMs: 1000 })
    expect(r.output).toContain("failed: OxdTransportError")
    expect(r.code).toBe(0)
    expect(r.afterClosedMs).toBeLessThan(5000)
  })

  it("https with ca (its kept-alive connection closed)", async () => {
    const r = await runChild({ transport: "https", baseUrl: servers.rest.url, ca: servers.certFile })
    expect(r.output).toContain("failed: OxdError")
    expect(r.code).toBe(0)
    expect(r.afterClosedMs).toBeLessThan(5000)
  })
})
