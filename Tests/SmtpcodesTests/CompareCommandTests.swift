import Foundation
import Testing

@Suite struct CompareDiffCommandTests {
  /// The segments of one side as (text, same) pairs, checking their JSON types on the way.
  func segments(_ field: [String: Any], _ side: String) throws -> [(text: String, same: Bool)] {
    let sides = try #require(field["segments"] as? [String: Any], "\(field["name"] ?? "")")
    let list = try #require(sides[side] as? [[String: Any]], "\(field["name"] ?? "") \(side)")
    return try list.map {
      (try #require($0["text"] as? String), try #require($0["same"] as? Bool))
    }
  }

  @Test func jsonSegmentsRebuildEveryFieldOf450And550() throws {
    let run = try Run.smtpcodes("compare", "450", "550", "--json")
    #expect(run.status == 0)
    let object = try #require(try run.json() as? [String: Any])
    let fields = try #require(object["fields"] as? [[String: Any]])
    #expect(fields.first?["name"] as? String == "Code")
    for field in fields {
      let name = try #require(field["name"] as? String)
      let same = try #require(field["same"] as? Bool)
      for side in ["left", "right"] {
        let value = try #require(field[side] as? String)
        let parts = try segments(field, side)
        #expect(parts.map(\.text).joined() == value, "\(name) \(side)")
        if same { #expect(parts.allSatisfy { $0.same }, "\(name) \(side)") }
      }
    }
    let retry = try #require(fields.first { $0["name"] as? String == "Retry" })
    let left = try segments(retry, "left")
    let right = try segments(retry, "right")
    #expect(left.contains { $0.same && $0.text.contains("retry") })
    #expect(right.contains { $0.same && $0.text.contains("retry") })
    #expect(left.contains { !$0.same && $0.text.contains("later") })
    #expect(right.contains { !$0.same && $0.text.contains("not") })
    #expect(!left.contains { $0.same && $0.text.contains("later") })

    let sentences = try #require(object["keyDifferences"] as? [String])
    let names = try #require(object["keyDifferenceFields"] as? [String])
    #expect(names.count == sentences.count)
    #expect(names.allSatisfy { name in fields.contains { $0["name"] as? String == name } })
  }

  @Test(arguments: [["421", "421"], ["5.7.26", "5.7.26"], ["421", "421", "--json"]])
  func theSameCodeTwiceIsOneLineAndExitTwo(_ arguments: [String]) throws {
    let run = try Run.smtpcodes(arguments: ["compare"] + arguments)
    #expect(run.status == 2, "\(arguments)")
    #expect(run.stderr.contains("\(arguments[0]) twice"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test func oneEnhancedCodeInTwoClassesCompares() throws {
    let run = try Run.smtpcodes("compare", "4.7.26", "5.7.26", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try run.json() as? [String: Any])
    let fields = try #require(object["fields"] as? [[String: Any]])
    let severity = try #require(fields.first { $0["name"] as? String == "Severity" })
    #expect(severity["same"] as? Bool == false)
    #expect(fields.contains { $0["name"] as? String == "Who must act" })
  }
}
