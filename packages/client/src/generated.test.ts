import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { commandsFile, renderCommands } from "../scripts/commandTypes.js"

const STALE = "stale generated file: run pnpm --filter @oxd/client generate and commit src/generated/"

describe("the generated file", () => {
  it("src/generated/commands.ts is what core's command schemas give now", () => {
    expect(readFileSync(commandsFile, "utf8"), STALE).toBe(renderCommands())
  })
})
