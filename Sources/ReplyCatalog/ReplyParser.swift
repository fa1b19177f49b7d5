/// An enhanced status code as found in text: class, subject and detail ("5.1.10").
public struct EnhancedCode: Sendable, Hashable, CustomStringConvertible {
  public let classDigit: Int
  public let subject: Int
  public let detail: Int

  public init(classDigit: Int, subject: Int, detail: Int) {
    self.classDigit = classDigit
    self.subject = subject
    self.detail = detail
  }

  /// "5.1.10".
  public var description: String { "\(classDigit).\(subject).\(detail)" }
  /// The catalog's name for the detail: "X.1.10".
  public var catalogCode: String { "X.\(subject).\(detail)" }
  /// The catalog's name for the subject: "X.1.X".
  public var subjectCode: String { "X.\(subject).X" }
  /// The catalog's name for the class: "5.X.X".
  public var classCode: String { "\(classDigit).X.X" }
}

/// The codes found in a text: the basic reply code and the enhanced status code, each where it stands.
public struct FoundCodes: Sendable, Equatable {
  public var basic: Int?
  public var enhanced: EnhancedCode?
  /// Byte offsets of the codes in the text that was parsed.
  public var basicOffset: Int?
  public var enhancedOffset: Int?

  public init(
    basic: Int? = nil, enhanced: EnhancedCode? = nil, basicOffset: Int? = nil,
    enhancedOffset: Int? = nil
  ) {
    self.basic = basic
    self.enhanced = enhanced
    self.basicOffset = basicOffset
    self.enhancedOffset = enhancedOffset
  }

  public var isEmpty: Bool { basic == nil && enhanced == nil }
}

/// Finds the basic and enhanced reply codes in any text: SMTP replies (also multi-line), Postfix,
/// Exim and sendmail log lines, DSN fields, qmail's `(#4.3.0)`, application errors and JSON logs.
///
/// It works on bytes in one pass and allocates nothing, so `scan` can call it for every log line.
/// Every number that could be a code is scored by what stands around it; the best-placed basic code
/// and enhanced code win. Numbers glued to other digits, dots or letters (IP octets, decimals,
/// queue ids, versions), in brackets (`[450]`), after `-` (`defer (-44)`), after a port or time
/// separator (`:587`, `12:00:450`), after keys such as `size=` or `port`, or followed by units
/// (`250 ms`) are not codes.
public enum ReplyParser {
  /// Parses at most this many bytes of one text; the rest is not looked at.
  public static let maximumInput = 64 * 1024

  public static func find(in text: String) -> FoundCodes {
    var copy = text
    return copy.withUTF8 { find(in: UnsafeRawBufferPointer($0)) }
  }

  public static func find(in bytes: [UInt8]) -> FoundCodes {
    bytes.withUnsafeBytes { find(in: $0) }
  }

