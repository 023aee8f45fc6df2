import config from "@oxd/eslint-config"

export default [
  ...config,
  // a test harness, not oxd: it reads CI and OXD_LLNG_* from the environment as test runners do
  { files: ["src/**/*.ts"], rules: { "no-restricted-properties": "off" } },
]
