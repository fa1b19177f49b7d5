import Foundation
import Testing

/// The binary in Hindi: chosen by --lang or the locale variables, text in Hindi, JSON in English
/// with a `localized` object added, exit codes unchanged.
@Suite struct LanguageCommandTests {
  @Test func showInHindi() throws {
    let run = try Run.smtpcodes("show", "421", "--lang", "hi")
    #expect(run.status == 0)
    for text in [
      "सेवा उपलब्ध नहीं", "विवरण", "जब आप इसे देखें", "कैसे ठीक करें", "गंभीरता", "अस्थायी",
    ] {
      #expect(run.stdout.contains(text), "\(text)")
    }
    #expect(!run.stdout.contains("WHAT IT MEANS"))
  }

  @Test func compareInHindiFromLang() throws {
    let run = try Run.smtpcodes("compare", "421", "556", environment: ["LANG": "hi_IN.UTF-8"])
    #expect(run.status == 0)
    for text in ["मुख्य अंतर", "कब किसका उपयोग करें", "गंभीरता", "पुनः प्रयास", "कौन कार्रवाई करे"] {
      #expect(run.stdout.contains(text), "\(text)")
    }
  }

  @Test(arguments: [
    ["LANG": "C"], ["LANG": "en_US.UTF-8"], ["LANG": "POSIX"], ["LANG": "ko_KR.UTF-8"],
    ["LANG": "hi_IN.UTF-8", "LC_ALL": "C"], ["LANG": "hi_IN.UTF-8", "LC_MESSAGES": "en_GB"],
    ["LANG": "hi_IN.UTF-8", "SMTPCODES_LANG": "en"],
  ])
  func englishLocalesShowEnglish(environment: [String: String]) throws {
    let run = try Run.smtpcodes("show", "421", environment: environment)
    #expect(run.stdout.contains("WHAT IT MEANS") && run.stdout.contains("HOW TO FIX"))
    #expect(!run.stdout.contains("विवरण"))
  }

  @Test func optionBeatsTheVariables() throws {
    let hindi = try Run.smtpcodes(
      "show", "421", "--lang=hi", environment: ["SMTPCODES_LANG": "en", "LC_ALL": "C"])
    #expect(hindi.stdout.contains("विवरण"))
    let english = try Run.smtpcodes(
      "show", "421", "--lang", "en", environment: ["SMTPCODES_LANG": "hi"])
    #expect(english.stdout.contains("WHAT IT MEANS"))
    let variable = try Run.smtpcodes("list", environment: ["SMTPCODES_LANG": "hi", "LANG": "C"])
    #expect(variable.stdout.contains("सेवा उपलब्ध नहीं"))
  }

  @Test func unknownLanguageIsOneLineAndExit2() throws {
    for arguments in [
      ["show", "421", "--lang", "xx"], ["--lang", "klingon"], ["list", "--lang"],
    ] {
      let run = try Run.smtpcodes(arguments: arguments)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.stdout.isEmpty)
      let lines = run.stderr.split(separator: "\n")
      #expect(lines.count == 1)
      #expect(
        lines.first?.contains("use one of: en, de, es, fr, hi, ja, pt-BR, zh-Hans") == true,
        "\(run.stderr)")
    }
  }

  /// A wrong SMTPCODES_LANG is a warning, and the tool goes on in English.
  @Test func unknownVariableWarnsAndGoesOnInEnglish() throws {
    let run = try Run.smtpcodes("show", "421", environment: ["SMTPCODES_LANG": "xx"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("WHAT IT MEANS"))
    #expect(
      run.stderr
        == "smtpcodes: unknown language 'xx'; use one of: \(Self.languages) (from SMTPCODES_LANG)\n"
    )
  }

  static var languages: String {
    (try? Run.smtpcodes("--lang", "?").stderr.components(separatedBy: "use one of: ").last?
      .trimmingCharacters(in: .newlines)) ?? ""
  }

  /// Removes every "localized" member, at any depth.
  static func stripped(_ value: Any) -> Any {
    if let object = value as? [String: Any] {
      return object.filter { $0.key != "localized" }.mapValues(stripped)
    }
    if let array = value as? [Any] { return array.map(stripped) }
    return value
  }

  @Test(arguments: [
    ["show", "421", "--json"], ["show", "550 5.1.1", "--json"],
    ["compare", "421", "556", "--json"],
    ["list", "--json"], ["search", "mailbox", "--json"],
    ["explain", "421 4.7.0 Try again later", "--json"],
  ])
  func jsonIsTheSameInEveryLanguageButLocalized(arguments: [String]) throws {
    let english = try Run.smtpcodes(arguments: arguments)
    let hindi = try Run.smtpcodes(arguments: arguments + ["--lang", "hi"])
    #expect(english.status == hindi.status)
    func canonical(_ run: Run) throws -> Data {
      try JSONSerialization.data(
        withJSONObject: Self.stripped(try run.json()), options: .sortedKeys)
    }
    #expect(try canonical(english) == canonical(hindi), "\(arguments)")
    #expect(!english.stdout.contains("\"localized\""))
    if arguments.first == "show" || arguments.first == "compare" {
      #expect(hindi.stdout.contains("\"localized\""))
      #expect(hindi.stdout.contains("\"lang\": \"hi\""))
    }
  }

  @Test func exitCodesDoNotChange() throws {
    for arguments in [
      ["show", "999"], ["search", "zzzzqqq"], ["show", "5.9.99"], ["show", "abc"],
    ] {
      let english = try Run.smtpcodes(arguments: arguments)
      let hindi = try Run.smtpcodes(arguments: arguments + ["--lang", "hi"])
      #expect(english.status == hindi.status && english.status != 0, "\(arguments)")
      #expect(hindi.stderr.split(separator: "\n").count == 1)
    }
    let unknown = try Run.smtpcodes("show", "999", "--lang", "hi")
    #expect(unknown.stderr.contains("कोई ज्ञात उत्तर कोड नहीं है"))
  }
}
