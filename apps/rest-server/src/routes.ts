import { aliases, BACKCHANNEL_LOGOUT_PATH, commands, FRONTCHANNEL_LOGOUT_PATH } from "@oxd/core"
import { restPath } from "@oxd/wire"
import { DOCS_ASSET_PATHS } from "./docsAssets.js"

/** What a path of the REST API serves. Commands come from core's registry; nothing here knows one command. */
export type Route =
  | {
      readonly kind: "command"
      readonly command: string
      readonly protected: boolean
      /** GET: a command whose params come from the path and query (the oxd 4.x API's GET paths); default POST. */
      readonly method?: "GET"
      /** GET: the path's last segment is this param (the route is keyed by the path without it). */
      readonly pathParam?: string
      /** GET: these query params are params of the same names. */
      readonly queryParams?: ReadonlyArray<string>
      /** The reply is the result's text, not JSON (4.x GET /get-request-object/{id}). */
      readonly text?: true
    }
  | { readonly kind: "health" }
  | { readonly kind: "openapi" }
  | { readonly kind: "docs" }
  | { readonly kind: "docsAsset" }
  | { readonly kind: "backchannel_logout" }
  | { readonly kind: "frontchannel_logout" }

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
  // the OP's logout calls (docs/logout.md)
  routes.set(BACKCHANNEL_LOGOUT_PATH, { kind: "backchannel_logout" })
  routes.set(FRONTCHANNEL_LOGOUT_PATH, { kind: "frontchannel_logout" })
  return routes
}

/** The methods a route answers (OPTIONS aside). */
export const allowedMethods = (route: Route): ReadonlyArray<string> =>
  route.kind === "command"
    ? [route.method ?? "POST"]
    : route.kind === "backchannel_logout"
      ? ["POST"]
      : route.kind === "frontchannel_logout"
        ? ["GET"]
        : ["GET", "HEAD"]

/**
 * The route of a path: the path itself, else (a GET command with a path param, `/get-request-object/{id}`) the path
 * without its last segment, with that segment as the param.
 */
export const matchRoute = (
  routes: ReadonlyMap<string, Route>,
  path: string,
): { readonly route: Route; readonly pathValue?: string } | undefined => {
  const exact = routes.get(path)
  if (exact) return { route: exact }
  const slash = path.lastIndexOf("/")
  if (slash <= 0 || slash === path.length - 1) return undefined
  const route = routes.get(path.slice(0, slash))
  if (route?.kind !== "command" || !route.pathParam) return undefined
  try {
    return { route, pathValue: decodeURIComponent(path.slice(slash + 1)) }
  } catch {
    return undefined // a malformed %-escape: no such path
  }
}
