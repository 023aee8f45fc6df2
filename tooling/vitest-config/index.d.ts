import type { UserConfig } from "vitest/config"
export declare const oxdVitestConfig: (overrides?: NonNullable<UserConfig["test"]>) => UserConfig
