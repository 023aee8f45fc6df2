import config, { clientBoundaries } from "@oxd/eslint-config"

export default [...config, ...clientBoundaries]
