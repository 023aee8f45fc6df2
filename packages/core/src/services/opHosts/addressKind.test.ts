import { describe, expect, it } from "vitest"
import { addressKind, ipLiteral } from "./addressKind.js"

const kinds = (rows: ReadonlyArray<readonly [string, string | undefined]>) =>
  it.each(rows)("%s is %s", (address, kind) => expect(addressKind(address)).toBe(kind))

describe("addressKind: IPv4", () => {
  kinds([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "metadata"],
    ["168.63.129.16", "metadata"],
    ["169.254.1.1", "link-local"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "reserved"],
    ["240.0.0.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["192.0.0.8", "reserved"],
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["172.15.255.255", "public"],
    ["172.32.0.0", "public"],
    ["100.63.255.255", "public"],
    ["100.128.0.0", "public"],
    ["192.169.0.1", "public"],
    ["11.0.0.1", "public"],
  ])
})

describe("addressKind: IPv4 spelled as a URL parser reads it (decimal, hex, octal, short)", () => {
  kinds([
    ["2130706433", "loopback"], // 127.0.0.1
    ["0x7f000001", "loopback"],
    ["0x7f.1", "loopback"],
    ["0177.0.0.1", "loopback"],
    ["127.1", "loopback"],
    ["017700000001", "loopback"],
    ["2852039166", "metadata"], // 169.254.169.254
    ["0xa9fea9fe", "metadata"],
    ["167772161", "private"], // 10.0.0.1
    ["0", "unspecified"],
    ["134744072", "public"], // 8.8.8.8
  ])
  it("gives the dotted address those spellings stand for", () => {
    expect(ipLiteral("2130706433")).toBe("127.0.0.1")
    expect(ipLiteral("0x7f.1")).toBe("127.0.0.1")
    expect(ipLiteral("0251.0376.0251.0376")).toBe("169.254.169.254")
  })
})

describe("addressKind: IPv6", () => {
  kinds([
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::", "unspecified"],
    ["[::]", "unspecified"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fec0::1", "private"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["ff02::1", "multicast"],
    ["fd00:ec2::254", "metadata"],
    ["[fd00:ec2::254]", "metadata"],
    ["2001:db8::1", "reserved"],
    ["100::1", "reserved"],
    ["::8.8.8.8", "reserved"],
    ["2606:4700:4700::1111", "public"],
    ["2001:4860:4860::8888", "public"],
  ])
})

describe("addressKind: IPv4 addresses in IPv6 form are judged as the IPv4 address they reach", () => {
  kinds([
    ["::ffff:127.0.0.1", "loopback"],
    ["[::ffff:127.0.0.1]", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::FFFF:7F00:0001", "loopback"],
    ["0:0:0:0:0:ffff:a00:1", "private"], // 10.0.0.1
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["::ffff:100.64.0.1", "shared"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b::808:808", "public"], // NAT64
    ["2002:7f00:1::", "loopback"],
    ["2002:c0a8:101::1", "private"],
    ["2002:808:808::1", "public"], // 6to4
  ])
})

describe("addressKind: not an address", () => {
  kinds([
    ["localhost", undefined],
    ["op.example.com", undefined],
    ["127.0.0.1.nip.io", undefined],
    ["1.2.3.999", undefined],
    ["", undefined],
    ["0x", "unspecified"],
  ])
})
