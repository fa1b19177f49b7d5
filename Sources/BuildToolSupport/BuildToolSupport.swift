import TOMLKit

/// What the build-time tools (catalog-gen, strings-gen, theme-embed) share: writing Swift string
/// literals, and reading a TOML file with its problems said as "file: line N: …".

/// A Swift string literal that reads back as exactly `string`, whatever characters it holds:
/// quotes and backslashes are escaped, and every control, format or line-separating character
/// (C0, DEL, C1, U+2028/9, bidirectional controls, …) is written as `\u{…}`.
public func swiftLiteral(_ string: String) -> String {
  var out = "\""
  for scalar in string.unicodeScalars {
    switch scalar {
    case "\\": out += "\\\\"
    case "\"": out += "\\\""
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    case "\r": out += "\\r"
    default:
      switch scalar.properties.generalCategory {
      case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse,
        .unassigned:
        out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      default:
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}

/// The TOML document in `text`, or nil with the reason appended to `problems`.
public func parseTOML(_ text: String, file: String, problems: inout [String]) -> TOMLTable? {
  do {
    return try TOMLTable(string: text)
  } catch let error as TOMLParseError {
    problems.append("\(file): line \(error.source.begin.line): \(error.description)")
  } catch {
    problems.append("\(file): \(error)")
  }
  return nil
}
