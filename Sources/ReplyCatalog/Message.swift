#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One header field, unfolded: the name lower-cased, the value as written (encoded-words kept).
public struct HeaderField: Sendable, Hashable {
  public let name: String
  public let value: String
}

/// A MIME entity (RFC 2045/2046): its headers, its body and, for multipart and message types,
/// the entities inside it.
public struct MIMEPart: Sendable {
  public let headers: [HeaderField]
  /// The body as it stands in the message, still transfer-encoded.
  public let rawBody: [UInt8]
  /// "text/plain", "multipart/report", … lower-cased; "text/plain" when absent.
  public let contentType: String
  /// Content-Type parameters, names lower-cased.
  public let parameters: [String: String]
  /// The parts of a multipart entity, or the one message inside a message/rfc822 entity.
  public let children: [MIMEPart]

  /// The first value of a header field (`name` lower-cased), unfolded and trimmed.
  public func header(_ name: String) -> String? {
    headers.first { $0.name == name }?.value
  }

  /// The value of a header field with RFC 2047 encoded-words decoded.
  public func decodedHeader(_ name: String) -> String? {
    header(name).map(EncodedWords.decode)
  }

  public var transferEncoding: String {
    (header("content-transfer-encoding") ?? "7bit").lowercased()
      .trimmingBlanks
  }

  /// The body with its transfer encoding (base64, quoted-printable) undone.
  public var decodedBody: [UInt8] {
    switch transferEncoding {
    case "base64": TransferEncoding.base64(rawBody)
    case "quoted-printable": TransferEncoding.quotedPrintable(rawBody)
    default: rawBody
    }
  }

  /// The body as text: transfer encoding undone and converted from its charset to UTF-8.
  public var text: String {
    Charsets.decode(decodedBody, charset: parameters["charset"])
  }
}

/// Parses RFC 5322 messages and their MIME structure. Works on bytes; no Foundation.
public enum MessageParser {
  /// Nesting deeper than this is not looked into.
  public static let maximumDepth = 12
  /// At most this many parts are parsed in one message.
  public static let maximumParts = 400

  /// Header names that only a mail message (not a pasted reply or DSN fragment) starts with.
  static let messageHeaders: Set<String> = [
    "from", "to", "subject", "date", "received", "return-path", "message-id", "mime-version",
    "content-type", "delivered-to", "x-failed-recipients", "reply-to", "sender", "x-original-to",
    "auto-submitted", "authentication-results", "dkim-signature", "arc-seal", "x-mailer",
    "references", "in-reply-to", "envelope-to", "precedence", "thread-topic", "x-ms-exchange",
  ]

  /// Whether `bytes` start like a mail message: an optional mbox `From ` line, then header
  /// fields of which at least two are ones that messages carry (From, Subject, Received, …).
  public static func looksLikeMessage(_ bytes: [UInt8]) -> Bool {
    var lines = LineCursor(bytes: bytes, start: 0, end: bytes.count)
    var known = 0
    var fields = 0
    var first = true
    while let line = lines.next() {
      if first, bytes[line].starts(with: fromSpace) {
        first = false
        continue
      }
      first = false
      if line.isEmpty { break }
      let b = bytes[line.lowerBound]
      if b == 0x20 || b == 0x09 {
        if fields == 0 { return false }
        continue
      }
      guard let name = fieldName(bytes, line) else { return false }
      fields += 1
      if messageHeaders.contains(name) || name.hasPrefix("x-ms-exchange") { known += 1 }
      if known >= 2 { return true }
      if fields > 60 { break }
    }
    return false
  }

  static let fromSpace = Array("From ".utf8)

  /// Parses a whole message (an mbox `From ` line in front is skipped).
  public static func parse(_ bytes: [UInt8]) -> MIMEPart {
    var start = 0
    if bytes.starts(with: fromSpace) {
      var cursor = LineCursor(bytes: bytes, start: 0, end: bytes.count)
      _ = cursor.next()
      start = cursor.position
    }
    var budget = maximumParts
    return parseEntity(bytes, start..<bytes.count, depth: 0, budget: &budget)
  }

