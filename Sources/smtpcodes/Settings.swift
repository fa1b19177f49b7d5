import Explorer
import SettingsFile

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a setting's value came from, for `smtpcodes config`.
enum SettingSource: Equatable {
  case flag(String)
  case environment(String)
  case configFile(line: Int)
  case builtIn

  var label: String {
    let strings = Strings.english
    switch self {
    case .flag(let name): return strings.sourceFlag(name)
    case .environment(let name): return strings.sourceEnvironment(name)
    case .configFile(let line): return strings.sourceConfigFile(line)
    case .builtIn: return strings.sourceDefault
    }
  }

  var jsonName: String {
    switch self {
    case .flag: "flag"
    case .environment: "environment"
    case .configFile: "config"
    case .builtIn: "default"
    }
  }
}

struct Resolved<Value> {
  let value: Value
  let source: SettingSource
}

/// The config file and the notes file, read only when a command needs them (a lookup with
/// neither file present costs two failed open(2) calls, nothing more), each at most once, and
/// each problem reported once as a warning naming file and line; the tool then goes on with the
/// defaults.
enum Settings {
  /// The most a config or notes file may hold.
  static let fileLimit = 4 << 20

  static func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
  }

  static var home: String { environment("HOME") ?? "/" }

  /// An XDG base directory: the variable when it holds an absolute path, else HOME/fallback.
  static func xdgDirectory(_ variable: String, fallback: String) -> String {
    if let value = environment(variable), value.hasPrefix("/") { return value }
    return home + "/" + fallback
  }

  /// SMTPCODES_CONFIG, else $XDG_CONFIG_HOME/smtpcodes/config.toml.
  static var configPath: Resolved<String> {
    if let path = environment("SMTPCODES_CONFIG") {
      return Resolved(value: path, source: .environment("SMTPCODES_CONFIG"))
    }
    return Resolved(
      value: xdgDirectory("XDG_CONFIG_HOME", fallback: ".config") + "/smtpcodes/config.toml",
      source: .builtIn)
  }

  nonisolated(unsafe) private static var loadedConfig: (config: ConfigFile, found: Bool)?

  /// The config file's settings; none (and one warning) when it cannot be read or parsed.
  static var config: (config: ConfigFile, found: Bool) {
    if let loadedConfig { return loadedConfig }
    let path = configPath
    var result = (config: ConfigFile(), found: false)
    if let text = readSettingsFile(
      path.value, what: Strings.english.configFileWhat, mustExist: path.source != .builtIn)
    {
      result.found = true
      do {
        result.config = try ConfigFile.parse(text)
      } catch {
        warn(Strings.english.configFileWhat, path.value, error)
      }
    }
    loadedConfig = result
    return result
  }

  /// `--theme`, else SMTPCODES_THEME, else the config's theme, else the default.
  static func theme(flag: String?) -> Resolved<String> {
    if let flag { return Resolved(value: flag, source: .flag("--theme")) }
    if let name = environment("SMTPCODES_THEME") {
      return Resolved(value: name, source: .environment("SMTPCODES_THEME"))
    }
    if let setting = config.config.theme {
      return Resolved(value: expandingHome(setting.value), source: .configFile(line: setting.line))
    }
    return Resolved(value: Theme.defaultName, source: .builtIn)
  }

  /// The config file's `language`, if it sets one.
  static var configuredLanguage: String? { config.config.language?.value }

  /// The language as the run chose it (`Language.choose`): SMTPCODES_LANG, then the config,
  /// then the locale variables (LC_ALL, LC_MESSAGES, LANG), then English.
  static var language: Resolved<String> {
    let chosen = try? Language.choose(
      option: nil, environment: environment, configured: { configuredLanguage }
    ).get()
    let code = chosen?.code ?? "en"
    switch chosen?.source {
    case .variable(let name): return Resolved(value: code, source: .environment(name))
    case .configured:
      return Resolved(value: code, source: .configFile(line: config.config.language?.line ?? 0))
    default: return Resolved(value: code, source: .builtIn)
    }
  }

  /// Whether the explorer may capture the mouse: the config's `mouse`, else on.
  static var mouse: Resolved<Bool> {
    if let setting = config.config.mouse {
      return Resolved(value: setting.value, source: .configFile(line: setting.line))
    }
    return Resolved(value: true, source: .builtIn)
  }

  /// SMTPCODES_NOTES, else the config's `notes` (relative to the config file's folder), else
  /// $XDG_DATA_HOME/smtpcodes/notes.toml.
  static var notesPath: Resolved<String> {
    if let path = environment("SMTPCODES_NOTES") {
      return Resolved(value: path, source: .environment("SMTPCODES_NOTES"))
    }
    if let setting = config.config.notes {
      var path = expandingHome(setting.value)
      if !path.hasPrefix("/") {
        let configFile = configPath.value
        let folder = configFile.lastIndex(of: "/").map { String(configFile[..<$0]) } ?? "."
        path = folder + "/" + path
      }
      return Resolved(value: path, source: .configFile(line: setting.line))
    }
    return Resolved(
      value: xdgDirectory("XDG_DATA_HOME", fallback: ".local/share") + "/smtpcodes/notes.toml",
      source: .builtIn)
  }

  nonisolated(unsafe) private static var loadedNotes: TeamNotes?

  /// The team's notes; none (and one warning) when the file cannot be read or parsed.
  static var notes: TeamNotes {
    if let loadedNotes { return loadedNotes }
    let result = reloadNotes(warnings: true).notes
    loadedNotes = result
    return result
  }

  /// Reads the notes file again (after the explorer's editor): the notes, or the problem as one
  /// line (printed as a warning when `warnings` is set).
  static func reloadNotes(warnings: Bool) -> (notes: TeamNotes, problem: String?) {
    let path = notesPath
    var problem: String?
    let what = Strings.english.notesFileWhat
    guard
      let text = readSettingsFile(
        path.value, what: what, mustExist: path.source != .builtIn,
        report: { problem = $0 })
    else {
      if let problem, warnings { printWarning(problem) }
      return (.none, problem)
    }
    do {
      let notes = try TeamNotes.parse(text)
      loadedNotes = notes
      return (notes, nil)
    } catch {
      let line = Strings.english.settingsFileProblem(what, path.value, error.line, error.message)
      if warnings { printWarning(line) }
      return (.none, line)
    }
  }

  /// "~/x" → "$HOME/x".
  static func expandingHome(_ path: String) -> String {
    path.hasPrefix("~/") ? home + path.dropFirst() : path
  }

  /// The file's text, or nil: silently when it is absent and need not exist, else with one
  /// warning (or `report`).
  private static func readSettingsFile(
    _ path: String, what: String, mustExist: Bool, report: ((String) -> Void)? = nil
  ) -> String? {
    do {
      let (bytes, _) = try UserFile.read(path: path, limit: fileLimit, what: what)
      return String(decoding: bytes, as: UTF8.self)
    } catch {
      if error.isMissing, !mustExist { return nil }
      let line = Strings.english.settingsFileUnreadable(error.description)
      if let report { report(line) } else { printWarning(line) }
      return nil
    }
  }

  private static func warn(_ what: String, _ path: String, _ error: TOMLError) {
    printWarning(Strings.english.settingsFileProblem(what, path, error.line, error.message))
  }
}

/// One warning line on standard error; the tool goes on.
func printWarning(_ message: String) {
  printError(Strings.english.warningPrefix + message)
}
