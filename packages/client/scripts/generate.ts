// Regenerates src/generated/commands.ts from core's command registry: pnpm --filter @oxd/client generate
import { writeFileSync } from "node:fs"
import { commandsFile, renderCommands } from "./commandTypes.js"

for (const [file, text] of [[commandsFile, renderCommands()]] as const) {
  writeFileSync(file, text)
  console.log(`wrote ${file.pathname}`)
}
