import { aliases, BACKCHANNEL_LOGOUT_PATH, commands, FRONTCHANNEL_LOGOUT_PATH } from "@oxd/core"
import { restPath } from "@oxd/wire"

/** What a path of the REST API serves. Commands come from core's registry; nothing here knows one command. */
export type Route =
  | { readonly kind: "command"; readonly command: string; readonly protected: boolean }
  | { readonly kind: "health" }
  | { readonly kind: "openapi" }
  | { readonly kind: "docs" }
  | { readonly kind: "backchannel_logout" }
  | { readonly kind: "frontchannel_logout" }

export const HEALTH_PATH = "/health-check"
export const OPENAPI_PATH = "/openapi.json"
export const DOCS_PATH = "/docs"

/** POST /<command-with-dashes> for every command and every older name, plus the GET pages. */
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
  // the OP's logout calls (docs/logout.md)
  routes.set(BACKCHANNEL_LOGOUT_PATH, { kind: "backchannel_logout" })
  routes.set(FRONTCHANNEL_LOGOUT_PATH, { kind: "frontchannel_logout" })
  return routes
}

/** The methods a route answers (OPTIONS aside). */
export const allowedMethods = (route: Route): ReadonlyArray<string> =>
  route.kind === "command" || route.kind === "backchannel_logout"
    ? ["POST"]
    : route.kind === "frontchannel_logout"
      ? ["GET"]
      : ["GET", "HEAD"]
