import { commands } from "@oxd/core"
import { DOCS_PATH, HEALTH_PATH, OPENAPI_PATH, type Route } from "../routes.js"
import { servedV4Paths } from "./paths.js"

/** The oxd 4.x API's routes: every served row of the path table (paths.ts), the health check, the docs. */
export const v4Routes = (): ReadonlyMap<string, Route> => {
  const routes = new Map<string, Route>()
  for (const p of servedV4Paths()) {
    const command = (commands as Record<string, { protection: string }>)[p.command]!
    routes.set(p.path, {
      kind: "command",
      command: p.command,
      protected: command.protection === "site",
      ...(p.method === "GET" ? { method: "GET" as const } : {}),
      ...(p.pathParam ? { pathParam: p.pathParam } : {}),
      ...(p.queryParams ? { queryParams: p.queryParams } : {}),
      ...(p.text ? { text: true as const } : {}),
    })
  }
  routes.set(HEALTH_PATH, { kind: "health" })
  routes.set(OPENAPI_PATH, { kind: "openapi" })
  routes.set(DOCS_PATH, { kind: "docs" })
  return routes
}
