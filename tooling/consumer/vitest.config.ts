import { oxdVitestConfig } from "@oxd/vitest-config"

// one long test file: packing, npm install and the runs take minutes, not seconds
export default oxdVitestConfig({ testTimeout: 300_000, hookTimeout: 300_000 })
