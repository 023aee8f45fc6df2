import type { LookupAddress } from "node:dns"
import { describe, expect, it } from "vitest"
import { makeOpHostPolicy, OpHostRefused, refusalIn } from "./OpHostPolicy.js"

/** The policy's look-up of `host` for connections to `origin`, as net.connect calls it (with or without `all`). */
const resolve = (origin: string, entries: ReadonlyArray<string>, host: string, all: boolean) =>
  new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[] }>((done) => {
    makeOpHostPolicy(entries).lookupFor(origin)(host, { all }, (err, address) => done({ err, address }))
  })

describe("OpHostPolicy.checkUrl: what is refused before any connection", () => {
  const open = makeOpHostPolicy([])

  it("lets a public host name or address through when the list is empty (its addresses are checked at connect)", () => {
    expect(open.checkUrl("https://op.example.com/.well-known/openid-configuration")).toBeUndefined()
    expect(open.checkUrl("https://8.8.8.8/token")).toBeUndefined()
    expect(open.checkUrl("https://[2606:4700:4700::1111]/token")).toBeUndefined()
  })

  it.each([
    ["https://127.0.0.1:9443/.well-known/openid-configuration", "127.0.0.1 is a loopback address"],
    ["https://2130706433:9443/", "127.0.0.1 is a loopback address"],
    ["https://0x7f.1:9443/", "127.0.0.1 is a loopback address"],
    ["https://[::1]:9443/", "::1 is a loopback address"],
    ["https://[::ffff:127.0.0.1]:9443/", "::ffff:7f00:1 is a loopback address"],
    ["https://10.1.2.3/token", "10.1.2.3 is a private address"],
    ["https://169.254.169.254/latest/meta-data", "169.254.169.254 is a cloud metadata address"],
    ["https://[fd00:ec2::254]/", "is a cloud metadata address"],
    ["https://100.64.0.1/", "carrier-grade NAT"],
    ["https://0.0.0.0:9443/", "the unspecified address"],
  ])("refuses %s: %s", (url, why) => {
    const refused = open.checkUrl(url)
    expect(refused).toBeInstanceOf(OpHostRefused)
    expect(refused!.detail).toContain(why)
    expect(refused!.detail).toContain(`add the origin ${new URL(url).origin} to allowed_op_hosts`)
  })

  it("refuses anything but HTTPS", () => {
    expect(open.checkUrl("http://op.example.com/token")?.detail).toBe("the OP is only ever called over HTTPS")
  })

  it("with a list: only its origins; a non-public address only for an origin written out", () => {
    const policy = makeOpHostPolicy(["https://127.0.0.1:9443", "https://*.example.com"])
    expect(policy.checkUrl("https://127.0.0.1:9443/token")).toBeUndefined()
    expect(policy.checkUrl("https://2130706433:9443/token")).toBeUndefined() // the listed origin, spelled otherwise
    expect(policy.checkUrl("https://127.0.0.1:9444/token")?.detail).toContain("its origin is not in allowed_op_hosts")
    expect(policy.checkUrl("https://login.example.com/token")).toBeUndefined()
    expect(policy.checkUrl("https://example.com/token")?.detail).toContain("its origin is not in allowed_op_hosts")
    expect(policy.checkUrl("https://op.other.org/token")?.detail).toContain(
      "add the origin https://op.other.org to allowed_op_hosts",
    )
  })

  it("is found again under the wrappers fetch and openid-client put around it", () => {
    const refused = open.checkUrl("https://127.0.0.1/")!
    const wrapped = new Error("something went wrong", { cause: new TypeError("fetch failed", { cause: refused }) })
    expect(refusalIn(wrapped)).toBe(refused)
    expect(refusalIn(new Error("x"))).toBeUndefined()
  })
})

describe("OpHostPolicy.lookupFor: the addresses a connection resolves to (no second look-up to race)", () => {
  it.each([true, false])(
    "refuses a name that resolves to loopback for an origin not written out (all: %s)",
    async (all) => {
      const r = await resolve("https://localhost:9443", [], "localhost", all)
      expect(refusalIn(r.err)).toBeInstanceOf(OpHostRefused)
      expect(refusalIn(r.err)!.detail).toMatch(
        /^localhost resolves to a loopback address \((127\.0\.0\.1|::1)\); add the origin https:\/\/localhost:9443 to allowed_op_hosts/,
      )
    },
  )

  it("refuses it also when only another spelling of the address is listed: the origin is matched as written", async () => {
    const r = await resolve("https://localhost:9443", ["https://127.0.0.1:9443"], "localhost", true)
    expect(refusalIn(r.err)).toBeInstanceOf(OpHostRefused)
  })

  it.each([true, false])("gives the addresses of a listed origin, in the shape asked for (all: %s)", async (all) => {
    const r = await resolve("https://localhost:9443", ["https://localhost:9443"], "localhost", all)
    expect(r.err).toBeNull()
    if (all) expect((r.address as LookupAddress[]).map((a) => a.address)).toContain("127.0.0.1")
    else expect(["127.0.0.1", "::1"]).toContain(r.address)
  })

  it("passes DNS failures on as they are", async () => {
    const r = await resolve("https://no-such-host.invalid", [], "no-such-host.invalid", true)
    expect(r.err?.code).toMatch(/ENOTFOUND|EAI_AGAIN/)
    expect(refusalIn(r.err)).toBeUndefined()
  })
})
