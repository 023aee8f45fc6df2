import { join } from "node:path"
import { startTestOp, type StartTestOpOptions, type TestOp } from "@oxd/test-op"
import { disposable } from "./disposable.js"

/**
 * Where the test OP keeps its CA and certificate: one per package (`<package>/.oxd/test-op`, git-ignored), generated
 * once and shared by its test files. vitest runs in the package's folder; OXD_TEST_OP_STATE_DIR overrides.
 */
export const testOpStateDir = (): string =>
  process.env["OXD_TEST_OP_STATE_DIR"] ?? join(process.cwd(), ".oxd", "test-op")

/** The real test OP on loopback (never a mock), with the package's state dir; `await using` closes it. */
export const startOp = async (opts: StartTestOpOptions = {}): Promise<TestOp & AsyncDisposable> => {
  const op = await startTestOp({ stateDir: testOpStateDir(), ...opts })
  return disposable(op, (o) => o.close())
}

/** The test OP's origin, for allowed_op_hosts: it is on 127.0.0.1, which oxd refuses unless listed. */
export const opOrigin = (op: Pick<TestOp, "issuer">): string => new URL(op.issuer).origin
