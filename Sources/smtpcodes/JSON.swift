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
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
