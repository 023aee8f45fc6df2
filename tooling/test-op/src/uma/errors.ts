import type { IncomingMessage } from "node:http"
import { readBody } from "../http.js"

/** A JSON error answer `{ error, error_description }` from a UMA endpoint. */
export class UmaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description)
  }
}

export const invalidRequest = (description: string): UmaHttpError =>
  new UmaHttpError(400, "invalid_request", description)

/** The request body as JSON; Content-Type must be application/json. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? ""))
    throw invalidRequest("send Content-Type: application/json")
  const raw = await readBody(req)
  try {
    return JSON.parse(raw)
  } catch {
    throw invalidRequest("the body is not valid JSON")
  }
}

/** The request body as form fields; Content-Type must be application/x-www-form-urlencoded. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? "")) {
    throw invalidRequest("send Content-Type: application/x-www-form-urlencoded")
  }
  return new URLSearchParams(await readBody(req))
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)

export const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === "string" && s.length > 0)
