// Writes apps/rest-server/openapi.json from core's command registry: pnpm --filter @oxd/rest-server openapi
// (pnpm --filter @oxd/client-rest generate also regenerates the client's types from it).
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { openApiText } from "../src/openapi.js"

const file = fileURLToPath(new URL("../openapi.json", import.meta.url))
writeFileSync(file, openApiText())
console.log(`wrote ${file}`)
