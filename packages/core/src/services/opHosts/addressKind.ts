import { isIPv4, isIPv6 } from "node:net"

/** What an IP address is, for deciding whether the server may call an OP there. Only "public" is allowed by default. */
export type AddressKind =
  "public" | "loopback" | "private" | "link-local" | "shared" | "unspecified" | "multicast" | "metadata" | "reserved"

const DESCRIPTIONS: Readonly<Record<AddressKind, string>> = {
  public: "a public address",
  loopback: "a loopback address",
  private: "a private address",
  "link-local": "a link-local address",
  shared: "a carrier-grade NAT (shared) address",
  unspecified: "the unspecified address",
  multicast: "a multicast address",
  metadata: "a cloud metadata address",
  reserved: "a reserved address",
}
export const describeKind = (kind: AddressKind): string => DESCRIPTIONS[kind]

/**
 * The IP address a URL host or a DNS answer names, in canonical form (dotted IPv4, lower-case IPv6 without
 * brackets or zone), or undefined for a host name. IPv4 in any spelling the WHATWG URL parser accepts — 2130706433,
 * 0x7f000001, 0177.0.0.1, 127.1 — is the address it stands for, as a connection to it would reach.
 */
export const ipLiteral = (host: string): string | undefined => {
  const h = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host
  if (isIPv6(h.replace(/%.*$/, ""))) return h.replace(/%.*$/, "").toLowerCase()
  if (isIPv4(h)) return h
  // numbers, hex and octal parts only: anything else is a name (or not a host at all)
  if (!/^[0-9a-fx.]+$/i.test(h) || !/^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+))*\.?$/i.test(h)) return undefined
  try {
    const parsed = new URL(`https://${h}/`).hostname
    return isIPv4(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

const v4 = (address: string): number => address.split(".").reduce((n, part) => n * 256 + Number(part), 0)

/** [first address, prefix length, kind]; the first match wins, so single addresses come before their ranges. */
const V4_RANGES: ReadonlyArray<readonly [string, number, AddressKind]> = [
  ["169.254.169.254", 32, "metadata"], // AWS, GCP, Azure, OpenStack… instance metadata
  ["168.63.129.16", 32, "metadata"], // Azure's wire server
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"], // 255.255.255.255 included
]
const V4_TABLE = V4_RANGES.map(([first, bits, kind]) => ({ first: v4(first), size: 2 ** (32 - bits), kind }))

const kindOfV4 = (address: string): AddressKind => {
  const n = v4(address)
  return V4_TABLE.find((r) => n >= r.first && n < r.first + r.size)?.kind ?? "public"
}

/** The eight 16-bit groups of an IPv6 address (validated by isIPv6 before). */
const hextets = (address: string): number[] => {
  let text = address
  const tail: number[] = []
  const lastColon = text.lastIndexOf(":")
  if (text.slice(lastColon + 1).includes(".")) {
    const n = v4(text.slice(lastColon + 1))
    tail.push(Math.floor(n / 65536), n % 65536)
    text = text.slice(0, lastColon + 1) // "::ffff:" or "::"; a lone trailing ":" goes
    if (!text.endsWith("::")) text = text.slice(0, -1)
  }
  const [head = "", rest] = text.split("::") as [string, string | undefined]
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)))
  const front = parse(head)
  const back = [...parse(rest ?? ""), ...tail]
  const middle = rest === undefined ? [] : new Array<number>(8 - front.length - back.length).fill(0)
  return [...front, ...middle, ...back]
}

const embeddedV4 = (h: ReadonlyArray<number>, at: number): string =>
  [h[at]! >> 8, h[at]! & 255, h[at + 1]! >> 8, h[at + 1]! & 255].join(".")

const kindOfV6 = (address: string): AddressKind => {
  const h = hextets(address)
  const zeros = (n: number) => h.slice(0, n).every((g) => g === 0)
  if (zeros(8)) return "unspecified"
  if (zeros(7) && h[7] === 1) return "loopback"
  // an IPv4 address in IPv6 clothes reaches that IPv4 address: judged as it
  if (zeros(5) && h[5] === 0xffff) return kindOfV4(embeddedV4(h, 6)) // ::ffff:a.b.c.d, IPv4-mapped
  if (h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((g) => g === 0)) return kindOfV4(embeddedV4(h, 6)) // NAT64
  if (h[0] === 0x2002) return kindOfV4(embeddedV4(h, 1)) // 6to4
  if (zeros(6)) return "reserved" // ::a.b.c.d, the deprecated IPv4-compatible form
  if (h[0] === 0x64 && h[1] === 0xff9b && h[2] === 1) return "private" // local-use NAT64
  if (h[0] === 0xfd00 && h[1] === 0x0ec2 && h.slice(2, 7).every((g) => g === 0) && h[7] === 0x254) return "metadata" // AWS
  if ((h[0]! & 0xfe00) === 0xfc00) return "private" // fc00::/7, unique local
  if ((h[0]! & 0xffc0) === 0xfe80) return "link-local"
  if ((h[0]! & 0xffc0) === 0xfec0) return "private" // deprecated site-local
  if ((h[0]! & 0xff00) === 0xff00) return "multicast"
  if (h[0] === 0x2001 && h[1] === 0x0db8) return "reserved" // documentation
  if ((h[0]! & 0xe000) !== 0x2000) return "reserved" // outside 2000::/3, the global unicast space
  return "public"
}

/** The kind of an IP address (see ipLiteral for the spellings taken); undefined when it is not an IP address. */
export const addressKind = (address: string): AddressKind | undefined => {
  const ip = ipLiteral(address)
  if (ip === undefined) return undefined
  return ip.includes(":") ? kindOfV6(ip) : kindOfV4(ip)
}