  static func parseEntity(
    _ bytes: [UInt8], _ range: Range<Int>, depth: Int, budget: inout Int,
    defaultType: String = "text/plain"
  ) -> MIMEPart {
    budget -= 1
    let (headers, bodyStart) = parseHeaders(bytes, range)
    let body = Array(bytes[bodyStart..<range.upperBound])
    let (type, parameters) = contentType(
      headers.first { $0.name == "content-type" }?.value, default: defaultType)
    var children: [MIMEPart] = []
    if depth < maximumDepth, budget > 0 {
      if type.hasPrefix("multipart/"), let boundary = parameters["boundary"], !boundary.isEmpty {
        let childDefault = type == "multipart/digest" ? "message/rfc822" : "text/plain"
        for part in splitMultipart(bytes, bodyStart..<range.upperBound, boundary: boundary) {
          guard budget > 0 else { break }
          children.append(
            parseEntity(bytes, part, depth: depth + 1, budget: &budget, defaultType: childDefault))
        }
      } else if type == "message/rfc822" || type == "message/global" {
        let encoding = (headers.first { $0.name == "content-transfer-encoding" }?.value ?? "")
          .lowercased().trimmingBlanks
        if encoding == "base64" || encoding == "quoted-printable" {
          let decoded =
            encoding == "base64"
            ? TransferEncoding.base64(body) : TransferEncoding.quotedPrintable(body)
          children.append(
            parseEntity(decoded, 0..<decoded.count, depth: depth + 1, budget: &budget))
        } else {
          children.append(
            parseEntity(bytes, bodyStart..<range.upperBound, depth: depth + 1, budget: &budget))
        }
      }
    }
    return MIMEPart(
      headers: headers, rawBody: body, contentType: type, parameters: parameters,
      children: children)
  }

  /// Header fields up to the first empty line, and where the body starts.
  static func parseHeaders(_ bytes: [UInt8], _ range: Range<Int>) -> ([HeaderField], Int) {
    var fields: [HeaderField] = []
    var cursor = LineCursor(bytes: bytes, start: range.lowerBound, end: range.upperBound)
    var name: String?
    var value: [UInt8] = []
    func flush() {
      if let name {
        fields.append(HeaderField(name: name, value: String(decoding: value, as: UTF8.self)))
      }
      name = nil
      value = []
    }
    while true {
      let before = cursor.position
      guard let line = cursor.next() else { break }
      if line.isEmpty { break }
      let first = bytes[line.lowerBound]
      if first == 0x20 || first == 0x09 {
        if name != nil {
          value.append(0x20)
          value += bytes[line].drop { $0 == 0x20 || $0 == 0x09 }
        }
        continue
      }
      guard let fieldName = fieldName(bytes, line) else {
        // Not a header line: the headers ended without an empty line; this line is body.
        if fields.isEmpty && name == nil { return ([], range.lowerBound) }
        flush()
        return (fields, before)
      }
      flush()
      name = fieldName
      var i = line.lowerBound
      while bytes[i] != 0x3A { i += 1 }
      value = Array(bytes[(i + 1)..<line.upperBound].drop { $0 == 0x20 || $0 == 0x09 })
    }
    flush()
    while value.last == 0x20 { value.removeLast() }
    return (fields, cursor.position)
  }

  /// "Name:" at the start of a line: printable ASCII without blanks, lower-cased.
  static func fieldName(_ bytes: [UInt8], _ line: Range<Int>) -> String? {
    var i = line.lowerBound
    while i < line.upperBound {
      let b = bytes[i]
      if b == 0x3A { break }
      if b <= 0x20 || b >= 0x7F { return nil }
      i += 1
    }
    guard i < line.upperBound, i > line.lowerBound, i - line.lowerBound <= 76 else { return nil }
    return String(decoding: bytes[line.lowerBound..<i], as: UTF8.self).lowercased()
  }

