import { readFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { DOCS_INIT_PATH, DOCS_INIT_SCRIPT } from "./docsPage.js"

export interface DocsAsset {
  readonly type: string
  readonly body: Buffer
}

/** Swagger UI's files the page loads, from the swagger-ui-dist package, by the path they are served at. */
const SWAGGER_UI_FILES: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  "/docs/swagger-ui-bundle.js": { file: "swagger-ui-bundle.js", type: "text/javascript; charset=utf-8" },
  "/docs/swagger-ui.css": { file: "swagger-ui.css", type: "text/css; charset=utf-8" },
  "/docs/favicon-32x32.png": { file: "favicon-32x32.png", type: "image/png" },
}

/** Every path under /docs/ the server answers. */
export const DOCS_ASSET_PATHS: ReadonlyArray<string> = [...Object.keys(SWAGGER_UI_FILES), DOCS_INIT_PATH]

let loaded: Promise<ReadonlyMap<string, DocsAsset>> | undefined

/** The assets, read once at the first request for one (2 MB a server that nobody reads the docs of need not hold). */
export const docsAssets = (): Promise<ReadonlyMap<string, DocsAsset>> => {
  loaded ??= (async () => {
    const dir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"))
    const assets = new Map<string, DocsAsset>()
    for (const [path, { file, type }] of Object.entries(SWAGGER_UI_FILES))
      assets.set(path, { type, body: await readFile(join(dir, file)) })
    assets.set(DOCS_INIT_PATH, { type: "text/javascript; charset=utf-8", body: Buffer.from(DOCS_INIT_SCRIPT) })
    return assets
  })().catch((e: unknown) => {
    loaded = undefined // a later request tries again
    throw e
  })
  return loaded
}
