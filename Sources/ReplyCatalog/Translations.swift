/// An entry's title and one-line summary in another language.
public struct LocalizedText: Sendable, Equatable {
  public let title: String?
  public let summary: String?

  public init(title: String?, summary: String?) {
    self.title = title
    self.summary = summary
  }
}

extension Catalog {
  /// The languages with catalog translations (`Catalog/translations/LANG.toml`).
  public static var translatedLanguages: [String] { builtInTranslatedLanguages }

  /// The titles and summaries of one language, by code; empty for a language without any.
  /// Built on each call: ask once and keep the result.
  public static func translations(_ language: String) -> [String: LocalizedText] {
    builtInTranslations(language)
  }
}
