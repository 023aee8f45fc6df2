export {
  startRestServer,
  REST_TIMEOUTS,
  REST_MAX_HEADER_BYTES,
  type RestServer,
  type RestServerOptions,
} from "./RestServer.js"
export { buildOpenApiDocument, openApiText, type OpenApiDocument } from "./openapi.js"
export { renderDocsPage } from "./docsPage.js"
export { restRoutes, allowedMethods, HEALTH_PATH, OPENAPI_PATH, DOCS_PATH, type Route } from "./routes.js"
export { makeCors, type Cors } from "./cors.js"
export { bearerToken } from "@oxd/core"
export { referenceBearer, forbiddenAccess } from "./referenceBearer.js"
export { replyStatus, type RestErrorStatus } from "./errorStatus.js"
