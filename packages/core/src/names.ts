/** The one wire name of a command gives every other name: REST path, tRPC procedure, client method. */
export const restPath = (wireName: string): string => `/${wireName.replaceAll("_", "-")}`

export const procedureName = (wireName: string): string =>
  wireName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

export const folderName = (wireName: string): string => wireName.replaceAll("_", "-")
