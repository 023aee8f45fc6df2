// Writes apps/rest-server/openapi.json (the 3.1 API) and openapi-4.json (the oxd 4.x API) from core's command
// registry: pnpm --filter @oxd/rest-server openapi (pnpm --filter @oxd/client-rest generate also regenerates the
// client's types from them).
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { openApiText } from "../src/openapi.js"
import { openApi4Text } from "../src/v4/openapi.js"

for (const [name, text] of [
  ["openapi.json", openApiText()],
  ["openapi-4.json", openApi4Text()],
] as const) {
  const file = fileURLToPath(new URL(`../${name}`, import.meta.url))
  writeFileSync(file, text)
  console.log(`wrote ${file}`)
}
