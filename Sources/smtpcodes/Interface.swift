import Explorer

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The language this run speaks, chosen once at start-up, before any command runs.
enum Interface {
  /// Set by `choose` before anything reads it, never changed after.
  nonisolated(unsafe) private(set) static var strings = Strings.english

  /// Takes `--lang CODE` / `--lang=CODE` out of the arguments (every command and the explorer
  /// accept it; arguments after `--` are left alone), chooses the language, and returns the rest.
  /// An unknown `--lang` is a usage error listing the languages.
  static func choose(_ arguments: [String]) throws -> [String] {
    var rest: [String] = []
    var option: String?
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" {
        rest += arguments[index...]
        break
      }
      if argument == "--lang" {
        guard index + 1 < arguments.count else {
          throw UsageError(description: Strings.english.languageMissingLine)
        }
        option = arguments[index + 1]
        index += 2
        continue
      }
      if argument.hasPrefix("--lang=") {
        option = String(argument.dropFirst("--lang=".count))
        index += 1
        continue
      }
      rest.append(argument)
      index += 1
    }
    let environment: (String) -> String? = { name in getenv(name).map { String(cString: $0) } }
    // The config file is read only when neither --lang nor SMTPCODES_LANG decides.
    switch Language.choose(
      option: option, environment: environment, configured: { Settings.configuredLanguage })
    {
    case .success(let chosen):
      strings = Strings(language: chosen.code) ?? .english
      if chosen.source == .variable("SMTPCODES_LANG"), chosen.code == "en",
        let value = environment("SMTPCODES_LANG"), Language.code(for: value) == nil
      {
        printError(Strings.english.unknownLanguageLine(value) + " (from SMTPCODES_LANG)")
      }
    case .failure(let unknown):
      throw UsageError(description: Strings.english.unknownLanguageLine(unknown.given))
    }
    return rest
  }
}
