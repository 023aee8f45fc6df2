import config from "@oxd/eslint-config"

export default [
  ...config,
  // test helpers, not oxd: they read OXD_TEST_OP_STATE_DIR and pass the environment on to child processes
  { files: ["src/**/*.ts"], rules: { "no-restricted-properties": "off" } },
]
