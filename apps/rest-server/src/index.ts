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
export { dialect31, type RestDialect } from "./handleRequest.js"
export { V4_PATHS, servedV4Paths, unservedV4Paths, type V4Path } from "./v4/paths.js"
export { buildOpenApi4Document, openApi4Text } from "./v4/openapi.js"
export { v4Routes } from "./v4/routes.js"
export { dialect4, V4_API_VERSION } from "./v4/dialect.js"
