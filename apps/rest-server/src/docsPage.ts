import type { OpenApiDocument } from "./openapi.js"

/*
 * The API reference at GET /docs: Swagger UI (swagger-ui-dist, served from the package under /docs/: no CDN, so the
 * page works offline) rendering /openapi.json, with try-it against this server. The page has no inline script: its
 * start-up is /docs/init.js, so the CSP allows scripts from this origin only.
 */

export const DOCS_INIT_PATH = "/docs/init.js"

/**
 * What the page may load: scripts and styles from this server, images from it or data: URIs (Swagger UI's icons),
 * requests to it only (the document and try-it), never framed. No 'unsafe-inline', no 'unsafe-eval'.
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

/** The page: Swagger UI's stylesheet and bundle, then init.js. Paths are relative to /docs, as the server may sit behind a prefix. */
export const renderDocsPage = (doc: OpenApiDocument): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(String(doc.info["title"]))}</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
<link rel="icon" type="image/png" href="docs/favicon-32x32.png">
</head>
<body>
<noscript><p>This page needs JavaScript. The API's description: <a href="openapi.json">/openapi.json</a> (OpenAPI 3.1).</p></noscript>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`

/**
 * Swagger UI's options. The document's URL is absolute (Swagger UI sends try-it requests to the document's origin);
 * no validator (it would send the document to validator.swagger.io); the Bearer token entered under Authorize is
 * kept in the page's memory only (persistAuthorization: false), and sent as `Authorization: Bearer <token>`.
 */
export const DOCS_INIT_SCRIPT = `"use strict";
// oxd-ts: the API reference over /openapi.json (served by the REST API; see apps/rest-server/src/docsPage.ts)
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: new URL("openapi.json", document.baseURI).href,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    displayOperationId: true,
    displayRequestDuration: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    defaultModelExpandDepth: 2,
    filter: true,
    tryItOutEnabled: true,
    persistAuthorization: false,
    supportedSubmitMethods: ["get", "post"],
  });
});
`
