#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Text from outside (a pasted reply, a log) made safe to print on a terminal.
///
/// Valid UTF-8 stays as it is, except control characters (C0, DEL, C1) and the invisible
/// direction and zero-width marks, which are written as `\x1B` or `\u{202E}`; invalid UTF-8 bytes
/// are written as `\xFF`. Nothing in the result can drive a terminal.
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

  /// C1 controls, bidirectional overrides and isolates, zero-width and line/paragraph separators.
  static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x80...0x9F, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFF9...0xFFFB:
      true
    default:
      false
    }
  }

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
