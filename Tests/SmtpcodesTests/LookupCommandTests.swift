import Foundation
import Testing

@Suite struct ShowCommandTests {
  @Test func showsEverySectionOfACode() throws {
    let run = try Run.smtpcodes("show", "421")
    #expect(run.status == 0)
    for section in [
      "421", "Service not available", "Retry", "Who must act", "WHAT IT MEANS", "HOW TO FIX",
      "REAL SERVER TEXTS",
    ] {
      #expect(run.stdout.contains(section), "missing \(section)")
    }
    #expect(run.stderr.isEmpty)
  }

  @Test func showsABasicAndAnEnhancedCodeTogether() throws {
    let run = try Run.smtpcodes("show", "550 5.1.1")
    #expect(run.status == 0)
    #expect(run.stdout.contains("550  Requested action not taken"))
    #expect(run.stdout.contains("5.1.1  Bad destination mailbox address"))
    #expect(run.stdout.contains("5.X.X Permanent Failure"))
  }

  /// On a terminal (a pty made by `script`) output is coloured unless NO_COLOR is set; piped
  /// output never is.
  @Test func colourOnATerminalOnlyAndNeverWithNoColor() throws {
    let binary = Run.binary.path
    func onTerminal(_ environment: String) throws -> String {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
      process.arguments = ["-qec", "env \(environment) TERM=xterm \(binary) show 421", "/dev/null"]
      let out = Pipe()
      process.standardOutput = out
      process.standardInput = FileHandle.nullDevice
      try process.run()
      let data = out.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    let coloured = try onTerminal("-u NO_COLOR")
    #expect(coloured.contains("421"))
    #expect(coloured.contains("\u{1B}["))
    let plain = try onTerminal("NO_COLOR=1")
    #expect(plain.contains("421"))
    #expect(!plain.contains("\u{1B}["))
    #expect(!(try Run.smtpcodes("show", "421").stdout.contains("\u{1B}[")))
  }

  @Test func textIsWrappedToTheWidth() throws {
    let run = try Run.smtpcodes("show", "550", environment: ["COLUMNS": "60"])
    let widest = run.stdout.split(separator: "\n").map(\.count).max() ?? 0
    #expect(widest <= 60)
  }

  @Test func jsonHasEverySection() throws {
    let run = try Run.smtpcodes("show", "--json", "550 5.1.1")
    #expect(run.status == 0)
    let objects = try #require(try run.json() as? [[String: Any]])
    #expect(objects.count == 2)
    #expect(objects[0]["code"] as? String == "550")
    #expect(objects[0]["kind"] as? String == "basic")
    #expect(objects[0]["severity"] as? String == "permanent")
    let enhanced = objects[1]
    #expect(enhanced["code"] as? String == "X.1.1")
    #expect(enhanced["written"] as? String == "5.1.1")
    #expect(enhanced["classes"] as? [Int] == [4, 5])
    for key in [
      "title", "summary", "description", "whenYouSeeIt", "howToFix", "retry", "retryNote",
      "whoMustAct", "stages", "references", "related", "serverTexts", "origin", "classLabel",
    ] {
      #expect(enhanced[key] != nil, "missing \(key)")
    }
  }
}

@Suite struct ListCommandTests {
  @Test func listsTheWholeCatalogAsJSON() throws {
    let run = try Run.smtpcodes("list", "--json")
    #expect(run.status == 0)
    let objects = try #require(try run.json() as? [[String: Any]])
    #expect(objects.count > 140)
    let basic = try #require(objects.first { $0["code"] as? String == "421" })
    #expect(basic["kind"] as? String == "basic")
    #expect(basic["severity"] as? String == "transient")
    #expect(basic["title"] is String)
    let enhanced = try #require(objects.first { $0["code"] as? String == "X.1.1" })
    #expect(enhanced["kind"] as? String == "enhanced")
    #expect(enhanced["classes"] as? [Int] == [4, 5])
  }

