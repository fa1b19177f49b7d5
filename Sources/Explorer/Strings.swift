import ReplyCatalog

/// Every word the explorer and the command line show, in one language.
///
/// The texts are data: `Translations/LANG.toml`, one file per language keyed by the names used
/// here, compiled into the binary at build time (the TranslationCompiler plugin), which also writes
/// one accessor per key (`strings.helpQuit`, `strings.marked(code)`). This file adds what is not a
/// plain text: the symbols, the choice between texts (one or many, an enum's word), and the
/// catalog's translated titles and summaries. Nothing else in the module spells out user-facing
/// text.
public struct Strings: Sendable {
  /// The language code, as in the file name: "en", "hi", "pt-BR".
  public let language: String
  let table: [String]
  /// The catalog's titles and summaries in this language, by code (empty for English).
  let catalogTexts: [String: LocalizedText]

  /// The strings of a language that has a translation file; nil for any other.
  public init?(language: String) {
    self.init(
      language: language, catalogTexts: language == "en" ? [:] : Catalog.translations(language))
  }

  /// With the catalog's texts given (tests use a fixed set, so they do not move when the
  /// translations grow).
  public init?(language: String, catalogTexts: [String: LocalizedText]) {
    guard let table = BuiltInTranslations.table(language) else { return nil }
    self.language = language
    self.table = table
    self.catalogTexts = catalogTexts
  }

  public static let english = Strings(language: "en")!

  /// The languages the interface speaks, English first.
  public static var languages: [String] { BuiltInTranslations.languages }

  public var isEnglish: Bool { language == "en" }

  func text(_ key: TextKey) -> String { table[key.rawValue] }

  /// The text of `key` with its `%N$@` / `%N$d` placeholders filled in (`%%` is a percent sign).
  func format(_ key: TextKey, _ arguments: [String]) -> String {
    let template = text(key)
    guard template.utf8.contains(UInt8(ascii: "%")) else { return template }
    var out = ""
    var rest = Substring(template)
    while let percent = rest.firstIndex(of: "%") {
      out += rest[..<percent]
      let after = rest[rest.index(after: percent)...]
      if after.first == "%" {
        out += "%"
        rest = after.dropFirst()
        continue
      }
      let digits = after.prefix { $0.isASCII && $0.isNumber }
      if let number = Int(digits), number >= 1, number <= arguments.count,
        after.dropFirst(digits.count).first == "$", after.dropFirst(digits.count + 1).first != nil
      {
        out += arguments[number - 1]
        rest = after.dropFirst(digits.count + 2)
      } else {
        // Cannot happen with checked files; show the text rather than lose it.
        out += "%"
        rest = after
      }
    }
    return out + rest
  }

  // Symbols: the same in every language.
  public var placeholder: String { "—" }
  public var sameMarker: String { "=" }
  public var changedMarker: String { "≠" }
  public var currentMarker: String { "▶" }
  public var markSymbol: String { "●" }
  public var bullet: String { "•" }
  public var ellipsis: String { "…" }
  public var keyUp: String { "↑" }
  public var keyDown: String { "↓" }
  public var keyLeft: String { "←" }
  public var keyRight: String { "→" }

  // Texts chosen by a value.
  public func codesCount(_ shown: Int, _ total: Int) -> String {
    shown == total ? codesAll(total) : codesSome(shown, total)
  }

  public func keyControl(_ letter: Character) -> String {
    keyControl(String(letter).uppercased())
  }

  public func scanNothing(_ lines: Int) -> String {
    lines == 1 ? scanNothingOne(lines) : scanNothingOther(lines)
  }

  public func scanSummary(_ replies: Int, _ lines: Int, _ groups: Int) -> String {
    scanSummaryParts(
      replies == 1 ? scanReplyOne(replies) : scanReplyOther(replies),
      lines == 1 ? scanLineOne(lines) : scanLineOther(lines),
      groups == 1 ? scanGroupOne(groups) : scanGroupOther(groups))
  }

  /// A lookup failure on the command line: the reason, and what to try instead.
  public func lookupFailed(_ error: LookupError) -> String {
    switch error {
    case .empty: lookupEmpty(lookupAccepted)
    case .malformed(let text): lookupMalformed(text, lookupAccepted)
    case .unknownBasic(let code): lookupUnknownBasic(code)
    case .unregisteredEnhanced(let code): lookupUnregisteredEnhanced(code)
    case .tooMany(let text): lookupTooMany(text)
    }
  }

  /// The explanation's title: which reply of a paste is shown when it held several.
  public func explainTitle(_ current: Int, _ count: Int) -> String {
    count > 1 ? explainTitleOther(current, count) : explainTitleOne
  }

