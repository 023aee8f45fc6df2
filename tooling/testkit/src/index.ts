// The repository's shared test helpers (private): frames, polling, the test OP, free ports, child processes, disposables.
export { disposable } from "./disposable.js"
export { eventually, type EventuallyOptions } from "./eventually.js"
export { byteFrame, lengthPrefix, takeFrames, unitFrame } from "./frame.js"
export { opOrigin, startOp, testOpStateDir } from "./op.js"
export { freePort } from "./port.js"
export { spawnNode, type SpawnOptions, type Spawned } from "./spawn.js"
export { undescribedFields, type JsonSchemaNode } from "./undescribed.js"
export { CHROMIUM, CHROMIUM_FLAGS, HAS_CHROMIUM, spkiHash } from "./chromium.js"
