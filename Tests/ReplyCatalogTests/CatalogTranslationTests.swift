import CatalogGenCore
import ReplyCatalog
import Testing

/// Titles and summaries in other languages (`Catalog/translations/LANG.toml`): checked at build
/// time against the catalog, and complete for Hindi.
@Suite struct CatalogTranslationTests {
  static func generate(_ translation: String) -> CatalogGeneration {
    generateCatalog(
      [("basic-test.toml", CatalogGenTests.entry())], translations: [("hi", translation)])
  }

  @Test func aTranslationCompilesIn() throws {
    guard
      case .swift(let swift) = Self.generate(
        "[\"421\"]\ntitle = \"सेवा उपलब्ध नहीं\"\nsummary = \"बंद।\"\n")
    else {
      Issue.record("a valid translation was refused")
      return
    }
    #expect(swift.contains("\"421\": LocalizedText(title: \"सेवा उपलब्ध नहीं\", summary: \"बंद।\")"))
    #expect(swift.contains("builtInTranslatedLanguages: [String] = [\"hi\"]"))
  }

  @Test(arguments: [
    (
      "[\"999\"]\ntitle = \"क\"\nsummary = \"ख\"\n",
      "translations/hi.toml: 999: code is not in the catalog"
    ),
    ("[\"421\"]\ntitle = \"क\"\n", "translations/hi.toml: 421: missing 'summary'"),
    (
      "[\"421\"]\ntitle = \"क\"\nsummary = \"ख\"\nnotes = \"ग\"\n",
      "translations/hi.toml: 421: unknown key 'notes'"
    ),
    (
      "title = \"क\"\n",
      "translations/hi.toml: title: must be a table ([\"title\"] with title and summary)"
    ),
  ])
  func aWrongTranslationFailsTheBuild(text: String, problem: String) {
    guard case .problems(let problems) = Self.generate(text) else {
      Issue.record("accepted: \(text)")
      return
    }
    #expect(problems == [problem])
  }

  /// Every catalog entry has its Hindi title and summary.
  @Test func hindiCoversEveryEntry() {
    #expect(Catalog.translatedLanguages.contains("hi"))
    let hindi = Catalog.translations("hi")
    let missing = Catalog.builtIn.entries.map(\.code).filter {
      hindi[$0]?.title?.isEmpty != false || hindi[$0]?.summary?.isEmpty != false
    }
    #expect(missing.isEmpty, "no Hindi title or summary for \(missing.joined(separator: ", "))")
  }
}