  public func noMoreReplies(_ count: Int) -> String {
    count == 1 ? noMoreRepliesOne : noMoreRepliesOther(count)
  }

  /// The log view's header: the file, then how many lines, replies and groups so far.
  public func logHeader(_ file: String, _ lines: Int, _ replies: Int, _ groups: Int) -> String {
    logHeaderParts(
      file, lines == 1 ? scanLineOne(lines) : scanLineOther(lines),
      replies == 1 ? scanReplyOne(replies) : scanReplyOther(replies),
      groups == 1 ? scanGroupOne(groups) : scanGroupOther(groups))
  }

  /// A group's count, and its share of the replies counted when there are any.
  public func logCountShare(_ count: Int, _ total: Int) -> String {
    total > 0 ? logCountShareParts(count, count * 100 / total) : String(count)
  }

  /// An unknown `--lang`: what was given and every language there is.
  public func unknownLanguageLine(_ given: String) -> String {
    unknownLanguage(given, Self.languages.joined(separator: ", "))
  }

  /// `--lang` with nothing after it.
  public var languageMissingLine: String { languageMissing(Self.languages.joined(separator: ", ")) }

  public func severity(_ severity: Severity) -> String {
    switch severity {
    case .success: severitySuccess
    case .intermediate: severityIntermediate
    case .transient: severityTransient
    case .permanent: severityPermanent
    }
  }

  public func retry(_ advice: RetryAdvice) -> String {
    switch advice {
    case .notApplicable: retryNotApplicable
    case .now: retryNow
    case .backoff: retryBackoff
    case .afterFix: retryAfterFix
    case .never: retryNever
    }
  }

  public func party(_ party: Party) -> String {
    switch party {
    case .sender: partySender
    case .senderAdmin: partySenderAdmin
    case .recipient: partyRecipient
    case .recipientAdmin: partyRecipientAdmin
    case .intermediary: partyIntermediary
    case .nobody: partyNobody
    }
  }

  public func stage(_ stage: Stage) -> String {
    switch stage {
    case .greeting: stageGreeting
    case .ehlo: stageEhlo
    case .starttls: stageStarttls
    case .auth: stageAuth
    case .mail: stageMail
    case .rcpt: stageRcpt
    case .data: stageData
    case .endOfData: stageEndOfData
    case .other: stageOther
    case .any: stageAny
    }
  }

  public func origin(_ origin: Origin) -> String {
    switch origin {
    case .standard: originStandard
    case .experimental: originExperimental
    case .registryOnly: originRegistryOnly
    case .draft: originDraft
    case .observed: originObserved
    }
  }

  /// A comparison row's name (the catalog names rows in English; `--json` keeps those).
  public func compareRow(_ name: String) -> String {
    typealias Name = ComparisonField.Name
    switch name {
    case Name.code: return compareCode
    case Name.title: return compareTitleRow
    case Name.severity: return compareSeverity
    case Name.retry: return compareRetry
    case Name.whoMustAct: return compareWhoMustAct
    case Name.closesConnection: return compareClosesConnection
    case Name.stages: return compareStages
    case Name.summary: return compareSummary
    case Name.description: return compareDescription
    case Name.whenYouSeeIt: return compareWhenYouSeeIt
    case Name.howToFix: return compareHowToFix
    case Name.class: return compareClass
    case Name.kind: return compareKind
    case Name.origin: return compareOrigin
    case Name.enhancedClasses: return compareEnhancedClasses
    case Name.associatedBasicCodes: return compareAssociatedBasicCodes
    case Name.related: return compareRelated
    case Name.references: return compareReferences
    default: return name
    }
  }

  // The catalog's prose in this language: title and summary have translations; the rest of an
  // entry stays English.

  /// The entry's title in this language, or nil when it has none (English is shown then, marked).
  public func translatedTitle(_ entry: CatalogEntry) -> String? {
    isEnglish ? entry.title : catalogTexts[entry.code]?.title
  }

  public func translatedSummary(_ entry: CatalogEntry) -> String? {
    isEnglish ? entry.summary : catalogTexts[entry.code]?.summary
  }

  /// The title to show: translated, or English.
  public func title(_ entry: CatalogEntry) -> String { translatedTitle(entry) ?? entry.title }

  public func summary(_ entry: CatalogEntry) -> String {
    translatedSummary(entry) ?? entry.summary
  }

  /// Whether the entry's title and summary show in English although another language is chosen.
  public func isUntranslated(_ entry: CatalogEntry) -> Bool {
    !isEnglish
      && (catalogTexts[entry.code]?.title == nil || catalogTexts[entry.code]?.summary == nil)
  }
}
