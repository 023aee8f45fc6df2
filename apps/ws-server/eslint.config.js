import config, { appBoundaries } from "@oxd/eslint-config"

export default [...config, ...appBoundaries("@oxd/ws-server")]
