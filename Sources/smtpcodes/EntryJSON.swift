import ReplyCatalog
import SettingsFile

extension CodeReference {
  /// The short form `list --json` prints: enough to pick an entry.
  var listJSON: JSON {
    let entry = self.entry
    var members: [(String, JSON)] = [
      ("code", .string(entry.code)),
      ("kind", .string(entry.kind.rawValue)),
      ("title", .string(entry.title)),
      ("summary", .string(entry.summary)),
    ]
    if entry.kind == .basic || entry.level == .class {
      members.append(("severity", .string(severity.rawValue)))
    }
    if let note = severityNote { members.append(("severityNote", .string(note))) }
    if entry.kind == .enhanced { members.append(("classes", .array(entry.classes.map(JSON.int)))) }
    members.append(("origin", .string(entry.origin.rawValue)))
    if entry.deprecated { members.append(("deprecated", .bool(true))) }
    if let localized = localizedJSON { members.append(("localized", localized)) }
    return .object(members)
  }

  /// Every section, as `show --json` prints it.
  var fullJSON: JSON {
    let entry = self.entry
    var members: [(String, JSON)] = [
      ("code", .string(entry.code)),
      ("written", .string(written)),
      ("kind", .string(entry.kind.rawValue)),
    ]
    if let level = entry.level { members.append(("level", .string(level.rawValue))) }
    members += [
      ("classLabel", .string(classLabel)),
      ("title", .string(entry.title)),
      ("summary", .string(entry.summary)),
      ("severity", hasSingleSeverity ? .string(severity.rawValue) : .null),
      ("severityNote", .optional(severityNote)),
      ("classWarning", .optional(classWarning)),
      ("retry", .string(retry.rawValue)),
      ("retryNote", .string(entry.retryNote)),
      ("whoMustAct", .strings(entry.whoMustAct.map(\.rawValue))),
      ("stages", .strings(entry.stages.map(\.rawValue))),
      ("closesConnection", .bool(entry.closesConnection)),
      ("origin", .string(entry.origin.rawValue)),
      ("deprecated", .bool(entry.deprecated)),
    ]
    if entry.kind == .enhanced {
      members.append(("classes", .array(entry.classes.map(JSON.int))))
      members.append(("associatedBasicCodes", .strings(entry.associatedBasicCodes)))
    }
    members += [
      ("description", .string(entry.description)),
      ("whenYouSeeIt", .string(entry.whenYouSeeIt)),
      ("howToFix", .string(entry.howToFix)),
      ("references", .strings(entry.references)),
      ("related", .strings(entry.related)),
      ("notes", .strings(entry.notes)),
      (
        "serverTexts",
        .array(
          entry.serverTexts.map {
            .object([("text", .string($0.text)), ("source", .string($0.source))])
          })
      ),
    ]
    if let localized = localizedJSON { members.append(("localized", localized)) }
    return .object(members)
  }

  /// The title and summary in the chosen language, when it is not English and the entry has
  /// them translated; everything else in JSON stays English, keys and values alike.
  var localizedJSON: JSON? {
    let strings = Interface.strings
    guard !strings.isEnglish, let title = strings.translatedTitle(entry),
      let summary = strings.translatedSummary(entry)
    else { return nil }
    return .object([
      ("title", .string(title)), ("summary", .string(summary)), ("lang", .string(strings.language)),
    ])
  }
}

extension Comparison {
  var json: JSON {
    .object([
      ("left", left.fullJSON),
      ("right", right.fullJSON),
      (
        "fields",
        .array(
          fields.map {
            .object([
              ("name", .string($0.name)), ("left", .string($0.left)), ("right", .string($0.right)),
              ("same", .bool($0.same)), ("kind", .string($0.kind.rawValue)),
              ("section", .string($0.section.rawValue)),
              (
                "segments",
                .object([("left", $0.segments.left.json), ("right", $0.segments.right.json)])
              ),
            ])
          })
      ),
      ("keyDifferences", .strings(keyDifferences)),
      ("keyDifferenceFields", .strings(keyDifferenceFields)),
      ("whenToUseWhich", .string(whenToUseWhich)),
      ("notes", .strings(notes.map(\.note))),
    ])
  }
}

extension [DiffSegment] {
  /// `[{"text", "same"}]`: the texts, concatenated, are the side's value.
  var json: JSON {
    .array(map { .object([("text", .string($0.text)), ("same", .bool($0.same))]) })
  }
}

extension CombinedMeaning {
  var json: JSON {
    .object([
      ("basic", .string(basic.written)), ("enhanced", .string(enhanced.written)),
      ("title", .string(title)), ("severity", .string(severity.rawValue)),
      ("retry", .string(retry.rawValue)), ("verdict", .string(verdict)),
      ("warnings", .strings(warnings)),
    ])
  }
}

extension TeamNote {
  /// `{"code", "note", "owner"}`: the team's note, apart from the catalog's own "notes".
  var json: JSON {
    .object([("code", .string(code)), ("note", .string(note)), ("owner", .optional(owner))])
  }
}
