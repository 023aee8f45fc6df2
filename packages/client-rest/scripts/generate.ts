// Regenerates the OpenAPI documents from core's command registry (apps/rest-server/openapi.json and openapi-4.json)
// and the client's types from them (src/schema.d.ts, src/v4/schema.d.ts): pnpm --filter @oxd/client-rest generate
import { writeFileSync } from "node:fs"
import { openApi4Text, openApiText } from "@oxd/rest-server"
import { openApi4File, openApiFile, schema4File, schemaFile, schemaTypes } from "./schemaTypes.js"

const text = openApiText()
writeFileSync(openApiFile, text)
console.log(`wrote ${openApiFile}`)
writeFileSync(schemaFile, await schemaTypes(text))
console.log(`wrote ${schemaFile.pathname}`)
const text4 = openApi4Text()
writeFileSync(openApi4File, text4)
console.log(`wrote ${openApi4File}`)
writeFileSync(schema4File, await schemaTypes(text4, "openapi-4.json"))
console.log(`wrote ${schema4File.pathname}`)
