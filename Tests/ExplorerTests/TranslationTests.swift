import Explorer
import Foundation
import ReplyCatalog
import Testing
import TextLayout
import TranslationGenCore

/// The interface translations: complete and consistent with en.toml (the same check the build
/// runs), the checker itself, choosing a language, and Hindi laid out at every width.
@Suite struct TranslationTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/Explorer/Translations")

  static func files() throws -> [(language: String, text: String)] {
    try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "toml" }
      .map {
        ($0.deletingPathExtension().lastPathComponent, try String(contentsOf: $0, encoding: .utf8))
      }
  }

  static func problems(_ files: [(language: String, text: String)]) -> [String] {
    if case .problems(let problems) = generateInterfaceTranslations(files) { return problems }
    return []
  }

  /// Every language file has exactly en.toml's keys and placeholders.
  @Test func everyLanguageIsComplete() throws {
    let files = try Self.files()
    #expect(files.contains { $0.language == "en" } && files.contains { $0.language == "hi" })
    #expect(Self.problems(files) == [])
    // And each is compiled in, offered, with every text non-empty.
    for (language, _) in files {
      let strings = try #require(Strings(language: language))
      #expect(Strings.languages.contains(language))
      #expect(!strings.languageName.isEmpty && !strings.helpQuit.isEmpty)
    }
    #expect(Strings.languages.first == "en")
    #expect(Strings(language: "xx") == nil)
  }

  static let english = """
    plain = "Keys"
    marked = "Marked %1$@."
    count = "%1$d of %2$d codes"
    spaced = " (from the text)"
    """

  @Test(arguments: [
    // A key missing, a key en lacks, a placeholder dropped, one changed in type, one renumbered,
    // a stray %, a leading space lost.
    (
      "marked = \"%1$@ चिह्नित\"\ncount = \"%2$d में से %1$d\"\nspaced = \" (x)\"",
      "hi.toml: plain: missing (en.toml has it)"
    ),
    (
      "plain = \"a\"\nmarked = \"%1$@\"\ncount = \"%1$d %2$d\"\nspaced = \" x\"\nextra = \"b\"",
      "hi.toml: extra: not a key of en.toml"
    ),
    (
      "plain = \"a\"\nmarked = \"चिह्नित\"\ncount = \"%1$d %2$d\"\nspaced = \" x\"",
      "hi.toml: marked: placeholders are [], en.toml has [%1$@]"
    ),
    (
      "plain = \"a\"\nmarked = \"%1$d\"\ncount = \"%1$d %2$d\"\nspaced = \" x\"",
      "hi.toml: marked: placeholders are [%1$d], en.toml has [%1$@]"
    ),
    (
      "plain = \"a\"\nmarked = \"%1$@\"\ncount = \"%1$d %3$d\"\nspaced = \" x\"",
      "hi.toml: count: placeholders are [%1$d %3$d], en.toml has [%1$d %2$d]"
    ),
    (
      "plain = \"100%\"\nmarked = \"%1$@\"\ncount = \"%1$d %2$d\"\nspaced = \" x\"",
      "hi.toml: plain: '%' is not a placeholder; write %1$@, %1$d or %% for a %"
    ),
    (
      "plain = \"a\"\nmarked = \"%1$@\"\ncount = \"%1$d %2$d\"\nspaced = \"x\"",
      "hi.toml: spaced: keep the leading and trailing spaces of en.toml's text"
    ),
  ])
  func checkerCatchesEveryKindOfMistake(hindi: String, problem: String) {
    let problems = Self.problems([("en", Self.english), ("hi", hindi)])
    #expect(problems == [problem])
  }

  @Test func checkerAcceptsReorderedPlaceholdersAndPercentSigns() {
    let hindi = """
      plain = "100%% कुंजियाँ"
      marked = "%1$@ चिह्नित किया।"
      count = "%2$d में से %1$d कोड"
      spaced = " (टेक्स्ट से)"
      """
    #expect(Self.problems([("en", Self.english), ("hi", hindi)]) == [])
    #expect(
      Self.problems([("en", Self.english), ("Hindi", hindi)]) == [
        "Hindi.toml: the file name must be a language code such as hi, pt-BR or zh-Hans"
      ])
    #expect(Self.problems([("hi", hindi)]).last?.hasPrefix("en.toml: missing") == true)
  }

  @Test func placeholdersAreFilledInTheTranslationsOrder() throws {
    let hindi = try #require(Strings(language: "hi"))
    #expect(hindi.codesCount(3, 7) == "7 में से 3 कोड")
    #expect(hindi.codesCount(7, 7) == "7 कोड")
    #expect(Strings.english.codesCount(3, 7) == "3 of 7 codes")
    #expect(hindi.lastDifference(4) == "आख़िरी अंतर (4 में से 4); N पीछे ले जाता है।")
    #expect(Strings.english.scanSummary(1, 2, 1) == "1 reply in 2 lines; 1 group")
    #expect(hindi.scanSummary(5, 120, 3) == "120 पंक्तियों में 5 उत्तर; 3 समूह")
    #expect(hindi.keyControl(Character("c")) == "Ctrl-C")
  }

  @Test(arguments: [
    ("hi", "hi"), ("hi_IN.UTF-8", "hi"), ("hi_IN", "hi"), ("pt_BR", "pt-BR"),
    ("pt_BR.UTF-8", "pt-BR"), ("pt-br", "pt-BR"), ("pt_PT", "pt-BR"), ("zh_CN.UTF-8", "zh-Hans"),
    ("zh-Hans", "zh-Hans"), ("zh_SG", "zh-Hans"), ("ja_JP.UTF-8", "ja"), ("de_DE@euro", "de"),
    ("C", "en"), ("POSIX", "en"), ("C.UTF-8", "en"), ("en_US.UTF-8", "en"), ("en_GB", "en"),
  ])
  func localeNamesMapToLanguages(name: String, code: String) {
    let offered = ["en", "hi", "es", "de", "fr", "pt-BR", "ja", "zh-Hans"]
    #expect(Language.code(for: name, offered: offered) == code)
  }

  @Test func unknownOrUnofferedLanguagesMapToNothing() {
    let offered = ["en", "hi"]
    for name in ["fr_FR.UTF-8", "zh_TW", "zh_HK.UTF-8", "klingon", "", "pt_BR"] {
      #expect(Language.code(for: name, offered: offered) == nil, "\(name)")
    }
  }

  @Test func optionThenVariablesInOrder() throws {
    let offered = ["en", "hi", "ja"]
    func choose(_ option: String?, _ environment: [String: String]) -> String? {
      try? Language.choose(option: option, environment: { environment[$0] }, offered: offered)
        .get().code
    }
    let all = [
      "SMTPCODES_LANG": "ja", "LC_ALL": "hi_IN.UTF-8", "LC_MESSAGES": "C", "LANG": "en_US.UTF-8",
    ]
    #expect(choose("hi", all) == "hi")
    #expect(choose(nil, all) == "ja")
    #expect(choose(nil, all.filter { $0.key != "SMTPCODES_LANG" }) == "hi")
    #expect(choose(nil, ["LC_ALL": "", "LC_MESSAGES": "ja_JP", "LANG": "hi_IN"]) == "ja")
    #expect(choose(nil, ["LANG": "hi_IN.UTF-8"]) == "hi")
    #expect(choose(nil, ["LC_ALL": "C", "LANG": "hi_IN.UTF-8"]) == "en")
    #expect(choose(nil, ["LANG": "fr_FR.UTF-8"]) == "en")
    #expect(choose(nil, [:]) == "en")
    let unknown = Language.choose(option: "xx", environment: { _ in nil }, offered: offered)
    #expect(throws: Language.UnknownLanguage(given: "xx")) { try unknown.get() }
  }

  /// The Hindi detail page of every catalog entry: Hindi headings and labels, and no line wider
  /// than the page at 40, 80 and 120 columns.
  @Test(arguments: [40, 80, 120])
  func hindiDetailPagesFit(width: Int) throws {
    let hindi = try #require(Strings(language: "hi"))
    for entry in Catalog.builtIn.entries {
      let lines = DetailView(entry: entry, width: width, strings: hindi).lines
      for line in lines {
        // A URL or a word longer than the page may stand alone on its line.
        let text = line.map(\.text).joined()
        #expect(
          lineWidth(line) <= width || !text.trimmingCharacters(in: .whitespaces).contains(" "),
          "\(entry.code) at \(width): \(text)")
      }
    }
    let page = DetailView(entry: Catalog.builtIn.entry("421")!, width: 80, strings: hindi)
      .lines.map { $0.map(\.text).joined() }
    for heading in ["विवरण", "जब आप इसे देखें", "कैसे ठीक करें", "सारांश"] {
      #expect(page.contains(heading), "\(heading)")
    }
    #expect(page.contains { $0.hasPrefix("गंभीरता") && $0.hasSuffix("अस्थायी") })
  }

  @Test(arguments: [40, 80, 120])
  func hindiComparisonAndHelpFit(width: Int) throws {
    let hindi = try #require(Strings(language: "hi"))
    let comparison = Catalog.builtIn.compare(
      CodeReference(entry: Catalog.builtIn.entry("421")!),
      CodeReference(entry: Catalog.builtIn.entry("556")!))
    for differencesOnly in [false, true] {
      let view = CompareView(
        comparison: comparison, width: width, differencesOnly: differencesOnly, strings: hindi)
      for line in view.allLines {
        let text = line.map(\.text).joined()
        #expect(lineWidth(line) <= width || !text.contains(" "), "\(width): \(text)")
      }
      let text = view.allLines.map { $0.map(\.text).joined() }.joined(separator: "\n")
      #expect(text.contains("मुख्य अंतर") && text.contains("कब किसका उपयोग करें"))
      #expect(text.contains("गंभीरता") && text.contains("स्थायी"))
    }
    // The row names are measured in Hindi: side by side, every divider is in one column.
    if width >= 80 {
      let view = CompareView(
        comparison: comparison, width: width, differencesOnly: false, strings: hindi)
      let dividers = Set(
        view.allLines.compactMap { line -> Int? in
          var used = 0
          for span in line {
            if span.text == " │ " { return used }
            used += displayWidth(span.text)
          }
          return nil
        })
      #expect(dividers.count == 1)
    }
    let help = HelpView(strings: hindi)
    #expect(
      help.groups.map(\.title) == ["चलना", "फ़िल्टर, खोज, व्याख्या", "लिंक और कॉपी", "तुलना", "सामान्य"])
    for line in help.lines(width: width, height: 30) {
      #expect(lineWidth(line) <= max(width, help.lines.map(lineWidth).max() ?? 0))
    }
  }

  /// A title without a translation shows in English, marked once, never as a key.
  @Test func untranslatedTitlesAreEnglishAndMarkedOnce() {
    let hindi = Fixture.hindi
    let family = Fixture.catalog.entry("5.X.X")!
    #expect(hindi.isUntranslated(family) && !hindi.isUntranslated(Fixture.catalog.entry("421")!))
    let page = DetailView(entry: family, width: 80, strings: hindi).lines
      .map { $0.map(\.text).joined() }
    #expect(page[0].contains("Permanent Failure (अंग्रेज़ी)"))
    #expect(page.filter { $0.contains("(अंग्रेज़ी)") }.count == 1)
    let listing = ListingView(
      entries: Fixture.catalog.entries + [family], width: 80, summaries: true, strings: hindi
    ).lines.map { $0.map(\.text).joined() }.joined(separator: "\n")
    #expect(listing.components(separatedBy: "(अंग्रेज़ी)").count == 2)
    #expect(listing.contains("डोमेन मेल स्वीकार नहीं करता"))
    // English never marks anything.
    let english = DetailView(entry: family, width: 80, strings: .english).lines
    #expect(!english.flatMap { $0 }.contains { $0.text.contains("(English)") })
  }
}
