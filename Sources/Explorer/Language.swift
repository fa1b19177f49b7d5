/// Choosing the interface language as terminal tools do: `--lang` first, then `SMTPCODES_LANG`,
/// then the config file's `language`, then `LC_ALL`, `LC_MESSAGES` and `LANG`, the first one set
/// and not empty. (The locale variables come after the config: they are set on nearly every
/// system, and a language written in smtpcodes' own config is the more deliberate choice.) Only
/// the variables are read: the C library need not have the locale installed.
public enum Language {
  /// The variables consulted after `--lang`, in order.
  public static let variables = ["SMTPCODES_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]

  /// The offered language a code or locale name stands for: "hi" and "hi_IN.UTF-8" → "hi",
  /// "pt_BR" → "pt-BR", "zh_CN" → "zh-Hans", "C" and "POSIX" → "en"; nil for any other.
  public static func code(for name: String, offered: [String] = Strings.languages) -> String? {
    // "hi_IN.UTF-8@euro" → "hi_IN"; "pt-BR" and "pt_BR" alike.
    var name = Substring(name)
    if let cut = name.firstIndex(where: { $0 == "." || $0 == "@" }) { name = name[..<cut] }
    let parts = name.split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init)
    guard let first = parts.first?.lowercased() else { return nil }
    if first == "c" || first == "posix" { return offered.contains("en") ? "en" : nil }
    let rest = parts.dropFirst().map { $0.lowercased() }
    // A written code as it is ("pt-BR", "zh-Hans"), whatever the case.
    let written = ([first] + rest).joined(separator: "-")
    if let exact = offered.first(where: { $0.lowercased() == written }) { return exact }
    let candidate: String
    switch first {
    case "zh":
      // Traditional Chinese is not offered; Simplified is no substitute for it.
      if rest.contains(where: { ["tw", "hk", "mo", "hant"].contains($0) }) { return nil }
      candidate = "zh-Hans"
    case "pt": candidate = "pt-BR"
    default: candidate = first
    }
    return offered.contains(candidate) ? candidate : nil
  }

  /// Where the language came from, for messages.
  public enum Source: Equatable, Sendable {
    case option
    case variable(String)
    /// The config file's `language`.
    case configured
    case fallback
  }

  /// The language to speak: `--lang` (an unknown one is an error: `.failure` with what was given),
  /// else the first variable set to anything not empty; a variable naming a language that is not
  /// offered means English, as a locale without a translation does.
  public static func choose(
    option: String?, environment: (String) -> String?, configured: () -> String? = { nil },
    offered: [String] = Strings.languages
  ) -> Result<(code: String, source: Source), UnknownLanguage> {
    if let option {
      guard let code = code(for: option, offered: offered) else {
        return .failure(UnknownLanguage(given: option))
      }
      return .success((code, .option))
    }
    for variable in variables {
      if variable == "LC_ALL", let value = configured(), !value.isEmpty {
        return .success((code(for: value, offered: offered) ?? "en", .configured))
      }
      guard let value = environment(variable), !value.isEmpty else { continue }
      return .success((code(for: value, offered: offered) ?? "en", .variable(variable)))
    }
    return .success(("en", .fallback))
  }

  public struct UnknownLanguage: Error, Equatable, Sendable {
    public let given: String

    public init(given: String) { self.given = given }
  }
}