  /// "text/plain; charset=utf-8" → ("text/plain", ["charset": "utf-8"]).
  static func contentType(_ value: String?, default fallback: String) -> (
    String, [String: String]
  ) {
    guard let value else { return (fallback, [:]) }
    let pieces = splitParameters(value)
    var type = pieces.first?.lowercased().trimmingBlanks ?? fallback
    if !type.contains("/") { type = fallback }
    var parameters: [String: String] = [:]
    for piece in pieces.dropFirst() {
      guard let equals = piece.firstIndex(of: "=") else { continue }
      let name = piece[..<equals].trimmingBlanks.lowercased()
      var value = piece[piece.index(after: equals)...].trimmingBlanks
      // A quoted-printable mangled "3D" before the value.
      if value.hasPrefix("3D\"") { value.removeFirst(2) }
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
        value = String(value.dropFirst().dropLast())
      }
      if parameters[name] == nil { parameters[name] = value }
    }
    return (type, parameters)
  }

  /// Splits at semicolons outside quotes.
  static func splitParameters(_ value: String) -> [String] {
    var pieces: [String] = []
    var current = ""
    var quoted = false
    for c in value {
      if c == "\"" { quoted.toggle() }
      if c == ";" && !quoted {
        pieces.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    pieces.append(current)
    return pieces
  }

  /// The byte ranges of the parts between `--boundary` lines.
  static func splitMultipart(_ bytes: [UInt8], _ range: Range<Int>, boundary: String)
    -> [Range<Int>]
  {
    let delimiter = Array(("--" + boundary).utf8)
    var parts: [Range<Int>] = []
    var cursor = LineCursor(bytes: bytes, start: range.lowerBound, end: range.upperBound)
    var partStart: Int?
    var previousLineStart = range.lowerBound
    while true {
      let lineStart = cursor.position
      guard let line = cursor.next() else { break }
      defer { previousLineStart = lineStart }
      guard bytes[line].starts(with: delimiter) else { continue }
      let rest = bytes[(line.lowerBound + delimiter.count)..<line.upperBound]
      let closing = rest.starts(with: [0x2D, 0x2D])
      guard closing || rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
      if let start = partStart {
        // The line break before the delimiter belongs to the delimiter.
        var end = lineStart
        if end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        parts.append(start..<max(start, end))
      }
      if closing { return parts }
      partStart = cursor.position
    }
    _ = previousLineStart
    // No closing delimiter: the last part runs to the end.
    if let start = partStart, start < range.upperBound { parts.append(start..<range.upperBound) }
    return parts
  }
}

/// Walks the lines of a byte range; each line excludes its CR LF or LF.
struct LineCursor {
  let bytes: [UInt8]
  var position: Int
  let end: Int

  init(bytes: [UInt8], start: Int, end: Int) {
    self.bytes = bytes
    self.position = start
    self.end = end
  }

  mutating func next() -> Range<Int>? {
    guard position < end else { return nil }
    let start = position
    var i = start
    while i < end, bytes[i] != 0x0A { i += 1 }
    var lineEnd = i
    if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
    position = i < end ? i + 1 : end
    return start..<lineEnd
  }
}

/// Base64 and quoted-printable (RFC 2045), tolerant of line breaks and junk.
public enum TransferEncoding {
  public static func base64(_ input: some Collection<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(input.count * 3 / 4)
    var accumulator: UInt32 = 0
    var bits = 0
    for b in input {
      let value: UInt32
      switch b {
      case 0x41...0x5A: value = UInt32(b - 0x41)
      case 0x61...0x7A: value = UInt32(b - 0x61 + 26)
      case 0x30...0x39: value = UInt32(b - 0x30 + 52)
      case 0x2B, 0x2D: value = 62
      case 0x2F, 0x5F: value = 63
      case 0x3D:
        // Padding ends this group.
        accumulator = 0
        bits = 0
        continue
      default: continue
      }
      accumulator = (accumulator << 6) | value
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
      }
    }
    return out
  }

  public static func quotedPrintable(
    _ input: some Collection<UInt8>, underscoreIsSpace: Bool = false
  )
    -> [UInt8]
  {
    let bytes = Array(input)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b == 0x3D {
        // Soft line break: "=" then optional blanks then CRLF or LF.
        var j = i + 1
        while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
        if j < n, bytes[j] == 0x0D || bytes[j] == 0x0A {
          if bytes[j] == 0x0D, j + 1 < n, bytes[j + 1] == 0x0A { j += 1 }
          i = j + 1
          continue
        }
        if j == n {
          i = n
          continue
        }
        if i + 2 < n, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) {
          out.append(high << 4 | low)
          i += 3
          continue
        }
        out.append(b)
        i += 1
        continue
      }
      out.append(underscoreIsSpace && b == 0x5F ? 0x20 : b)
      i += 1
    }
    return out
  }

  static func hex(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: b - 0x30
    case 0x41...0x46: b - 0x41 + 10
    case 0x61...0x66: b - 0x61 + 10
    default: nil
    }
  }
}

