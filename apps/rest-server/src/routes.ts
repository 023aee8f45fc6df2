import { aliases, commands } from "@oxd/core"
import { restPath } from "@oxd/wire"
import { DOCS_ASSET_PATHS } from "./docsAssets.js"

/** What a path of the REST API serves. Commands come from core's registry; nothing here knows one command. */
export type Route =
  | { readonly kind: "command"; readonly command: string; readonly protected: boolean }
  | { readonly kind: "health" }
  | { readonly kind: "openapi" }
  | { readonly kind: "docs" }
  | { readonly kind: "docsAsset" }

export const HEALTH_PATH = "/health-check"
export const OPENAPI_PATH = "/openapi.json"
export const DOCS_PATH = "/docs"

/** POST /<command-with-dashes> for every command and every older name, plus the GET pages (the docs page's files too). */
export const restRoutes = (): ReadonlyMap<string, Route> => {
  const routes = new Map<string, Route>()
  for (const c of Object.values(commands))
    routes.set(restPath(c.name), { kind: "command", command: c.name, protected: c.protection !== "none" })
  for (const [alias, name] of Object.entries(aliases)) {
    routes.set(restPath(alias), { kind: "command", command: alias, protected: commands[name].protection !== "none" })
  }
  routes.set(HEALTH_PATH, { kind: "health" })
  routes.set(OPENAPI_PATH, { kind: "openapi" })
  routes.set(DOCS_PATH, { kind: "docs" })
  for (const path of DOCS_ASSET_PATHS) routes.set(path, { kind: "docsAsset" })
  return routes
}

/** The methods a route answers (OPTIONS aside). */
export const allowedMethods = (route: Route): ReadonlyArray<string> =>
  route.kind === "command" ? ["POST"] : ["GET", "HEAD"]