  public static func find(in raw: UnsafeRawBufferPointer) -> FoundCodes {
    let text = UnsafeBufferPointer(
      start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self),
      count: min(raw.count, maximumInput))
    return find(in: text)
  }

  public static func find(in p: UnsafeBufferPointer<UInt8>) -> FoundCodes {
    let n = p.count
    var bestBasicScore = 0
    var bestBasic = 0
    var bestBasicAt = -1
    var bestEnhancedScore = 0
    var bestEnhanced = (0, 0, 0)
    var bestEnhancedAt = -1
    var i = 0
    while i < n {
      // Only 2, 3, 4 and 5 start a reply code (3xx has no enhanced class but is a reply).
      i = nextCandidate(p, from: i)
      guard i < n else { break }
      let c = p[i]
      let previous: UInt8 = i > 0 ? p[i - 1] : 0x20
      if isWordByte(previous) && !isEscapedNewline(p, i) || previous == 0x2E || previous == 0x2B
        || previous == 0x2F || previous == 0x40 || previous == 0x25
      {
        // Inside a word, a number or a path: skip the rest of it.
        i += 1
        while i < n, isWordByte(p[i]) || p[i] == 0x2E { i += 1 }
        continue
      }
      if c != 0x33, let enhanced = enhancedCode(p, at: i) {
        let score = enhancedScore(p, at: i, previous: previous)
        if score > bestEnhancedScore {
          bestEnhancedScore = score
          bestEnhanced = (enhanced.0, enhanced.1, enhanced.2)
          bestEnhancedAt = i
        }
        i = enhanced.end
        continue
      }
      if let value = basicCode(p, at: i) {
        let score = basicScore(p, at: i, previous: previous)
        if score > bestBasicScore {
          bestBasicScore = score
          bestBasic = value
          bestBasicAt = i
        }
        i += 3
        continue
      }
      i += 1
      while i < n, isWordByte(p[i]) || p[i] == 0x2E { i += 1 }
    }
    var found = FoundCodes()
    if bestBasicAt >= 0 {
      found.basic = bestBasic
      found.basicOffset = bestBasicAt
    }
    if bestEnhancedAt >= 0 {
      found.enhanced = EnhancedCode(
        classDigit: bestEnhanced.0, subject: bestEnhanced.1, detail: bestEnhanced.2)
      found.enhancedOffset = bestEnhancedAt
    }
    return found
  }

  // MARK: - Candidates

  /// The first position at or after `start` holding a byte from "2" to "5", eight bytes at a time
  /// (the "hasbetween" bit trick: exact for every byte, since no lane carries into the next).
  @inline(__always) static func nextCandidate(_ p: UnsafeBufferPointer<UInt8>, from start: Int)
    -> Int
  {
    let n = p.count
    guard let base = p.baseAddress else { return n }
    var i = start
    let ones: UInt64 = 0x0101_0101_0101_0101
    let low7Mask = ones &* 127
    let below = ones &* (127 + 0x36)
    let above = ones &* (127 - 0x31)
    let high = ones &* 128
    while i + 8 <= n {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
      let low7 = word & low7Mask
      let hits = (below &- low7) & ~word & (low7 &+ above) & high
      if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
      i += 8
    }
    while i < n {
      let c = base[i]
      if c >= 0x32, c <= 0x35 { return i }
      i += 1
    }
    return n
  }

  /// `[245].d{1,3}.d{1,3}` not followed by another digit, `.digit` or a letter.
  static func enhancedCode(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> (
    Int, Int, Int, end: Int
  )? {
    let n = p.count
    let first = p[start]
    guard first == 0x32 || first == 0x34 || first == 0x35, start + 4 < n, p[start + 1] == 0x2E
    else { return nil }
    var i = start + 2
    var subject = 0
    var digits = 0
    while i < n, isDigit(p[i]) {
      subject = subject * 10 + Int(p[i] - 0x30)
      digits += 1
      i += 1
      if digits > 3 { return nil }
    }
    guard digits > 0, i < n, p[i] == 0x2E else { return nil }
    i += 1
    var detail = 0
    digits = 0
    while i < n, isDigit(p[i]) {
      detail = detail * 10 + Int(p[i] - 0x30)
      digits += 1
      i += 1
      if digits > 3 { return nil }
    }
    guard digits > 0 else { return nil }
    if i < n {
      let next = p[i]
      if isLetter(next) || next == 0x5F { return nil }
      // "4.16.55.1" or an IP address: more dotted numbers follow.
      if next == 0x2E, i + 1 < n, isDigit(p[i + 1]) { return nil }
    }
    return (Int(first - 0x30), subject, detail, i)
  }

  /// Three digits not followed by another digit, a letter, `.digit`, `,digit` or `:digit`.
  static func basicCode(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
    let n = p.count
    guard start + 2 < n, isDigit(p[start + 1]), isDigit(p[start + 2]) else { return nil }
    let value =
      Int(p[start] - 0x30) * 100 + Int(p[start + 1] - 0x30) * 10 + Int(p[start + 2] - 0x30)
    let end = start + 3
    guard end < n else { return value }
    let next = p[end]
    if isWordByte(next) || next == 0x2F || next == 0x25 || next == 0x40 { return nil }
    if next == 0x2E || next == 0x2C || next == 0x3A {
      if end + 1 < n, isDigit(p[end + 1]) { return nil }
    }
    if next == 0x5D { return nil }  // "[450]": a counter, not a reply
    // Units: "250 ms", "500 bytes".
    if next == 0x20, let word = word(p, from: end + 1), units.contains(where: { $0 == word }) {
      return nil
    }
    return value
  }

  // MARK: - Scores

  static func basicScore(_ p: UnsafeBufferPointer<UInt8>, at i: Int, previous: UInt8) -> Int {
    if previous == 0x5B || previous == 0x2D { return 0 }  // "[450", "-44"
    // "1.2.3.4:587", "12:00:00,550": a separator glued to a number.
    if previous == 0x3A || previous == 0x2C || previous == 0x3D, i >= 2, isDigit(p[i - 2]) {
      return 0
    }
    let key = precedingKey(p, before: i)
    if key.isNonCodeKey { return 0 }
    // "port: 587" without a code key, "x=550": a glued value must belong to a code key.
    if previous == 0x3A || previous == 0x3D, !key.isCodeKey { return 0 }
    var score: Int
    if atLineStart(p, i) {
      score = 100
    } else if key.isCodeKey {
      score = 80
    } else if previous == 0x28, followsTuple(p, after: i + 3) {
      score = 80  // Python's (550, b'5.1.1 …')
    } else {
      // A lone number followed by "," or ";" is a value in a list ("port: host, 587;"), not a reply.
      if i + 3 < p.count, p[i + 3] == 0x2C || p[i + 3] == 0x3B { return 0 }
      score = 30
    }
    if enhancedFollows(p, after: i + 3) { score += 60 }
    return score
  }

  static func enhancedScore(_ p: UnsafeBufferPointer<UInt8>, at i: Int, previous: UInt8) -> Int {
    if previous == 0x2D {
      // Only "550-5.1.1": a continuation line's prefix.
      return basicPrecedes(p, at: i) ? 100 : 0
    }
    if basicPrecedes(p, at: i) { return 100 }
    let key = precedingKey(p, before: i)
    if key.isVersion { return 0 }
    if key.isCodeKey || previous == 0x23 { return 80 }  // dsn=, Status:, (#4.3.0)
    if atLineStart(p, i) { return 70 }
    if previous == 0x27, i >= 2, p[i - 2] == 0x62 { return 80 }  // b'5.1.1
    return 40
  }

  /// Whether only blanks (or an SMTP transcript's `<<<`) stand between the line's start and `i`.
  static func atLineStart(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    var j = i - 1
    while j >= 0 {
      let b = p[j]
      if b == 0x0A || b == 0x0D { return true }
      if b == 0x20 || b == 0x09 || b == 0x3C || b == 0x3E {
        j -= 1
        continue
      }
      if b == 0x6E, j >= 1, p[j - 1] == 0x5C { return true }  // a literal "\n"
      return false
    }
    return true
  }

  /// After a basic code: " 5.1.1", "-5.1.1", ", b'5.1.1".
  static func enhancedFollows(_ p: UnsafeBufferPointer<UInt8>, after end: Int) -> Bool {
    var i = end
    var skipped = 0
    while i < p.count, skipped < 4 {
      let b = p[i]
      if b == 0x20 || b == 0x2D || b == 0x2C || b == 0x27 || b == 0x22 || (b == 0x62 && skipped > 0)
      {
        i += 1
        skipped += 1
      } else {
        break
      }
    }
    guard skipped > 0, i < p.count else { return false }
    return enhancedCode(p, at: i) != nil
  }

  /// Before an enhanced code: "550 ", "550-", "(550, b'".
  static func basicPrecedes(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    var i = start - 1
    var skipped = 0
    while i >= 0, skipped < 4 {
      let b = p[i]
      if b == 0x20 || b == 0x2D || b == 0x2C || b == 0x27 || b == 0x22
        || (b == 0x62 && skipped > 0 && p[i + 1] == 0x27)
      {
        i -= 1
        skipped += 1
      } else {
        break
      }
    }
    guard skipped > 0, i >= 2, isDigit(p[i]), isDigit(p[i - 1]), p[i - 2] >= 0x32, p[i - 2] <= 0x35
    else { return false }
    if i >= 3, isWordByte(p[i - 3]) || p[i - 3] == 0x2E { return false }
    return true
  }

  static func followsTuple(_ p: UnsafeBufferPointer<UInt8>, after end: Int) -> Bool {
    end + 1 < p.count && p[end] == 0x2C && p[end + 1] == 0x20
  }

  // MARK: - Keys

  /// The word before a number, across blanks, quotes and one `:` or `=` ("said:", "dsn=", `"code": `);
  /// a range of the text, compared lower-cased without copying.
  struct Key {
    var text: UnsafeBufferPointer<UInt8>
    var range: Range<Int> = 0..<0

    var isCodeKey: Bool {
      if range.isEmpty { return false }
      if ReplyParser.codeKeys.contains(where: equals) { return true }
      return range.count > 5 && (ends(with: ReplyParser.exception) || ends(with: ReplyParser.error))
    }
    var isNonCodeKey: Bool { !range.isEmpty && ReplyParser.nonCodeKeys.contains(where: equals) }
    var isVersion: Bool { equals(ReplyParser.version) || equals(ReplyParser.v) }

    func equals(_ word: [UInt8]) -> Bool {
      word.count == range.count && ends(with: word)
    }

    func ends(with word: [UInt8]) -> Bool {
      guard word.count <= range.count else { return false }
      let start = range.upperBound - word.count
      for k in 0..<word.count {
        let b = text[start + k]
        if (b &- 0x41 < 26 ? b | 0x20 : b) != word[k] { return false }
      }
      return true
    }
  }

  static let exception = Array("exception".utf8)
  static let error = Array("error".utf8)
  static let version = Array("version".utf8)
  static let v = Array("v".utf8)

  static func precedingKey(_ p: UnsafeBufferPointer<UInt8>, before start: Int) -> Key {
    var i = start - 1
    var separators = 0
    while i >= 0, separators < 6 {
      let b = p[i]
      if b == 0x20 || b == 0x09 || b == 0x22 || b == 0x27 || b == 0x3A || b == 0x3D || b == 0x3B {
        i -= 1
        separators += 1
      } else {
        break
      }
    }
    var end = i
    while i >= 0, end - i < 40, isLetter(p[i]) || p[i] == 0x5F || p[i] == 0x2D {
      i -= 1
    }
    // Trailing dashes are not part of the word.
    while end > i, p[end] == 0x2D { end -= 1 }
    guard end > i else { return Key(text: p) }
    return Key(text: p, range: (i + 1)..<(end + 1))
  }

  static let codeKeys: [[UInt8]] = [
    "said", "smtp", "code", "reply", "response", "responsecode", "response_code", "status",
    "statuscode", "status_code", "smtpcode", "smtp_code", "smtp-code", "replycode", "reply_code",
    "dsn", "enhanced", "enhancedcode", "enhanced_code", "enhanced_status", "enhancedstatus", "c",
    "diagnostic-code", "x-postfix", "error", "errorcode", "error_code", "deferred", "stat",
    "remote-mta", "message", "reason", "remote", "rejected", "failed", "bounced", "result",
  ].map { Array($0.utf8) }

  static let nonCodeKeys: [[UInt8]] = [
    "size", "port", "pid", "uid", "gid", "id", "delay", "delays", "xdelay", "length", "len",
    "bytes", "count", "nrcpt", "nrcpts", "pri", "line", "version", "timeout", "ttl", "limit",
    "max", "retry", "retries", "attempt", "attempts", "ms", "s", "t", "p", "from", "to", "nr",
    "number", "total", "queue", "queued", "uptime", "mem", "lineno", "offset", "index", "width",
    "height", "conn_use", "duration", "elapsed", "at", "errno",
  ].map { Array($0.utf8) }

  static let units: [[UInt8]] = [
    "ms", "msec", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
    "hours", "days", "bytes", "kb", "mb", "gb", "kib", "mib", "b", "messages", "recipients",
    "times",
  ].map { Array($0.utf8) }

  /// The lower-cased word of letters starting at `start`, up to 10 letters.
  static func word(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> [UInt8]? {
    var i = start
    var word: [UInt8] = []
    while i < p.count, isLetter(p[i]), word.count <= 10 {
      let b = p[i]
      word.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
      i += 1
    }
    if word.isEmpty || word.count > 10 { return nil }
    if i < p.count, isDigit(p[i]) { return nil }
    return word
  }

  // MARK: - Bytes

  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
  @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
    isDigit(b) || isLetter(b) || b == 0x5F || b >= 0x80
  }

  /// `\n` written out, as in Python's bytes repr: "…\n550 5.7.1".
  @inline(__always) static func isEscapedNewline(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool
  {
    i >= 2 && (p[i - 1] == 0x6E || p[i - 1] == 0x72) && p[i - 2] == 0x5C
  }
}
