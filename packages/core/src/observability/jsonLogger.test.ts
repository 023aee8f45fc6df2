import { Cause, Effect, Logger } from "effect"
import { afterEach, describe, expect, it, vi } from "vitest"
import { jsonLineLogger } from "./jsonLogger.js"
import { logSink } from "./logSink.js"

afterEach(() => {
  vi.restoreAllMocks()
})

/** Runs `program` with the JSON logger and returns the lines it wrote (they are written once per event-loop turn). */
const linesOf = async (program: Effect.Effect<void>) => {
  const out: string[] = []
  vi.spyOn(logSink, "write").mockImplementation((text: string) => void out.push(...text.split("\n")))
  await Effect.runPromise(program.pipe(Effect.provide(Logger.layer([jsonLineLogger]))))
  await vi.waitFor(() => expect(out.length).toBeGreaterThan(0))
  return out.map((l) => JSON.parse(l) as Record<string, unknown>)
}

describe("JSON log lines", () => {
  it("are flat objects: time, level, msg, then the annotations", async () => {
    const [line] = await linesOf(
      Effect.logInfo("command").pipe(Effect.annotateLogs({ request_id: "r-1", transport: "tcp", duration_ms: 1.5 })),
    )
    expect(line).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: "INFO",
      msg: "command",
      request_id: "r-1",
      transport: "tcp",
      duration_ms: 1.5,
    })
  })

  it("give a failure's tag and a redacted message, never the secret it carried", async () => {
    const boom = new Error("token endpoint said no to client_secret=s3cr3t-value-that-is-long-enough")
    const lines = await linesOf(
      Effect.logError("crashed", Cause.die(boom)).pipe(
        Effect.andThen(Effect.logWarning(new Error("refresh_token=abcdefghijklmnopqrstuvwxyz0123456789"))),
      ),
    )
    expect(lines[0]).toMatchObject({ level: "ERROR", msg: "crashed", error: "Error" })
    expect(JSON.stringify(lines)).not.toContain("s3cr3t")
    expect(JSON.stringify(lines)).not.toContain("abcdefghijklmnopqrstuvwxyz0123456789")
    expect(lines[1]).toMatchObject({ level: "WARN" })
  })
})
