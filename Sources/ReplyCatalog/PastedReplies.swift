/// Pasted text (a reply, several log lines, a wrapped error) cut into the replies it holds, so
/// the explorer can explain each. One reply per line, except that a multi-line reply
/// (`554-5.7.1 …` lines up to the `554 5.7.1 …` one) stays whole and a line without a code
/// continues the reply above it (text a terminal or a mail client wrapped).
public enum PastedReplies {
  /// The most replies one paste yields; the rest is reported as left out, not dropped silently.
  public static let maximumReplies = 200

  /// Each reply's bytes, in order, and whether more were found than `maximumReplies`.
  public static func split(_ bytes: [UInt8]) -> (replies: [[UInt8]], cut: Bool) {
    var units: [(bytes: [UInt8], coded: Bool, open: Bool)] = []
    var cut = false
    for line in lines(bytes) where line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
      let coded = !ReplyParser.find(in: line).isEmpty
      let continues = continuationCode(line)
      if var last = units.last, last.open || !coded {
        // Inside a multi-line reply, or wrapped text under a reply.
        last.bytes += [0x0A] + line
        last.coded = last.coded || coded
        last.open = last.open && continues != nil
        units[units.count - 1] = last
        continue
      }
      if units.count == maximumReplies {
        cut = true
        break
      }
      units.append((line, coded, continues != nil))
    }
    // Text with no code at all is still explained (as "no code found"), as one piece.
    guard units.contains(where: \.coded) else {
      return (units.isEmpty ? [] : [bytes], cut)
    }
    return (units.filter(\.coded).map(\.bytes), cut)
  }

  /// The code of a line that says more lines follow ("554-…"), else nil.
  static func continuationCode(_ line: [UInt8]) -> [UInt8]? {
    var start = 0
    while start < line.count, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
    guard start + 4 <= line.count else { return nil }
    let code = Array(line[start..<(start + 3)])
    guard code.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), line[start + 3] == UInt8(ascii: "-")
    else { return nil }
    return code
  }

  static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var current: [UInt8] = []
    for byte in bytes {
      if byte == 0x0A || byte == 0x0D {
        result.append(current)
        current = []
      } else {
        current.append(byte)
      }
    }
    result.append(current)
    return result
  }
}

extension Catalog {
  /// One explanation per reply in pasted text (see `PastedReplies`), and whether replies past
  /// `PastedReplies.maximumReplies` were left out.
  public func explainPasted(_ bytes: [UInt8]) -> (explanations: [Explanation], cut: Bool) {
    let (replies, cut) = PastedReplies.split(bytes)
    return (replies.map { explain(bytes: $0) }, cut)
  }
}