/// RFC 2047 encoded-words in header values: `=?charset?B?…?=` and `=?charset?Q?…?=`.
public enum EncodedWords {
  public static func decode(_ value: String) -> String {
    guard value.contains("=?") else { return value }
    let bytes = Array(value.utf8)
    var out: [UInt8] = []
    var i = 0
    let n = bytes.count
    var pendingBlanks: [UInt8] = []
    var lastWasEncoded = false
    while i < n {
      if bytes[i] == 0x3D, i + 1 < n, bytes[i + 1] == 0x3F, let word = encodedWord(bytes, at: i) {
        // Blanks between two encoded-words are dropped.
        if !lastWasEncoded { out += pendingBlanks }
        pendingBlanks = []
        out += Array(word.text.utf8)
        lastWasEncoded = true
        i = word.end
        continue
      }
      let b = bytes[i]
      if b == 0x20 || b == 0x09 {
        pendingBlanks.append(b)
      } else {
        out += pendingBlanks
        pendingBlanks = []
        out.append(b)
        lastWasEncoded = false
      }
      i += 1
    }
    out += pendingBlanks
    return String(decoding: out, as: UTF8.self)
  }

  static func encodedWord(_ bytes: [UInt8], at start: Int) -> (text: String, end: Int)? {
    // =?charset?X?text?=
    var i = start + 2
    let n = bytes.count
    let charsetStart = i
    while i < n, bytes[i] != 0x3F, bytes[i] > 0x20 { i += 1 }
    guard i < n, bytes[i] == 0x3F, i > charsetStart else { return nil }
    var charset = String(decoding: bytes[charsetStart..<i], as: UTF8.self)
    // RFC 2231 language suffix: "utf-8*en".
    if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
    guard i + 2 < n, bytes[i + 2] == 0x3F else { return nil }
    let encoding = bytes[i + 1] | 0x20
    guard encoding == 0x62 || encoding == 0x71 else { return nil }
    let textStart = i + 3
    var j = textStart
    while j + 1 < n, !(bytes[j] == 0x3F && bytes[j + 1] == 0x3D) {
      if bytes[j] == 0x20 && encoding == 0x62 { return nil }
      j += 1
    }
    guard j + 1 < n else { return nil }
    let payload = bytes[textStart..<j]
    let decoded =
      encoding == 0x62
      ? TransferEncoding.base64(payload)
      : TransferEncoding.quotedPrintable(payload, underscoreIsSpace: true)
    return (Charsets.decode(decoded, charset: charset), j + 2)
  }
}

