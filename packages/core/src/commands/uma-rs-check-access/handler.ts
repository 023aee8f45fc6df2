import { Clock, Effect } from "effect"
import { OxdConfig } from "../../config/OxdConfig.js"
import { InvalidParams, ResourceNotProtected } from "../../errors.js"
import { Events } from "../../services/Events.js"
import { ResourceStore } from "../../services/ResourceStore.js"
import { SiteStore } from "../../services/SiteStore.js"
import { UmaAuthorizationServer } from "../../services/UmaAuthorizationServer.js"
import { list, present } from "../_shared/fields.js"
import { refusedAsInternalError } from "../_shared/refusal.js"
import { accessChecked, grants, GRANTED, requestedMethod } from "./decide.js"
import type { Params, Result } from "./schema.js"

/**
 * Untraced (no span, no stack capture per call): this runs on every request a protected API receives, and a span
 * costs several µs, a large share of a cached check. The command's span, when tracing is on, comes from dispatch's
 * caller. A granted check with everything cached is usually answered by fromWarmState.ts instead.
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const method = requestedMethod(p)
  if (method instanceof InvalidParams) return yield* method
  const site = yield* SiteStore.use((s) => s.get(p.oxd_id))
  const resource = yield* ResourceStore.use((r) => r.find(site.oxdId, p.path, method))
  if (!resource) return yield* new ResourceNotProtected({ path: p.path, http_method: method })
  const decided = (r: typeof Result.Type) => Effect.as(Events.publish(accessChecked(site, r.access, p.path, method)), r)
  const as = yield* UmaAuthorizationServer
  // oxd 4.x: the caller's scopes, when given, are what the request needs (RsCheckAccessOperation.java:144-146)
  const scopes = list(p.scopes)
  if (present(p.rpt)) {
    const introspection = yield* as.checkRpt(site, p.rpt)
    // the RPT's own exp and its permissions' exp are checked on every call, cached introspection or not
    const now = yield* Clock.currentTimeMillis
    if (grants(introspection, resource, Math.floor(now / 1000), scopes)) return yield* decided(GRANTED)
  }
  const ticket = yield* as
    .permissionTicket(site, [
      { resource_id: resource.resourceId, resource_scopes: scopes ?? resource.ticketScopes ?? resource.scopes },
    ])
    .pipe(
      // the reference cannot read a refused ticket registration (RsCheckAccessOperation.java:121-123): internal_error
      Effect.catchTag("OpRejected", refusedAsInternalError("The permission ticket registration", "the AS refused it")),
    )
  const { uma_realm } = yield* OxdConfig
  return yield* decided({
    access: "denied",
    // as_uri is the site's op_host, as uma-rs writes it (RptPreProcessInterceptor, ServiceProvider(site.getOpHost()))
    "www-authenticate_header": `UMA realm="${uma_realm}",as_uri="${site.opHost}",error="insufficient_scope",ticket="${ticket}"`,
    ticket,
  })
})
