#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splitting an mbox file (RFC 4155: each message starts with a `From ` line) into messages.
public enum Mailbox {
  static let separator = Array("From ".utf8)

  /// Whether `bytes` start with an mbox `From ` separator line ("From sender date").
  public static func isMbox(_ bytes: [UInt8]) -> Bool {
    bytes.starts(with: separator)
  }

  /// "From sender Mon Mar 18 11:39:41 2013": a sender, then a date with a time. A line of body
  /// text that starts with "From " (when the writer did not escape it) lacks the time.
  static func isSeparator(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    var i = start + 5
    var colons = 0
    var words = 1
    var previousBlank = false
    while i < p.count, p[i] != 0x0A, i - start < 400 {
      if p[i] == 0x3A, i > 0, ReplyParser.isDigit(p[i - 1]) { colons += 1 }
      if p[i] == 0x20 {
        if !previousBlank { words += 1 }
        previousBlank = true
      } else {
        previousBlank = false
      }
      i += 1
    }
    return colons >= 1 && words >= 3
  }

  /// The byte ranges of the messages in an mbox, each starting at its `From ` line. Text before
  /// the first separator (when the file does not start with one) is a message of its own.
  public static func split(_ bytes: [UInt8]) -> [Range<Int>] {
    var starts: [Int] = []
    bytes.withUnsafeBufferPointer { p in
      guard let base = p.baseAddress else { return }
      let n = p.count
      if n >= 5, memcmp(base, "From ", 5) == 0 { starts.append(0) }
      var offset = 0
      while offset < n {
        guard let hit = memchr(base + offset, 0x0A, n - offset) else { break }
        let next = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        // A separator follows an empty line (or the start) in a well-formed mbox; some
        // writers omit the empty line, so only the "From " at a line start is required.
        if next + 5 <= n, memcmp(base + next, "From ", 5) == 0, isSeparator(p, at: next) {
          starts.append(next)
        }
        offset = next
      }
    }
    if starts.first != 0, !bytes.isEmpty { starts.insert(0, at: 0) }
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(starts.count)
    for (index, start) in starts.enumerated() {
      let end = index + 1 < starts.count ? starts[index + 1] : bytes.count
      if bytes[start..<end].contains(where: { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 }) {
        ranges.append(start..<end)
      }
    }
    return ranges
  }
}
