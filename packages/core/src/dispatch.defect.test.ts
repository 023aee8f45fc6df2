/**
 * A handler defect (a bug, not an OxdError) through dispatch. The registry has no command that crashes on
 * purpose, so this file adds a test-only one beside the real registry; no provider is involved.
 */
import { afterAll, afterEach, describe, expect, it, vi } from "vitest"
import { logSink } from "./observability/logSink.js"
import { makeConfig } from "./config/loadConfig.js"
import { makeOxd } from "./makeOxd.js"
import type * as Registry from "./commands/index.js"

vi.mock("./commands/index.js", async (importOriginal) => {
  const real = await importOriginal<typeof Registry>()
  const { Effect, Schema } = await import("effect")
  const Command = await import("./Command.js")
  const crashing = {
    test_die: Command.make("test_die", {
      description: "dies",
      params: Schema.Struct({}),
      result: Schema.Struct({}),
      protection: "none",
      handler: () => Effect.die(new Error("boom with client_secret=hunter2")),
    }),
    test_throw: Command.make("test_throw", {
      description: "throws inside a generator",
      params: Schema.Struct({}),
      result: Schema.Struct({}),
      protection: "none",
      handler: () => Effect.sync(() => JSON.parse("{ not json")),
    }),
    test_bad_result: Command.make("test_bad_result", {
      description: "answers something its result schema refuses",
      params: Schema.Struct({}),
      result: Schema.Struct({ n: Schema.Number }),
      protection: "none",
      handler: () => Effect.succeed({ n: "not a number" } as unknown as { n: number }),
    }),
  } as const
  return {
    ...real,
    resolveCommand: (name: string) => (crashing as Record<string, unknown>)[name] ?? real.resolveCommand(name),
  }
})

const oxd = makeOxd(makeConfig({ database_url: ":memory:", log_level: "error", log_format: "json" }))
afterAll(() => oxd.dispose())

const logged: string[] = []
const capture = () => {
  for (const m of ["log", "error", "warn", "info"] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")))
  }
  vi.spyOn(logSink, "write").mockImplementation((text: string) => void logged.push(text))
}
afterEach(() => {
  vi.restoreAllMocks()
  logged.length = 0
})

describe("dispatch with a handler defect", () => {
  for (const command of ["test_die", "test_throw", "test_bad_result"]) {
    it(`turns a defect of ${command} into internal_error with the request id and no details (details: null)`, async () => {
      capture()
      const r = await oxd.dispatch(command, {}, { transport: "internal", requestId: `req-${command}` })
      expect(r.http).toBe(500)
      expect(r.envelope).toEqual({
        status: "error",
        data: {
          error: "internal_error",
          error_description: `Internal error; the server logged it with request id req-${command}.`,
          details: null,
        },
      })
      const description = r.envelope.status === "error" ? r.envelope.data.error_description : ""
      expect(description).not.toMatch(/boom|hunter2|JSON|at .*\.ts|Error:/)
      // the operator can find it: the log line carries the request id
      await vi.waitFor(() => expect(logged.some((l) => l.includes(`req-${command}`))).toBe(true))
      // with the error's name, never its secrets (Cause.pretty would have printed client_secret=hunter2)
      expect(logged.join("\n")).not.toContain("hunter2")
      expect(logged.some((l) => /"error":"(Error|SyntaxError|SchemaError)"/.test(l) || /Error/.test(l))).toBe(true)
    })
  }

  it("makes up a request id when the edge gives none", async () => {
    capture()
    const r = await oxd.dispatch("test_die", {}, { transport: "internal" })
    expect(r.envelope.status === "error" && r.envelope.data.error_description).toMatch(/request id [0-9a-f]{16}\.$/)
  })

  it("keeps answering after a defect", async () => {
    capture()
    await oxd.dispatch("test_die", {}, { transport: "internal" })
    const r = await oxd.dispatch("get_authorization_url", {}, { transport: "internal" })
    expect(r.envelope.status === "error" && r.envelope.data.error).toBe("bad_request")
  })
})
