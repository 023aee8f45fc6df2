/**
 * Import boundaries (docs/architecture.md): core knows no transport and no app, apps do not import each other, and the
 * client carries no server code at run time. A package's eslint.config.js spreads the set that applies to it.
 */
const RULE = "@typescript-eslint/no-restricted-imports"
const SOURCES = ["src/**/*.ts"]
const NOT_TESTS = ["**/*.test.ts", "**/test-support/**"]

/** Modules that serve a transport: they belong in @oxd/node or an app. */
const serving = ["http", "https", "http2", "net", "tls", "dgram"].flatMap((m) => [m, `node:${m}`])
const servingMessage =
  "core knows no transport: serving code (node:http, sockets, TLS listeners) lives in @oxd/node or an app."
const apps = ["@oxd/server", "@oxd/tcp-server", "@oxd/rest-server", "@oxd/ws-server"]
const appPatterns = [...apps, ...apps.map((a) => `${a}/*`)]

/** packages/core: no serving module, no app, no edge package. */
export const coreBoundaries = [
  {
    files: SOURCES,
    ignores: NOT_TESTS,
    rules: {
      [RULE]: [
        "error",
        {
          paths: serving.map((name) => ({ name, message: servingMessage, allowTypeImports: true })),
          patterns: [
            {
              group: [...appPatterns, "@oxd/node", "@oxd/node/*", "@oxd/client", "@oxd/client/*", "@oxd/client-rest"],
              message: "core imports no app, edge or client: they depend on core, not the other way.",
            },
          ],
        },
      ],
    },
  },
  {
    // outbound to the OP, not serving: a CA for its TLS (node:tls) and the address checks of its host policy (node:net)
    files: ["src/services/OpFetch.ts", "src/services/opHosts/**/*.ts"],
    rules: {
      [RULE]: [
        "error",
        {
          paths: ["http", "https", "http2", "node:http", "node:https", "node:http2"].map((name) => ({
            name,
            message: servingMessage,
            allowTypeImports: true,
          })),
          patterns: [{ group: [...appPatterns, "@oxd/node", "@oxd/node/*"], message: "core imports no app or edge." }],
        },
      ],
    },
  },
]

/** apps/{tcp,rest,ws}-server: no other app (shared edge code lives in @oxd/node). apps/server, which runs them all, has none of this. */
export const appBoundaries = (self) => [
  {
    files: ["**/*.ts"],
    rules: {
      [RULE]: [
        "error",
        {
          patterns: [
            {
              group: appPatterns.filter((p) => p !== self && p !== `${self}/*`),
              message: "an app or edge package imports no other app: what they share lives in @oxd/node or @oxd/core.",
            },
          ],
        },
      ],
    },
  },
]

/** packages/client, packages/client-rest: server packages as types only (tRPC's `import type { AppRouter }`), never at run time. */
export const clientBoundaries = [
  {
    files: SOURCES,
    ignores: NOT_TESTS,
    rules: {
      [RULE]: [
        "error",
        {
          patterns: [
            {
              group: ["@oxd/core", "@oxd/core/*", "@oxd/node", "@oxd/node/*", ...appPatterns],
              allowTypeImports: true,
              message: "the client runs without the server: import server packages with `import type` only.",
            },
          ],
        },
      ],
    },
  },
]
