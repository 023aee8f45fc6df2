import config, { clientBoundaries } from "@oxd/eslint-config"

// the middleware runs in the app, beside a client: server packages as types only, as in the clients
export default [...config, ...clientBoundaries]
