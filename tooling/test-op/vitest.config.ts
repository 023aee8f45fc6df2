import { resolve } from "node:path"
import { defineConfig } from "vitest/config"
import { ensureCertificates } from "./src/certs.js"

/**
 * The CA must exist before the test workers start: Node reads NODE_EXTRA_CA_CERTS only at process
 * start, and openid-client v6 uses the global fetch. Forked workers inherit this process's env, so
 * setting it here makes every worker trust the test OP — no TLS verification is ever disabled.
 */
export default defineConfig(async () => {
  const stateDir = resolve(import.meta.dirname, ".oxd/test-op")
  const { caFile } = await ensureCertificates(stateDir)
  process.env.NODE_EXTRA_CA_CERTS = caFile
  process.env.OXD_TEST_OP_STATE_DIR = stateDir
  return {
    test: {
      include: ["src/**/*.test.ts"],
      pool: "forks", // child processes pick up NODE_EXTRA_CA_CERTS; worker threads would not
      testTimeout: 30_000,
      hookTimeout: 30_000,
      reporters: ["default", "json"],
      outputFile: { json: "test-results.json" },
    },
  }
})
