import config from "@oxd/eslint-config"

export default config
