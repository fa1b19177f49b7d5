import Foundation
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

/// How a build tool ends: each problem printed as an Xcode-style "error: LABEL: …" line (SwiftPM
/// shows them as build errors) and exit 1; with none, `source` written to `path` unless the file
/// already holds it (an unchanged file keeps the steps after it from running again).
public func finishGeneration(source: String?, problems: [String], label: String, path: String)
  -> Never
{
  guard problems.isEmpty, let source else {
    for problem in problems { print("error: \(label): \(problem)") }
    exit(1)
  }
  if (try? String(contentsOfFile: path, encoding: .utf8)) != source {
    do {
      try source.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      print("error: \(label): cannot write \(path): \(error.localizedDescription)")
      exit(1)
    }
  }
  exit(0)
}
