import { oxdVitestConfig } from "@oxd/vitest-config"

export default oxdVitestConfig()
