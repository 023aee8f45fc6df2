/** "@oxd/client/tcp": the former name of "@oxd/client/node", kept for existing imports. */
export * from "./node.js"