/// Charset conversion to UTF-8 with glibc's iconv: ISO-8859-x, Windows-125x, ISO-2022-JP,
/// Shift_JIS, EUC-JP, EUC-KR, GB2312/GBK, KOI8-R, Big5 and whatever else the platform knows.
public enum Charsets {
  /// Names mail software writes that iconv spells differently.
  static let aliases: [String: String] = [
    "ks_c_5601-1987": "CP949", "ks_c_5601": "CP949", "x-sjis": "SHIFT_JIS", "sjis": "SHIFT_JIS",
    "shift-jis": "SHIFT_JIS", "x-euc-jp": "EUC-JP", "unicode-1-1-utf-7": "UTF-7",
    "x-unknown": "ISO-8859-1", "unknown-8bit": "ISO-8859-1", "x-user-defined": "ISO-8859-1",
    "gb2312": "GB18030", "gbk": "GB18030", "cp936": "GB18030", "ansi_x3.110-1983": "ISO-8859-1",
    "uft-8": "UTF-8", "utf8": "UTF-8", "iso-8859-8-i": "ISO-8859-8", "ascii": "ISO-8859-1",
    "us-ascii": "ISO-8859-1", "default": "ISO-8859-1",
  ]

  /// `bytes` in `charset` as a String; UTF-8 (invalid bytes replaced) when the charset is absent,
  /// UTF-8 or unknown to the platform. Pure ASCII is never converted.
  public static func decode(_ bytes: [UInt8], charset: String?) -> String {
    guard var name = charset?.trimmingBlanks.lowercased(), !name.isEmpty,
      name != "utf-8", name != "utf8"
    else { return String(decoding: bytes, as: UTF8.self) }
    // Plain ASCII, except in stateful 7-bit encodings that use escapes (ISO-2022-x, UTF-7).
    if bytes.allSatisfy({ $0 < 0x80 }), !name.hasPrefix("iso-2022"), !name.contains("utf-7") {
      return String(decoding: bytes, as: UTF8.self)
    }
    name = aliases[name] ?? name
    // Valid UTF-8 declared as Latin-1/ASCII is common: keep it.
    if name == "ISO-8859-1" || name == "UTF-8", let valid = validUTF8(bytes) { return valid }
    return convert(bytes, from: name) ?? String(decoding: bytes, as: UTF8.self)
  }

  static func validUTF8(_ bytes: [UInt8]) -> String? {
    String(validating: bytes, as: UTF8.self)
  }

  /// Converts with iconv; an invalid byte becomes U+FFFD and conversion goes on.
  static func convert(_ bytes: [UInt8], from charset: String) -> String? {
    let descriptor = iconv_open("UTF-8", charset)
    guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(descriptor) }
    var input = bytes
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    var buffer = [UInt8](repeating: 0, count: 4096)
    input.withUnsafeMutableBufferPointer { inputBuffer in
      guard let inputBase = inputBuffer.baseAddress else { return }
      var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBase)
        .assumingMemoryBound(to: CChar.self)
      var inLeft = inputBuffer.count
      var guardCount = 0
      while inLeft > 0, guardCount < 1_000_000 {
        guardCount += 1
        let produced = buffer.withUnsafeMutableBufferPointer { outBuffer -> (Int, Int32) in
          var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
            outBuffer.baseAddress!
          ).assumingMemoryBound(to: CChar.self)
          var outLeft = outBuffer.count
          let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
          return (outBuffer.count - outLeft, result == -1 ? errno : 0)
        }
        out += buffer[0..<produced.0]
        switch produced.1 {
        case 0:
          break
        case E2BIG:
          continue
        default:
          // EILSEQ or EINVAL: replace one byte and go on.
          out += [0xEF, 0xBF, 0xBD]
          inPointer = inPointer.map { $0 + 1 }
          inLeft -= 1
        }
        if produced.1 == 0 { break }
      }
      // Flush a stateful encoding's shift state.
      buffer.withUnsafeMutableBufferPointer { outBuffer in
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
          outBuffer.baseAddress!
        ).assumingMemoryBound(to: CChar.self)
        var outLeft = outBuffer.count
        _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
        out += outBuffer[0..<(outBuffer.count - outLeft)]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

extension StringProtocol {
  /// Without leading and trailing blanks and line breaks.
  var trimmingBlanks: String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    guard let first = firstIndex(where: { !blank($0) }) else { return "" }
    let last = lastIndex(where: { !blank($0) })!
    return String(self[first...last])
  }
}
