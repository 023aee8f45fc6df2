import { describeError } from "./errors.js"
import { Ctx, ScenarioFailure, ScenarioSkipped, type AssertionRecord, type Env, type Scenario } from "./scenario.js"
import { describeSource, inProfile, type Profile, type Source } from "./source.js"

export type Outcome =
  | {
      readonly id: string
      readonly status: "passed"
      readonly ms: number
      readonly assertions: ReadonlyArray<AssertionRecord>
    }
  | {
      readonly id: string
      readonly status: "failed"
      readonly ms: number
      readonly message: string
      /** The source of the assertion that failed (absent when the scenario broke otherwise: a timeout, no reply…). */
      readonly failedSource?: Source
      readonly assertions: ReadonlyArray<AssertionRecord>
    }
  | { readonly id: string; readonly status: "skipped"; readonly reason: string }
  /** The scenario is hardening as a whole and the run's profile is `reference`: not run, and no failure. */
  | { readonly id: string; readonly status: "not-in-profile"; readonly reason: string }

export interface RunScenarioOptions {
  /** Time limit of the whole scenario; past it the scenario fails and its connection is closed. */
  readonly timeoutMs?: number
  /** Which checks are evaluated (default strict: all). */
  readonly profile?: Profile
}

class ScenarioTimeout extends Error {}

/** Why a scenario is not in `profile`, or undefined when it is. */
export const notInProfile = (s: Scenario, profile: Profile): string | undefined =>
  inProfile(s.source, profile) ? undefined : `not in the ${profile} profile: ${describeSource(s.source)}`

/** Why a scenario about one API surface (its `transports`) is not run over `transport`. */
export const notOver = (s: Scenario, transport: string): string =>
  `about the ${s.transports!.join(", ")} API itself: not run over ${transport}`

/** Runs one scenario in its own context; a thrown error is a failure with its message, never a crash of the run. */
export const runScenario = async (s: Scenario, env: Env, opts: RunScenarioOptions = {}): Promise<Outcome> => {
  const profile = opts.profile ?? "strict"
  const excluded = notInProfile(s, profile)
  if (excluded) return { id: s.id, status: "not-in-profile", reason: excluded }
  const reason = s.skip?.(env)
  if (reason) return { id: s.id, status: "skipped", reason }
  const t = new Ctx(env, { source: s.source, profile })
  const transport = s.transports ? t.transport.name : undefined
  if (transport !== undefined && !s.transports!.includes(transport)) {
    await t.dispose()
    return { id: s.id, status: "skipped", reason: notOver(s, transport) }
  }
  const started = Date.now()
  let timer: NodeJS.Timeout | undefined
  try {
    const run = s.run(t)
    if (opts.timeoutMs === undefined) await run
    else {
      run.catch(() => undefined) // a scenario that times out may still fail later: nobody listens any more
      await Promise.race([
        run,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ScenarioTimeout()), opts.timeoutMs)
        }),
      ])
    }
    return { id: s.id, status: "passed", ms: Date.now() - started, assertions: [...t.records] }
  } catch (e) {
    if (e instanceof ScenarioSkipped) return { id: s.id, status: "skipped", reason: e.message }
    const message =
      e instanceof ScenarioFailure
        ? e.message
        : e instanceof ScenarioTimeout
          ? `${s.id}: no result within ${(opts.timeoutMs ?? 0) / 1000} s (the server did not answer in time, or the scenario waits for something that never comes)`
          : `${s.id}: unexpected ${describeError(e)}`
    const failedSource = e instanceof ScenarioFailure ? e.source : undefined
    return {
      id: s.id,
      status: "failed",
      ms: Date.now() - started,
      message,
      ...(failedSource ? { failedSource } : {}),
      assertions: [...t.records],
    }
  } finally {
    clearTimeout(timer)
    await t.dispose()
  }
}

/**
 * For test runners: a scenario as a function that throws with the scenario's message (and the failed check's
 * source), or reports why it did not run (skipped, or not in the profile).
 */
export const scenarioTest =
  (s: Scenario, env: () => Env, profile: Profile) => async (skip: (reason: string) => void) => {
    const outcome = await runScenario(s, env(), { profile })
    if (outcome.status === "skipped" || outcome.status === "not-in-profile") return skip(outcome.reason)
    if (outcome.status === "failed") {
      throw new ScenarioFailure(
        `${outcome.message}${outcome.failedSource ? ` [${describeSource(outcome.failedSource)}]` : ""}`,
        outcome.failedSource,
      )
    }
  }
