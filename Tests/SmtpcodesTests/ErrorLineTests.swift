import Foundation
import Testing

/// Usage mistakes get one line naming what was wrong and what is accepted, and exit 2.
@Suite struct ErrorLineTests {
  func expectUsageError(_ arguments: [String], _ expected: String) throws {
    let run = try Run.smtpcodes(arguments: arguments)
    let shown = arguments.joined(separator: " ")
    #expect(run.status == 2, "\(shown)")
    #expect(run.stdout.isEmpty, "\(shown)")
    #expect(run.stderr.hasPrefix("smtpcodes: " + expected), "\(shown): \(run.stderr)")
    #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(shown): not one line")
  }

  @Test func negativeNumbersAreValuesNotMissingOnes() throws {
    try expectUsageError(["scan", "--limit", "-1"], "--limit must be 1 or more, not -1")
    try expectUsageError(
      ["search", "--limit", "-5", "mailbox"], "--limit must be 1 or more, not -5")
    try expectUsageError(["list", "--class", "-2"], "--class must be 2, 3, 4 or 5, not -2")
    try expectUsageError(["show", "-1"], "'-1' is not a reply code; expected a basic code (421)")
    try expectUsageError(["show", "421", "-1", "--json"], "'-1' is not a reply code")
    try expectUsageError(["tui", "--code", "-1"], "'-1' is not a reply code")
  }

  @Test func helpForAnUnknownCommandIsAnError() throws {
    try expectUsageError(
      ["help", "nothing"],
      "no command named 'nothing'; help takes one of show, compare, search, list, explain, scan, tui"
    )
    let known = try Run.smtpcodes("help", "show")
    #expect(known.status == 0)
    #expect(known.stdout.contains("Show everything about one or more codes."))
  }

  @Test func compareAsJSONWithTUIButPipedOutputIsJSON() throws {
    let run = try Run.smtpcodes("compare", "421", "556", "--json", "--tui")
    #expect(run.status == 0)
    let object = try #require(try run.json() as? [String: Any])
    #expect(object["fields"] != nil)
  }

  @Test func oversizedThemesAndCyclesSayWhatIsWrong() throws {
    let directory = NSTemporaryDirectory() + "smtpcodes-errors-" + UUID().uuidString.prefix(8)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let big = directory + "/big.toml"
    // One "#" comment line of ~980 KiB: under the limit, so it loads.
    try Data(repeating: 0x23, count: 1_000_000).write(to: URL(fileURLWithPath: big))
    #expect(try Run.smtpcodes("tui", "--theme", big).status == 0)
    try Data(repeating: 0x23, count: (1 << 20) + 1).write(to: URL(fileURLWithPath: big))
    try expectUsageError(
      ["tui", "--theme", big],
      "theme file '\(big)' is larger than 1 MiB, the limit for a theme file")

    try "inherits = \"b\"\n".write(toFile: directory + "/a.toml", atomically: true, encoding: .utf8)
    try "inherits = \"c\"\n".write(toFile: directory + "/b.toml", atomically: true, encoding: .utf8)
    try "inherits = \"a.toml\"\n".write(
      toFile: directory + "/c.toml", atomically: true, encoding: .utf8)
    let a = directory + "/a.toml"
    let b = directory + "/b.toml"
    let c = directory + "/c.toml"
    // Each hop once, however the inherited names are spelled.
    try expectUsageError(
      ["tui", "--theme", a], "theme '\(a)' inherits itself: \(a) → \(b) → \(c) → \(a);")
  }

  @Test func aClosedStdoutEndsQuietlyBySIGPIPE() throws {
    for arguments in [
      ["list"], ["show", "421", "550", "5.1.1"], ["explain", "550 5.1.1 unknown"],
    ] {
      var ends: [Int32] = [0, 0]
      #expect(pipe(&ends) == 0)
      close(ends[0])  // nobody will ever read: the first write gets EPIPE / SIGPIPE
      let process = Process()
      process.executableURL = Run.binary
      process.arguments = arguments
      let errors = Pipe()
      process.standardOutput = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
      process.standardError = errors
      process.standardInput = FileHandle.nullDevice
      try process.run()
      let message = errors.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      let shown = arguments.joined(separator: " ")
      #expect(process.terminationReason == .uncaughtSignal, "\(shown)")
      #expect(process.terminationStatus == SIGPIPE, "\(shown): status 128 + \(SIGPIPE) in a shell")
      #expect(message.isEmpty, "\(shown): \(String(decoding: message, as: UTF8.self))")
    }
  }
}
