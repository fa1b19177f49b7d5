/// The recipient domain of a delivery log line: Postfix's and sendmail's `to=<user@domain>`,
/// Exim's `** user@domain`, `== user@domain`, `=> user@domain`, `-> user@domain`, or failing those
/// an SMTP `RCPT TO:<user@domain>`. Returned as a range of the line, so nothing is copied.
public enum LogDomain {
  static let postfix = Array("to=<".utf8)
  static let exim: [[UInt8]] = [" ** ", " == ", " => ", " -> "].map { Array($0.utf8) }
  static let rcpt = Array("RCPT TO:<".utf8)

  public static func recipient(in line: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
    if let at = find(postfix, in: line) { return domain(in: line, from: at + postfix.count) }
    // Exim: the flag comes after the date, time and message id, within the first 80 bytes.
    let head = UnsafeBufferPointer(rebasing: line.prefix(80))
    for flag in exim {
      if let at = find(flag, in: head) { return domain(in: line, from: at + flag.count) }
    }
    if let at = find(rcpt, in: line) { return domain(in: line, from: at + rcpt.count) }
    return nil
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
