import { connect, createServer as createNetServer, type AddressInfo } from "node:net"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createOxdClient, OxdTransportError } from "./node.js"
import { startBadTlsServer, type BadTlsServer } from "./test-support/badCertificates.js"
import { startOp, startServers, type Servers } from "./test-support/servers.js"

let op: TestOp
let servers: Servers
const bad: Partial<Record<"expired" | "other-name", BadTlsServer>> = {}

beforeAll(async () => {
  op = await startOp()
  servers = await startServers(op)
  bad.expired = await startBadTlsServer("expired")
  bad["other-name"] = await startBadTlsServer("other-name")
})
afterAll(async () => {
  await Promise.all(Object.values(bad).map((s) => s.close()))
  await servers?.close()
  await op?.close()
})

/** The transport error a call fails with (its client closed after). */
const transportError = async (client: ReturnType<typeof createOxdClient>): Promise<OxdTransportError> => {
  try {
    await client.getAuthorizationUrl({ oxd_id: "x" })
  } catch (e) {
    if (e instanceof OxdTransportError) return e
    throw e
  } finally {
    await client.close()
  }
  throw new Error("expected an OxdTransportError")
}

const wss = (httpsUrl: string) => httpsUrl.replace(/^https:/, "wss:")

describe("Node TLS: the ca option (PEM or file) trusts the server over https and wss", () => {
  it.each(["pem", "file"] as const)("https and wss with ca as %s: the server answers", async (form) => {
    const ca = form === "pem" ? servers.rest.tls!.certPem : servers.certFile
    for (const client of [
      createOxdClient({ transport: "https", baseUrl: servers.rest.url, ca }),
      createOxdClient({ transport: "ws", url: servers.ws.url, ca }),
    ]) {
      // an oxd error is an answer: the TLS connection was trusted
      await expect(client.getAuthorizationUrl({ oxd_id: "x" })).rejects.toMatchObject({ name: "OxdError" })
      await client.close()
    }
  })

  it("ca together with fetch or WebSocket is refused (which one would apply?)", () => {
    expect(() =>
      createOxdClient({ transport: "https", baseUrl: servers.rest.url, ca: servers.certFile, fetch: globalThis.fetch }),
    ).toThrow(/ca or fetch/)
    expect(() =>
      createOxdClient({ transport: "ws", url: servers.ws.url, ca: servers.certFile, WebSocket: class {} as never }),
    ).toThrow(/ca or WebSocket/)
  })
})

describe("a TLS failure says why, naming the server", () => {
  it('https without ca (the global fetch): the server\'s self-signed certificate, not just "fetch failed"', async () => {
    const e = await transportError(createOxdClient({ transport: "https", baseUrl: servers.rest.url }))
    expect(e.message).toContain(servers.rest.url)
    expect(e.message).toMatch(/self[- ]signed certificate/)
  })

  it.each(["https", "ws"] as const)(
    "%s with the wrong ca (the test OP's CA): self-signed certificate",
    async (transport) => {
      const e = await transportError(
        transport === "https"
          ? createOxdClient({ transport, baseUrl: servers.rest.url, ca: op.caFile })
          : createOxdClient({ transport, url: servers.ws.url, ca: op.caFile, connectTimeoutMs: 1500 }),
      )
      expect(e.message).toContain(transport === "https" ? servers.rest.url : servers.ws.url)
      expect(e.message).toMatch(/self[- ]signed certificate/)
    },
  )

  it.each([
    ["expired", /certificate has expired \(CERT_HAS_EXPIRED\)/],
    ["other-name", /Hostname\/IP does not match certificate's altnames.*\(ERR_TLS_CERT_ALTNAME_INVALID\)/],
  ] as const)("a certificate %s: its cause, over https and wss", async (fault, cause) => {
    const server = bad[fault]!
    const https = await transportError(createOxdClient({ transport: "https", baseUrl: server.url, ca: server.certPem }))
    expect(https.message).toContain(server.url)
    expect(https.message).toMatch(cause)
    const ws = await transportError(
      createOxdClient({ transport: "ws", url: wss(server.url), ca: server.certPem, connectTimeoutMs: 1500 }),
    )
    expect(ws.message).toContain(wss(server.url))
    expect(ws.message).toMatch(cause)
  })
})

/** A TCP pass-through to the REST port (TLS stays end to end) that counts the connections clients open. */
const countingProxy = async (port: number) => {
  let connections = 0
  const proxy = createNetServer((socket) => {
    connections++
    const upstream = connect(port, "127.0.0.1")
    socket.pipe(upstream).pipe(socket)
    const end = () => (socket.destroy(), upstream.destroy())
    socket.on("error", end).on("close", end)
    upstream.on("error", end).on("close", end)
  })
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve))
  return {
    url: `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  }
}

describe("https with ca: kept-alive connections", () => {
  it("calls reuse the client's TLS connections: at most two per call in flight, however many calls", async () => {
    const proxy = await countingProxy(Number(new URL(servers.rest.url).port))
    const client = createOxdClient({ transport: "https", baseUrl: proxy.url, ca: servers.certFile })
    try {
      // the server's answer (an oxd error for an unknown site) proves each call went through
      const call = () => expect(client.getAuthorizationUrl({ oxd_id: "x" })).rejects.toMatchObject({ name: "OxdError" })
      const inTurn = async (n: number) => {
        for (let i = 0; i < n; i++) await call()
      }
      // undici's pool may open a second connection while the first still hands its answer back
      await inTurn(30)
      expect(proxy.connections()).toBeLessThanOrEqual(2)
      for (let batch = 0; batch < 10; batch++) await Promise.all(Array.from({ length: 4 }, () => inTurn(10)))
      expect(proxy.connections()).toBeLessThanOrEqual(8)
    } finally {
      await client.close()
      await proxy.close()
    }
  })
})
