import { createServer } from "node:net"
import { describe, expect, it } from "vitest"
import {
  byteFrame,
  disposable,
  eventually,
  freePort,
  lengthPrefix,
  spawnNode,
  takeFrames,
  undescribedFields,
  unitFrame,
  type JsonSchemaNode,
} from "./index.js"

describe("frames", () => {
  it("count UTF-16 units or bytes, as the two kinds of client do", () => {
    const json = '{"a":"é😀"}'
    expect(unitFrame(json).subarray(0, 4).toString()).toBe(String(json.length).padStart(4, "0"))
    expect(byteFrame(json).subarray(0, 4).toString()).toBe(String(Buffer.byteLength(json)).padStart(4, "0"))
    expect(unitFrame(json).subarray(4).toString("utf8")).toBe(json)
    expect(byteFrame(Buffer.from([1, 2])).equals(Buffer.from([0x30, 0x30, 0x30, 0x32, 1, 2]))).toBe(true)
    expect(lengthPrefix(12345).toString()).toBe("12345")
  })

  it("splits byte-counted frames out of a stream, keeping an incomplete one for later", () => {
    const stream = Buffer.concat([byteFrame("é1"), byteFrame(""), byteFrame("third")])
    const cut = stream.length - 2
    const first = takeFrames(stream.subarray(0, cut))
    expect(first.frames.map((f) => f.toString("utf8"))).toEqual(["é1", ""])
    expect(first.rest.toString("latin1")).toBe("0005thi")
    const second = takeFrames(Buffer.concat([first.rest, stream.subarray(cut)]))
    expect(second.frames.map((f) => f.toString("utf8"))).toEqual(["third"])
    expect(second.rest.length).toBe(0)
    expect(takeFrames(Buffer.from("00")).rest.toString()).toBe("00")
  })
})

describe("eventually", () => {
  it("retries through falsy answers and throws until the check holds, and returns its value", async () => {
    let n = 0
    await expect(
      eventually(() => {
        n++
        if (n < 3) throw new Error("not yet")
        return n < 5 ? false : n
      }),
    ).resolves.toBe(5)
  })

  it("gives up after the timeout with the last error", async () => {
    await expect(
      eventually(
        () => {
          throw new Error("never")
        },
        { timeoutMs: 60, message: "the flag" },
      ),
    ).rejects.toThrow("the flag: never")
  })
})

describe("disposable", () => {
  it("closes once when the block ends, also when it throws", async () => {
    let closed = 0
    const open = () =>
      disposable({ name: "r" }, async () => {
        closed++
      })
    {
      await using r = open()
      expect(r.name).toBe("r")
    }
    expect(closed).toBe(1)
    await expect(
      (async () => {
        await using _r = open()
        throw new Error("boom")
      })(),
    ).rejects.toThrow("boom")
    expect(closed).toBe(2)
    const twice = open()
    await twice[Symbol.asyncDispose]()
    await twice[Symbol.asyncDispose]()
    expect(closed).toBe(3)
  })
})

describe("spawnNode", () => {
  it("resolves at the ready line and stops the process when disposed", async () => {
    let pid: number | undefined
    {
      await using p = await spawnNode({
        args: ["-e", "console.log('ready on ' + 42); setInterval(() => {}, 1000)"],
        ready: /ready on (\d+)/,
      })
      expect((await p.waitFor(/ready on (\d+)/))[1]).toBe("42")
      pid = p.child.pid
      expect(p.child.exitCode).toBeNull()
    }
    expect(pid).toBeDefined()
    expect(() => process.kill(pid!, 0)).toThrow()
  })

  it("rejects with the output when the process exits before its ready line", async () => {
    await expect(
      spawnNode({ args: ["-e", "console.error('cannot start: port taken'); process.exit(3)"], ready: /ready/ }),
    ).rejects.toThrow(/exited \(3\)[\s\S]*cannot start: port taken/)
  })
})

describe("freePort", () => {
  it("gives a loopback port that is free: a server can listen on it", async () => {
    const port = await freePort()
    expect(port).toBeGreaterThan(0)
    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      server.listen(port, "127.0.0.1", resolve)
    })
    expect((server.address() as { port: number }).port).toBe(port)
    await new Promise((r) => server.close(r))
  })
})

describe("undescribedFields", () => {
  it("names each property without a description, nested ones and those behind a $ref included", () => {
    const defs: Record<string, JsonSchemaNode> = {
      Named: { type: "object", description: "a named one", properties: { inner: { type: "string" } } },
    }
    const schema = {
      type: "object",
      properties: {
        described: { type: "string", description: "has one" },
        bare: { type: "string" },
        blank: { type: "string", description: "  " },
        byRef: { $ref: "#/$defs/Named" },
        list: {
          description: "a list",
          anyOf: [{ type: "array", items: { type: "object", properties: { x: {} } } }, { type: "null" }],
        },
        map: { description: "a map", additionalProperties: { type: "object", properties: { y: { type: "string" } } } },
      },
    }
    expect(undescribedFields(schema, (ref) => defs[ref.slice("#/$defs/".length)])).toEqual([
      "bare",
      "blank",
      "byRef.inner",
      "list[].x",
      "map{}.y",
    ])
    expect(undescribedFields({ $ref: "#/$defs/Gone" }, () => undefined)).toEqual([
      "(root) ($ref #/$defs/Gone not found)",
    ])
  })
})
