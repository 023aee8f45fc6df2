import type { IncomingMessage, ServerResponse } from "node:http"
import { sendJson } from "../http.js"
import { handleClaimsGathering } from "./claimsGathering.js"
import { handleConfiguration } from "./configuration.js"
import type { UmaContext } from "./context.js"
import { UmaHttpError } from "./errors.js"
import { handleIntrospection } from "./introspection.js"
import { UMA_PATHS } from "./paths.js"
import { handlePermission } from "./permissions.js"
import { requirePat } from "./protection.js"
import { handleResources } from "./resources.js"

type Route = {
  name: "configuration" | "resource_registration" | "permission" | "introspection" | "claims_gathering"
  id?: string
}

const RESOURCE = new RegExp(`^${UMA_PATHS.resourceRegistration}/([A-Za-z0-9_-]+)$`)

function route(pathname: string): Route | undefined {
  switch (pathname) {
    case UMA_PATHS.configuration:
      return { name: "configuration" }
    case UMA_PATHS.resourceRegistration:
      return { name: "resource_registration" }
    case UMA_PATHS.permission:
      return { name: "permission" }
    case UMA_PATHS.introspection:
      return { name: "introspection" }
    case UMA_PATHS.claimsInteraction:
      return { name: "claims_gathering" }
  }
  const id = RESOURCE.exec(pathname)?.[1]
  return id ? { name: "resource_registration", id } : undefined
}

export function isUmaPath(pathname: string): boolean {
  return route(pathname) !== undefined
}

/** Serves the UMA endpoints; counts each request as `uma.<endpoint>` (e.g. "uma.introspection"). */
export async function handleUma(uma: UmaContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const r = route(new URL(req.url ?? "/", uma.issuer).pathname)
  if (!r) return sendJson(res, 404, { error: "not_found" })
  uma.counters.inc(`uma.${r.name}`)
  try {
    if (r.name === "configuration") return handleConfiguration(uma, res)
    if (r.name === "claims_gathering") return await handleClaimsGathering(uma, req, res)
    const pat = await requirePat(uma, req, res)
    if (!pat) return
    if (r.name === "resource_registration") return await handleResources(uma, pat, req, res, r.id)
    if (r.name === "permission") return await handlePermission(uma, pat, req, res)
    return await handleIntrospection(uma, req, res)
  } catch (err) {
    if (!(err instanceof UmaHttpError)) throw err
    return sendJson(res, err.status, { error: err.error, error_description: err.message })
  }
}
