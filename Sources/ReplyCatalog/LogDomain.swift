#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The recipient domain of a delivery log line: Postfix's and sendmail's `to=<user@domain>`,
/// Exim's `** user@domain`, `== user@domain`, `=> user@domain`, `-> user@domain`, or failing those
/// an SMTP `RCPT TO:<user@domain>`. Returned as a range of the line, so nothing is copied.
public enum LogDomain {

  public static func recipient(in line: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
    guard let base = line.baseAddress else { return nil }
    let n = line.count
    var rcpt: Int?
    var i = 0
    while i < n, let hit = memchr(base + i, 0x3C, n - i) {
      let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if at >= 3, line[at - 1] == 0x3D, line[at - 2] | 0x20 == 0x6F, line[at - 3] | 0x20 == 0x74,
        at == 3 || !ReplyParser.isLetter(line[at - 4])
      {
        return domain(in: line, from: at + 1)  // to=<
      }
      if rcpt == nil, at >= 3, line[at - 1] == 0x3A, line[at - 2] | 0x20 == 0x6F,
        line[at - 3] | 0x20 == 0x74
      {
        rcpt = at + 1  // RCPT TO:<
      }
      i = at + 1
    }
    // Exim: "2024-05-09 04:21:10 1rAbCd-000Ab1-4X ** user@domain …": the flag after the id.
    if n > 24, ReplyParser.isDigit(line[0]) {
      var spaces = 0
      var k = 0
      while k < min(n, 80), spaces < 3 {
        if line[k] == 0x20 { spaces += 1 }
        k += 1
      }
      if spaces == 3, k + 3 < n, line[k + 2] == 0x20 {
        let a = line[k]
        let b = line[k + 1]
        if (a == 0x2A && b == 0x2A) || (a == 0x3D && (b == 0x3D || b == 0x3E))
          || (a == 0x2D && b == 0x3E)
        {
          return domain(in: line, from: k + 3)
        }
      }
    }
    return rcpt.flatMap { domain(in: line, from: $0) }
  }

  /// The domain of the address starting at `start`: after its `@`, up to `>`, a blank, `,` or `;`.
  static func domain(in p: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
    var i = start
    var at = -1
    while i < p.count, i - start < 320 {
      let b = p[i]
      if b == 0x40 { at = i }
      if b == 0x3E || b == 0x20 || b == 0x2C || b == 0x3B || b == 0x09 { break }
      i += 1
    }
    guard at >= 0, i > at + 1 else { return nil }
    var end = i
    while end > at + 1, p[end - 1] == 0x2E { end -= 1 }
    return end > at + 1 ? (at + 1)..<end : nil
  }

  /// Lower-cased FNV-1a hash of a domain.
  @inline(__always) static func hash(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64
  {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for i in range {
      let b = p[i]
      value = (value ^ UInt64(b &- 0x41 < 26 ? b | 0x20 : b)) &* 0x0000_0100_0000_01B3
    }
    return value | 1  // never 0, which stands for "no domain"
  }

  static func lowered(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: p[range].map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
  }

  static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
    needle.withUnsafeBufferPointer { LoweredText.find($0, in: haystack) }
  }
}
