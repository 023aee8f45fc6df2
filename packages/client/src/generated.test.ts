import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { commandsFile, legacyFrameFile, renderCommands, renderLegacyFrame } from "../scripts/commandTypes.js"

const STALE = "stale generated file: run pnpm --filter @oxd/client generate and commit src/generated/"

describe("the generated files", () => {
  it("src/generated/commands.ts is what core's command schemas give now", () => {
    expect(readFileSync(commandsFile, "utf8"), STALE).toBe(renderCommands())
  })

  it("src/generated/legacyFrame.ts is core's TCP framing as it is now", () => {
    expect(readFileSync(legacyFrameFile, "utf8"), STALE).toBe(renderLegacyFrame())
  })
})
