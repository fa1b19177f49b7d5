import SettingsFile
import Testing

@Suite struct TOMLSubsetTests {
  @Test func readsTheSubset() throws {
    let document = try TOMLSubset.parse(
      #"""
      # a comment
      title = "a \"quoted\" \\ word\tand \u00E9"  # trailing comment
      literal = 'C:\path'
      on = true
      off = false
      count = 1_024
      words = [
        "one", # first
        'two',
      ]
      long = """
      first line
      second \
         joined"""

      [5.7.606]
      note = "dots stay in one name"
      ["quoted name"]
      "quoted key" = ''
      """#)
    let root = document.root
    #expect(root["title"]?.value == .string("a \"quoted\" \\ word\tand é"))
    #expect(root["literal"]?.value == .string(#"C:\path"#))
    #expect(root["on"]?.value == .bool(true))
    #expect(root["off"]?.value == .bool(false))
    #expect(root["count"]?.value == .integer(1024))
    #expect(root["words"]?.value == .strings(["one", "two"]))
    #expect(root["long"]?.value == .string("first line\nsecond joined"))
    #expect(root["long"]?.line == 11)
    #expect(document.tables.map(\.name) == ["5.7.606", "quoted name"])
    #expect(document.tables[0].line == 16)
    #expect(document.tables[1]["quoted key"]?.value == .string(""))
  }

  @Test(arguments: [
    ("a = \"open", 1, "not closed"),
    ("\n\nkey value", 3, "expected '='"),
    ("a = 1\na = 2", 2, "appears twice (first on line 1)"),
    ("[x]\n[x]", 2, "table [x] appears twice"),
    ("a = \"\\q\"", 1, "unknown escape"),
    ("a = bare", 1, "strings need quotes"),
    ("a = [1, 2]", 1, "strings only"),
    ("a.b = 1", 1, "dotted keys"),
    ("[[x]]", 1, "arrays of tables"),
    ("a = 1 b", 1, "unexpected text"),
    ("a = \"\"\"\nnever\nclosed", 1, "not closed"),
    ("a = [\"x\",\n\"y\"", 1, "not closed"),
  ])
  func errorsNameTheirLine(text: String, line: Int, message: String) {
    #expect(throws: TOMLError.self) { try TOMLSubset.parse(text) }
    do {
      _ = try TOMLSubset.parse(text)
    } catch {
      #expect(error.line == line, "\(text.debugDescription): \(error)")
      #expect(error.message.contains(message), "\(text.debugDescription): \(error)")
    }
  }
}

@Suite struct TeamNotesTests {
  let sample = """
    [421]
    note = "Our edge MTAs send 421 during deploys; check #mail-ops before paging."
    [5.7.606]
    note = "Microsoft banned our IP: request delisting at https://sender.office.com, then tell @deliverability."
    owner = "deliverability"
    """

  @Test func readsNotesByCode() throws {
    let notes = try TeamNotes.parse(sample)
    #expect(notes.note(for: "421")?.note.hasPrefix("Our edge MTAs") == true)
    #expect(notes.note(for: "421")?.owner == nil)
    #expect(notes.note(for: "5.7.606")?.owner == "deliverability")
    #expect(notes.note(for: "5.7.606")?.line == 3)
    #expect(notes.note(for: nil, "X.1.1", "421")?.code == "421")
    #expect(notes.note(for: "550") == nil)
  }

  @Test(arguments: [
    ("[421]\nowner = \"x\"", 1, "has no note"),
    ("[mail]\nnote = \"x\"", 1, "not a reply code"),
    ("note = \"x\"", 1, "outside a code table"),
    ("[421]\nnote = true", 2, "must be a string"),
    ("[421]\nnote = \"x\"\nseverity = \"y\"", 3, "unknown key"),
  ])
  func badNotesNameTheirLine(text: String, line: Int, message: String) {
    do {
      _ = try TeamNotes.parse(text)
      Issue.record("parsed: \(text)")
    } catch {
      #expect(error.line == line)
      #expect(error.message.contains(message), "\(error)")
    }
  }

  @Test func codes() {
    for code in ["421", "5.7.606", "X.1.1", "4.X.X", "X.7.X", "2.0.0"] {
      #expect(TeamNotes.isCode(code), "\(code)")
    }
    for text in ["42", "4211", "5.7", "5.7.6066", "55.1.1", "a.b.c", "", "5..1"] {
      #expect(!TeamNotes.isCode(text), "\(text)")
    }
  }

  @Test func theEditorOpensAtAnExistingEntryOrAnAppendedOne() throws {
    #expect(TeamNotes.entryLocation(for: "5.7.606", in: sample) == (3, nil))
    #expect(TeamNotes.entryLocation(for: "421", in: "# x\n[ \"421\" ]\n").line == 2)
    let added = TeamNotes.entryLocation(for: "550", in: sample)
    #expect(added.append == "\n\n[550]\nnote = \"\"\n")
    let grown = sample + added.append!
    #expect(
      grown.split(separator: "\n", omittingEmptySubsequences: false)[added.line - 1] == "[550]")
    // What was added parses, and the note it starts is empty until the user writes one.
    #expect(try TeamNotes.parse(grown).note(for: "550")?.note == "")
    let fresh = TeamNotes.entryLocation(for: "421", in: "")
    #expect(fresh.line == 1)
    #expect(fresh.append == "[421]\nnote = \"\"\n")
  }
}

@Suite struct ConfigFileTests {
  @Test func readsEveryKey() throws {
    let config = try ConfigFile.parse(
      """
      # smtpcodes
      theme = "light"
      language = "de"
      mouse = false
      notes = "~/team/notes.toml"
      """)
    #expect(config.theme?.value == "light")
    #expect(config.theme?.line == 2)
    #expect(config.language?.value == "de")
    #expect(config.mouse?.value == false)
    #expect(config.notes?.value == "~/team/notes.toml")
  }

  @Test(arguments: [
    ("colour = \"x\"", 1, "unknown key 'colour'"),
    ("\nmouse = \"yes\"", 2, "true or false"),
    ("theme = 3", 1, "must be a string"),
    ("[explorer]\nmouse = true", 1, "unknown table"),
    ("theme = \"\"", 1, "is empty"),
  ])
  func badConfigNamesItsLine(text: String, line: Int, message: String) {
    do {
      _ = try ConfigFile.parse(text)
      Issue.record("parsed: \(text)")
    } catch {
      #expect(error.line == line)
      #expect(error.message.contains(message), "\(error)")
    }
  }
}
