import { fileURLToPath } from "node:url"
import { defaultClientConditions, defineConfig } from "vite"

const page = (file: string) => fileURLToPath(new URL(file, import.meta.url))

/**
 * Two plain pages: index.html (Sign in) and callback.html (where the OP sends the browser back).
 * Workspace packages resolve to their TypeScript sources (the "source" export condition), so no build of
 * @oxd/client is needed first.
 */
export default defineConfig({
  resolve: { conditions: ["source", ...defaultClientConditions] },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: {
    target: "es2022",
    rolldownOptions: { input: { index: page("index.html"), callback: page("callback.html") } },
  },
})
