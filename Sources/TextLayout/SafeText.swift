#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Text from outside (a pasted reply, a log, a file name, an argument, a theme file) made safe to
/// print on a terminal or in an error line. The one escaping function: every error line, the
/// explorer and every output path use it; the JSON writer escapes the same set (`needsEscape`).
///
/// Valid UTF-8 stays as it is, except control characters (C0, DEL, C1), bidirectional controls
/// (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), tag characters (U+E0000–U+E007F) and every
/// other invisible format character (general category Cf: U+00AD, U+180E, U+200B, U+FEFF, …) and
/// the line and paragraph separators, which are written as `\x1B` or `\u{202E}`; invalid UTF-8
/// bytes (lone surrogates, overlongs, truncated sequences) are written as `\xFF`. Nothing in the
/// result can drive a terminal or reorder what is shown around it.
public enum SafeText {
  public static func escape(_ bytes: some Collection<UInt8>) -> String {
    var out = ""
    out.reserveCapacity(bytes.count)
    let bytes = Array(bytes)
    var i = 0
    let n = bytes.count
    func hex(_ value: UInt32, width: Int) -> String {
      let digits = String(value, radix: 16, uppercase: true)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        if b < 0x20 || b == 0x7F {
          out += "\\x" + hex(UInt32(b), width: 2)
        } else {
          out.unicodeScalars.append(Unicode.Scalar(b))
        }
        i += 1
        continue
      }
      if let (scalar, length) = decodeScalar(bytes, at: i) {
        if isUnsafe(scalar) {
          out += "\\u{" + hex(scalar.value, width: 4) + "}"
        } else {
          out.unicodeScalars.append(scalar)
        }
        i += length
      } else {
        out += "\\x" + hex(UInt32(b), width: 2)
        i += 1
      }
    }
    return out
  }

  public static func escape(_ text: String) -> String { escape(Array(text.utf8)) }

  /// Escaped and cut to `limit` characters, ending in "…" when cut.
  public static func escape(_ bytes: some Collection<UInt8>, limit: Int) -> String {
    let text = escape(bytes.prefix(limit * 4))
    return text.count > limit ? String(text.prefix(limit)) + "…" : text
  }

  /// Whether a scalar must be shown escaped: C0 and C1 controls, DEL, bidirectional controls,
  /// tag characters, invisible format characters (Cf), line and paragraph separators, and the
  /// interlinear annotation marks.
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 || value == 0x7F { return true }
    if value < 0xA0 { return value >= 0x80 }
    switch value {
    case 0x00AD, 0x061C, 0x180E, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF,
      0xFFF9...0xFFFB, 0xE0000...0xE007F:
      return true
    default:
      // Every other format character (Arabic number signs, Egyptian hieroglyph and shorthand
      // format controls, musical symbol formatting, …), from the runtime's Unicode data.
      return scalar.properties.generalCategory == .format
    }
  }

  static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool { needsEscape(scalar) }

  /// One well-formed UTF-8 scalar at `i` (no overlongs, no surrogates, at most U+10FFFF).
  static func decodeScalar(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
    let lead = b[i]
    let length: Int
    var value: UInt32
    switch lead {
    case 0xC2...0xDF:
      length = 2
      value = UInt32(lead & 0x1F)
    case 0xE0...0xEF:
      length = 3
      value = UInt32(lead & 0x0F)
    case 0xF0...0xF4:
      length = 4
      value = UInt32(lead & 0x07)
    default: return nil
    }
    guard i + length <= b.count else { return nil }
    for k in 1..<length {
      let c = b[i + k]
      guard c & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(c & 0x3F)
    }
    if length == 3, value < 0x800 { return nil }
    if length == 4, value < 0x10000 || value > 0x10FFFF { return nil }
    guard let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }
}
