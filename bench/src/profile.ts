import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"

interface CpuProfile {
  readonly startTime: number
  readonly nodes: ReadonlyArray<{
    readonly id: number
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
  }>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

export interface HotFunction {
  readonly name: string
  /** file:line, shortened to the package (node_modules/effect/…, packages/core/…) */
  readonly where: string
  readonly selfMs: number
  /** share of the busy (non-idle) time */
  readonly selfPct: number
}

const shorten = (url: string, root: string) => {
  const path = url.replace(/^file:\/\//, "")
  const inModules = path.lastIndexOf("node_modules/")
  if (inModules >= 0)
    return path.slice(inModules + "node_modules/".length).replace(/^\.pnpm\/[^/]+\/node_modules\//, "")
  return path.startsWith("/") ? relative(root, path) : path
}

export interface ProfileSummary {
  readonly busyMs: number
  readonly idleMs: number
  readonly functions: ReadonlyArray<HotFunction>
}

export const readProfile = (file: string): CpuProfile => JSON.parse(readFileSync(file, "utf8")) as CpuProfile

/**
 * Top self-time functions of a .cpuprofile (node --cpu-prof); idle apart. `windowsUs`: count only samples taken
 * in these intervals of the monotonic clock (V8's profile timestamps are CLOCK_MONOTONIC µs, as hrtime is).
 */
export const summariseProfile = (
  profile: CpuProfile,
  root: string,
  top = 20,
  windowsUs?: ReadonlyArray<readonly [number, number]>,
): ProfileSummary => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, { name: string; where: string; us: number }>()
  let idle = 0
  let busy = 0
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0
    at += us
    if (windowsUs && !windowsUs.some(([a, b]) => at >= a && at <= b)) return
    const node = byId.get(id)
    if (!node) return
    const { functionName, url, lineNumber } = node.callFrame
    if (functionName === "(idle)") {
      idle += us
      return
    }
    busy += us
    const name = functionName || "(anonymous)"
    const where = url ? `${shorten(url, root)}:${lineNumber + 1}` : ""
    const key = `${name}@${where}`
    const entry = self.get(key) ?? { name, where, us: 0 }
    entry.us += us
    self.set(key, entry)
  })
  const functions = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((f) => ({ name: f.name, where: f.where, selfMs: f.us / 1000, selfPct: busy > 0 ? (100 * f.us) / busy : 0 }))
  return { busyMs: busy / 1000, idleMs: idle / 1000, functions }
}

/** The newest .cpuprofile in a directory. */
export const latestProfile = (dir: string): string | undefined => {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort()
  return files.length > 0 ? join(dir, files[files.length - 1]!) : undefined
}
