import { oxdVitestConfig } from "@oxd/vitest-config"

// the smoke test runs the built harness (bench/dist) against the built server: see turbo.json here
export default oxdVitestConfig({ testTimeout: 180_000 })
