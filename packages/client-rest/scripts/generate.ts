// Regenerates the OpenAPI document from core's command registry (apps/rest-server/openapi.json) and the client's
// types from it (src/schema.d.ts): pnpm --filter @oxd/client-rest generate
import { writeFileSync } from "node:fs"
import { openApiText } from "@oxd/rest-server"
import { openApiFile, schemaFile, schemaTypes } from "./schemaTypes.js"

const text = openApiText()
writeFileSync(openApiFile, text)
console.log(`wrote ${openApiFile}`)
writeFileSync(schemaFile, await schemaTypes(text))
console.log(`wrote ${schemaFile.pathname}`)
