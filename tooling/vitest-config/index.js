import { defineConfig } from "vitest/config"

/**
 * The one vitest setup of every package: workspace packages resolve to their sources (the "source" export
 * condition), so tests never need a build; a JSON report per package feeds scripts/test-summary.mjs.
 */
export const oxdVitestConfig = (overrides = {}) =>
  defineConfig({
    ssr: { resolve: { conditions: ["source"] } },
    resolve: { conditions: ["source"] },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      reporters: ["default", "json"],
      outputFile: { json: "test-results.json" },
      testTimeout: 60_000,
      hookTimeout: 60_000,
      pool: "forks",
      ...overrides,
    },
  })
