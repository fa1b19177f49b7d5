/// The settings a config file may hold. Each is optional: a missing key leaves the default.
/// (The output format is not among them: scripts say `--json` themselves.)
public struct ConfigFile: Equatable, Sendable {
  public struct Setting<Value: Equatable & Sendable>: Equatable, Sendable {
    public let value: Value
    public let line: Int
  }

  public var theme: Setting<String>?
  public var language: Setting<String>?
  public var mouse: Setting<Bool>?
  public var notes: Setting<String>?

  public init() {}

  /// The keys a config file takes, in the order `config` lists them.
  public static let keys = ["theme", "language", "mouse", "notes"]

  public static func parse(_ text: String) throws(TOMLError) -> ConfigFile {
    let document = try TOMLSubset.parse(text)
    if let table = document.tables.first {
      throw TOMLError(
        line: table.line,
        message: "unknown table [\(table.name ?? "")]; the config file has only top-level keys")
    }
    var config = ConfigFile()
    for entry in document.root.entries {
      func string() throws(TOMLError) -> Setting<String> {
        guard case .string(let text) = entry.value else {
          throw TOMLError(
            line: entry.line,
            message: "'\(entry.key)' must be a string, not \(entry.value.kindName)")
        }
        guard !text.isEmpty else {
          throw TOMLError(line: entry.line, message: "'\(entry.key)' is empty")
        }
        return Setting(value: text, line: entry.line)
      }
      switch entry.key {
      case "theme": config.theme = try string()
      case "language": config.language = try string()
      case "notes": config.notes = try string()
      case "mouse":
        guard case .bool(let on) = entry.value else {
          throw TOMLError(
            line: entry.line,
            message: "'mouse' must be true or false, not \(entry.value.kindName)")
        }
        config.mouse = Setting(value: on, line: entry.line)
      default:
        throw TOMLError(
          line: entry.line,
          message:
            "unknown key '\(entry.key)'; the config file takes \(keys.joined(separator: ", "))")
      }
    }
    return config
  }
}
