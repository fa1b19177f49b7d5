import TextLayout

/// A JSON value with a deterministic writer: keys keep the order they are given in.
///
/// Hand-written rather than JSONEncoder so the binary needs no Foundation on its start-up path.
enum JSON: Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  static func == (left: JSON, right: JSON) -> Bool { left.rendered() == right.rendered() }

  static func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }

  static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }

  /// Pretty-printed with two-space indents.
  func rendered(indent: Int = 0) -> String {
    var out = ""
    write(into: &out, indent: indent)
    return out
  }

  private func write(into out: inout String, indent: Int) {
    let pad = String(repeating: " ", count: indent + 2)
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .int(let value): out += String(value)
    case .string(let value): JSON.writeString(value, into: &out)
    case .array(let values):
      guard !values.isEmpty else {
        out += "[]"
        return
      }
      out += "[\n"
      for (index, value) in values.enumerated() {
        out += pad
        value.write(into: &out, indent: indent + 2)
        out += index == values.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, (key, value)) in members.enumerated() {
        out += pad
        JSON.writeString(key, into: &out)
        out += ": "
        value.write(into: &out, indent: indent + 2)
        out += index == members.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  private static func writeString(_ value: String, into out: inout String) {
    out += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      // The set SafeText escapes for terminals (controls, bidi and tag characters, invisible
      // format characters), so JSON piped to a terminal or a log cannot drive it either.
      case _ where SafeText.needsEscape(scalar):
        if scalar.value <= 0xFFFF {
          writeUTF16Escape(UInt16(scalar.value), into: &out)
        } else {
          for unit in String(scalar).utf16 { writeUTF16Escape(unit, into: &out) }
        }
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }

  private static func writeUTF16Escape(_ unit: UInt16, into out: inout String) {
    let hex = String(unit, radix: 16)
    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
  }
}
