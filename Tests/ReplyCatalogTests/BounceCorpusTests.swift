import Foundation
import Testing

@testable import ReplyCatalog

/// The real bounces Debian's python3-flufl.bounce ships (about a hundred: Postfix, Exim, qmail,
/// sendmail, Exchange, GroupWise, Yahoo, DSNs, …), against the addresses its own tests expect.
/// The files are read where the package installs them; they are not copied into the repository.
@Suite struct BounceCorpusTests {
  static let packageRoot = "/usr/lib/python3/dist-packages/flufl/bounce"
  static let dataDirectory = packageRoot + "/tests/data"
  static let helpers = packageRoot + "/testing/helpers.py"

  /// Under CI (CI=true) a missing corpus is a failure, never a silent skip.
  static var corpusMissing: Bool {
    !FileManager.default.fileExists(atPath: helpers)
      || !FileManager.default.fileExists(atPath: dataDirectory)
  }

  static func checkCorpus() -> Bool {
    guard corpusMissing else { return true }
    let message =
      "the flufl.bounce corpus is missing (\(dataDirectory)); install it: apt-get install python3-flufl.bounce"
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      Issue.record(Comment(rawValue: message))
    } else {
      print("note: \(message)")
    }
    return false
  }

  /// helpers.py's DATA: (detector, file, [addresses], temporary?) tuples. A file listed twice
  /// (groupwise_02.txt: one detector finds nothing, another the address) expects the union.
  static func expectations() throws -> [String: Set<String>] {
    let source = try String(contentsOfFile: helpers, encoding: .utf8)
    guard let start = source.range(of: "DATA = (") else { return [:] }
    let data = String(source[start.upperBound...])
    let entry = try Regex(#"\(\s*'(\w+)',\s*'([\w.]+)',\s*\[([^\]]*)\]"#)
    let address = try Regex(#"b'([^']*)'"#)
    var expected: [String: Set<String>] = [:]
    for match in data.matches(of: entry) {
      let file = String(match.output[2].substring ?? "")
      let list = String(match.output[3].substring ?? "")
      let addresses = list.matches(of: address).map {
        String($0.output[1].substring ?? "").lowercased()
      }
      expected[file, default: []].formUnion(addresses)
    }
    return expected
  }

  static func undelivered(_ file: String) throws -> Set<String> {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dataDirectory + "/" + file)))
    let report = Catalog.builtIn.explainMessage(bytes: bytes)
    return Set(report?.undelivered.map { $0.recipient.lowercased() } ?? [])
  }

  @Test func atLeast95PercentOfTheBouncesYieldExactlyTheExpectedAddresses() throws {
    guard Self.checkCorpus() else { return }
    let expected = try Self.expectations()
    let bounces = expected.filter { !$0.value.isEmpty }
    #expect(bounces.count >= 100, "helpers.py should list about a hundred bounces")
    var misses: [String] = []
    for (file, addresses) in bounces.sorted(by: { $0.key < $1.key }) {
      let found = try Self.undelivered(file)
      if found != addresses {
        misses.append("\(file): expected \(addresses.sorted()), found \(found.sorted())")
      }
    }
    let rate = Double(bounces.count - misses.count) / Double(bounces.count)
    print(
      "flufl.bounce corpus: \(bounces.count - misses.count)/\(bounces.count) exact (\(Int(rate * 1000) / 10)%)"
    )
    for miss in misses { print("  miss: \(miss)") }
    #expect(rate >= 0.95, "\(misses.joined(separator: "\n"))")
  }

  /// The messages for which helpers.py expects no address. simple_42.txt is left out: it is a
  /// real Exim DSN whose Final-Recipient is an obfuscated address ("david...@gmail.com"); the
  /// flufl detector it is listed for does not read DSNs, so its empty list says nothing here.
  @Test func messagesThatAreNotBouncesYieldNoRecipient() throws {
    guard Self.checkCorpus() else { return }
    let empty = try Self.expectations().filter { $0.value.isEmpty }.map(\.key)
      .filter { $0 != "simple_42.txt" }
    #expect(empty.count >= 3)
    for file in empty {
      #expect(try Self.undelivered(file).isEmpty, "\(file)")
    }
  }

  /// Every message of the corpus parses without trouble, and its reason never comes from a
  /// header: explaining each recipient's diagnostic alone gives the same reason.
  @Test func reasonsComeFromTheRecipientsOwnText() throws {
    guard Self.checkCorpus() else { return }
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.dataDirectory)
      .filter { $0.hasSuffix(".txt") }
    #expect(files.count >= 100)
    for file in files {
      let bytes = try [UInt8](
        Data(contentsOf: URL(fileURLWithPath: Self.dataDirectory + "/" + file)))
      guard let report = Catalog.builtIn.explainMessage(bytes: bytes) else { continue }
      for recipient in report.recipients where recipient.explanation.reasonSource == .text {
        let alone = Catalog.builtIn.explain(recipient.diagnostic)
        #expect(alone.reason == recipient.explanation.reason, "\(file) \(recipient.recipient)")
      }
    }
  }
}
