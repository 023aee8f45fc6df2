// Regenerates src/generated/commands.ts from core's command registry, and src/generated/legacyFrame.ts from core's: pnpm --filter @oxd/client generate
import { writeFileSync } from "node:fs"
import { commandsFile, legacyFrameFile, renderCommands, renderLegacyFrame } from "./commandTypes.js"

for (const [file, text] of [[commandsFile, renderCommands()], [legacyFrameFile, renderLegacyFrame()]] as const) {
  writeFileSync(file, text)
  console.log(`wrote ${file.pathname}`)
}
