import config, { coreBoundaries } from "@oxd/eslint-config"

export default [...config, ...coreBoundaries]