  @Test func filtersByClassAndKind() throws {
    let objects = try #require(
      try Run.smtpcodes("list", "--json", "--class", "4", "--kind", "basic").json()
        as? [[String: Any]])
    #expect(!objects.isEmpty)
    #expect(objects.allSatisfy { ($0["code"] as? String)?.hasPrefix("4") == true })
    let enhanced = try #require(
      try Run.smtpcodes("list", "--json", "--class", "2", "--kind", "enhanced").json()
        as? [[String: Any]])
    #expect(enhanced.allSatisfy { ($0["classes"] as? [Int])?.contains(2) == true })
    #expect(enhanced.contains { $0["code"] as? String == "X.1.5" })
  }

  @Test func noArgumentsWithoutATerminalPrintsThePlainList() throws {
    let run = try Run.smtpcodes()
    #expect(run.status == 0)
    #expect(run.stdout.split(separator: "\n").count > 140)
    #expect(run.stdout.hasPrefix("211"))
  }
}

@Suite struct CompareCommandTests {
  @Test func comparesFieldByField() throws {
    let run = try Run.smtpcodes("compare", "421", "556")
    #expect(run.status == 0)
    #expect(run.stdout.contains("≠"))
    #expect(run.stdout.contains("="))
    #expect(run.stdout.contains("KEY DIFFERENCES"))
    #expect(run.stdout.contains("WHEN TO USE WHICH"))
  }

  @Test func jsonHasTheDocumentedShape() throws {
    let run = try Run.smtpcodes("compare", "--json", "452", "552")
    #expect(run.status == 0)
    let object = try #require(try run.json() as? [String: Any])
    #expect((object["left"] as? [String: Any])?["code"] as? String == "452")
    #expect((object["right"] as? [String: Any])?["code"] as? String == "552")
    let fields = try #require(object["fields"] as? [[String: Any]])
    #expect(fields.count > 10)
    for field in fields {
      #expect(field["name"] is String && field["left"] is String && field["right"] is String)
      #expect(field["same"] is Bool)
    }
    #expect((object["keyDifferences"] as? [String])?.isEmpty == false)
    #expect(object["whenToUseWhich"] is String)
    #expect((object["notes"] as? [String])?.isEmpty == false)
  }
}

@Suite struct SearchCommandTests {
  @Test func anExactCodeComesFirst() throws {
    let objects = try #require(
      try Run.smtpcodes("search", "--json", "5.1.1").json() as? [[String: Any]])
    #expect(objects.first?["code"] as? String == "X.1.1")
  }

  @Test func findsWordsWithTypos() throws {
    let run = try Run.smtpcodes("search", "mailbox", "ful")
    #expect(run.status == 0)
    #expect(run.stdout.contains("X.2.2"))
  }

  @Test func nothingFoundExitsOne() throws {
    let run = try Run.smtpcodes("search", "qqqqzzzz")
    #expect(run.status == 1)
    #expect(run.stderr.contains("nothing found"))
  }
}

@Suite struct ErrorPaths {
  @Test(arguments: [
    (["show", "599"], "599 is not a known reply code"),
    (["show", "5.7.606"], "'smtpcodes explain 5.7.606' explains it"),
    (["show", "abc"], "'abc' is not a reply code; expected"),
    (["show", "5.7.606"], "not in the IANA enhanced status code registry"),
    (["show"], "give a code to show"),
    (["compare", "421"], "Missing expected argument"),
    (["compare", "421", "nope"], "'nope' is not a reply code"),
    (["list", "--class", "7"], "--class must be 2, 3, 4 or 5"),
    (["list", "--kind", "fancy"], "fancy"),
    (["search"], "give words to search for"),
    (["frobnicate"], "Unexpected argument 'frobnicate'"),
    (["show", "--bogus", "421"], "Unknown option '--bogus'"),
  ])
  func badInputIsOneLineAndExitTwo(_ arguments: [String], _ message: String) throws {
    let run = try Run.smtpcodes(arguments: arguments)
    #expect(run.status == 2, "\(arguments)")
    #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test func helpAndVersionSucceed() throws {
    let help = try Run.smtpcodes("--help")
    #expect(help.status == 0 && help.stdout.contains("SUBCOMMANDS"))
    let version = try Run.smtpcodes("--version")
    #expect(version.status == 0 && version.stdout.hasPrefix("smtpcodes "))
  }
}
