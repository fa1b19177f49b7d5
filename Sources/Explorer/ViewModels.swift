import ReplyCatalog
import SettingsFile
import TextLayout

/// A piece of text in one role, and optionally a second role laid over it (the diff emphasis
/// over a severity colour).
public struct Span: Equatable, Sendable {
  public var text: String
  public var role: Role
  public var overlay: Role?

  public init(_ text: String, _ role: Role, overlay: Role? = nil) {
    self.text = text
    self.role = role
    self.overlay = overlay
  }
}

/// One line of a pane: spans side by side.
public typealias Line = [Span]

/// One row of the code list.
public struct ListRow: Equatable, Sendable {
  public let code: String
  public let title: String
  public let displayClass: Int
  public let marked: Bool
  public let selected: Bool
  /// The title is English for want of a translation.
  public let untranslated: Bool
}

/// The rows of the list that are on screen (never the whole catalog: it may be very large).
public struct ListView: Equatable, Sendable {
  public let rows: [ListRow]
  public let codeWidth: Int

  public init(state: AppState, height: Int) {
    let first = state.listTop
    let last = min(state.shownCount, first + max(0, height))
    var rows: [ListRow] = []
    var codeWidth = 5
    if first < last {
      for row in first..<last {
        let entry = state.catalog.entries[state.position(ofRow: row)]
        codeWidth = max(codeWidth, entry.code.utf8.count)
        rows.append(
          ListRow(
            code: entry.code, title: state.strings.title(entry), displayClass: entry.displayClass,
            marked: state.marks.contains(entry.code), selected: row == state.selected,
            untranslated: state.strings.isUntranslated(entry)))
      }
    }
    self.rows = rows
    self.codeWidth = min(codeWidth, 12)
  }
}

/// Every section of one entry, wrapped to a width: the explorer's detail pane and `show`.
public struct DetailView: Sendable {
  public let lines: [Line]

  /// - `markUntranslated`: mark a title and summary shown in English for want of a translation
  ///   (the explorer marks them once for the whole screen instead).
  /// - `teamNote`: the team's own note on the code, shown after the description.
  /// - `links`: the related codes to show as links (the explorer's), `link` the highlighted one.
  public init(
    entry: CatalogEntry, width: Int, strings: Strings, markUntranslated: Bool = true,
    teamNote: TeamNote? = nil, links: [String]? = nil, link: Int? = nil
  ) {
    self.init(
      reference: CodeReference(entry: entry), width: width, strings: strings,
      markUntranslated: markUntranslated, teamNote: teamNote, links: links, link: link)
  }

  public init(
    reference: CodeReference, width: Int, strings: Strings, markUntranslated: Bool = true,
    teamNote: TeamNote? = nil, links: [String]? = nil, link: Int? = nil
  ) {
    let entry = reference.entry
    let width = max(1, width)
    var page = PageBuilder(
      width: width,
      labels: [
        strings.fieldSeverity, strings.fieldRetry, strings.fieldWhoMustAct, strings.fieldStages,
        strings.fieldConnection, strings.fieldOrigin, strings.fieldClasses, strings.fieldSentWith,
        strings.fieldReferences, strings.fieldRelated,
      ], strings: strings)
    let codeRole = reference.hasSingleSeverity ? Role.codeClass(reference.displayClass) : .heading
    let code = reference.written
    let codeWidth = displayWidth(code)
    let mark =
      markUntranslated && strings.isUntranslated(entry) ? " " + strings.untranslatedMarker : ""
    page.headline(Span(code, codeRole), strings.title(entry) + mark)
    page.paragraph(reference.classLabel, indent: min(codeWidth + 2, width / 2), role: .textDim)
    if let warning = reference.classWarning {
      page.blank()
      page.paragraph(warning, indent: 0, role: .warning)
    }
    page.blank()

    if reference.severityNote != nil {
      // A family (X.7.0) is used with several classes: its class decides.
      page.field(strings.fieldSeverity, strings.familySeverityNote, .textDim)
    } else {
      page.field(
        strings.fieldSeverity, strings.severity(reference.severity),
        Role.severity(reference.severity))
    }
    page.field(strings.fieldRetry, strings.retry(reference.retry))
    page.field("", entry.retryNote, .textDim)
    page.field(strings.fieldWhoMustAct, entry.whoMustAct.map(strings.party).joined(separator: ", "))
    page.field(strings.fieldStages, entry.stages.map(strings.stage).joined(separator: ", "))
    if entry.closesConnection { page.field(strings.fieldConnection, strings.closesConnection) }
    page.field(
      strings.fieldOrigin,
      strings.origin(entry.origin) + (entry.deprecated ? strings.deprecatedSuffix : ""))
    if entry.kind == .enhanced {
      page.field(strings.fieldClasses, entry.classes.map(String.init).joined(separator: ", "))
      page.field(strings.fieldSentWith, entry.associatedBasicCodes.joined(separator: ", "))
    }
    page.field(strings.fieldReferences, entry.references.joined(separator: ", "))
    if let links {
      page.field(strings.fieldRelated, linkSpans(entry.related, links: links, current: link))
    } else {
      page.field(strings.fieldRelated, entry.related.joined(separator: ", "))
    }

    page.section(strings.sectionSummary, strings.summary(entry))
    page.section(strings.sectionMeaning, entry.description)
    page.teamNotes(teamNote.map { [$0] } ?? [], naming: false)
    page.section(strings.sectionWhen, entry.whenYouSeeIt)
    page.section(strings.sectionFix, entry.howToFix)
    page.bullets(strings.sectionNotes, entry.notes)
    if !entry.serverTexts.isEmpty {
      page.heading(strings.sectionServerTexts)
      for text in entry.serverTexts {
        page.paragraph(text.source, indent: 2, role: .textDim)
        page.verbatim(text.text, indent: 4)
      }
    }
    lines = page.lines
  }
}

/// Codes separated by commas, those in `links` as link spans and the `current`-th link
/// highlighted.
func linkSpans(_ codes: [String], links: [String], current: Int?) -> Line {
  var spans: Line = []
  for (index, code) in codes.enumerated() {
    if index > 0 { spans.append(Span(", ", .text)) }
    if let position = links.firstIndex(of: code) {
      spans.append(Span(code, .link, overlay: position == current ? .linkCurrent : nil))
    } else {
      spans.append(Span(code, .text))
    }
  }
  return spans
}

/// Catalog entries one line each — code, severity (or classes), title — and, for search results,
/// the summary under each: what `list` and `search` print.
public struct ListingView: Sendable {
  public let lines: [Line]

  public init(entries: [CatalogEntry], width: Int, summaries: Bool, strings: Strings) {
    let width = max(1, width)
    let codeWidth = min(12, max(7, entries.map { displayWidth($0.code) + 1 }.max() ?? 7))
    let badgeWidth = 13
    var lines: [Line] = []
    // The first title shown in English for want of a translation is marked; once is enough.
    var marked = false
    for entry in entries {
      var title = strings.title(entry)
      if !marked, strings.isUntranslated(entry) {
        title += " " + strings.untranslatedMarker
        marked = true
      }
      let badge =
        entry.kind == .basic || entry.level == .class
        ? strings.severity(entry.severity)
        : strings.classesBadge(entry.classes.map(String.init).joined(separator: "/"))
      var line: Line = [Span(padded(entry.code, codeWidth), .codeClass(entry.displayClass))]
      var used = codeWidth
      if used + badgeWidth + 10 <= width {
        line.append(Span(padded(truncate(badge, width: badgeWidth - 1), badgeWidth), .textDim))
        used += badgeWidth
      }
      line.append(
        Span(
          truncate(title, width: max(1, width - used), ellipsis: strings.ellipsis),
          .text))
      lines.append(line)
      if summaries {
        let indent = min(8, width / 4)
        for more in wrapText(strings.summary(entry), width: max(1, width - indent)) {
          lines.append([Span(String(repeating: " ", count: indent) + more, .textDim)])
        }
      }
    }
    self.lines = lines
  }
}

/// The diff-style comparison: a sticky header (the codes and their titles), then rows of field,
/// marker (= or ≠) and both values with the words the other side lacks emphasised, side by side
/// when wide enough and stacked otherwise; then key differences and advice.
public struct CompareView: Sendable {
  /// The codes and titles: stays on screen while the body scrolls.
  public let header: [Line]
  public let lines: [Line]
  /// Body lines where a differing row starts: what n and N step through.
  public let differenceLines: [Int]
  /// The field of each differing row, in the same order.
  public let differenceFields: [String]
  /// Body lines of the key differences, and the row each comes from: n and N go on to them
  /// after the last differing row, and Enter on one goes to its row.
  public let keyDifferenceLines: [Int]
  public let keyDifferenceFields: [String]
  public let sideBySide: Bool

  /// - `current`: the stop to mark: a differing row (an index into `differenceLines`), or past
  ///   them a key difference.
  /// - `expanded`: prose rows shown whole although only differences are shown.
  /// - `wordDiffMarkers`: mark changed words with `[-…-]` and `{+…+}` (for text without colour).
  public init(
    comparison: Comparison, width: Int, differencesOnly: Bool, strings: Strings,
    sideBySide: Bool? = nil, current: Int? = nil, expanded: Set<String> = [],
    wordDiffMarkers: Bool = false
  ) {
    let width = max(1, width)
    let sideBySide = sideBySide ?? (width + 2 >= Layout.compareSideBySideWidth)
    self.sideBySide = sideBySide
    var header: [Line] = []
    var lines: [Line] = []
    var differenceLines: [Int] = []
    var differenceFields: [String] = []
    let rows = comparison.rows.map { Self.localized($0, comparison, strings) }
      .filter { !differencesOnly || !$0.same }
    let leftName = comparison.left.written
    let rightName = comparison.right.written
    let leftRole = Role.codeClass(comparison.left.displayClass)
    let rightRole = Role.codeClass(comparison.right.displayClass)
    let title = comparison.field(named: ComparisonField.Name.title).map {
      Self.localized($0, comparison, strings)
    }
    // Titles and summaries without a translation show in English, marked once.
    let englishMark =
      [comparison.left.entry, comparison.right.entry].contains(where: strings.isUntranslated)
      ? " " + strings.untranslatedMarker : ""

    /// A side's value as spans: equal rows dimmed; in a differing row, the words the other side
    /// lacks emphasised; severities and classes in their own colours.
    func spans(_ field: ComparisonField, left isLeft: Bool) -> Line {
      var segments = isLeft ? field.segments.left : field.segments.right
      if differencesOnly, field.kind == .prose, !expanded.contains(field.name) {
        segments = Self.changedSentences(segments, gap: strings.ellipsis)
      }
      let base: Role
      switch field.name {
      case ComparisonField.Name.severity:
        base = Role.severity(isLeft ? comparison.left.severity : comparison.right.severity)
      case ComparisonField.Name.class:
        base = isLeft ? leftRole : rightRole
      default:
        base = .text
      }
      if field.same { return [Span(isLeft ? field.left : field.right, .diffSame)] }
      return segments.map { segment in
        guard !segment.same, segment.text.contains(where: { $0 != " " }) else {
          return Span(segment.text, base)
        }
        let text =
          wordDiffMarkers ? (isLeft ? "[-\(segment.text)-]" : "{+\(segment.text)+}") : segment.text
        return Span(text, base, overlay: .diffChanged)
      }
    }
    func marker(_ field: ComparisonField, isCurrent: Bool) -> Span {
      if isCurrent { return Span(strings.currentMarker, .compareMarkerCurrent) }
      return field.same
        ? Span(strings.sameMarker, .compareMarkerSame)
        : Span(strings.changedMarker, .compareMarkerChanged)
    }

    if sideBySide {
      let nameWidth = min(
        22, max(8, rows.map { displayWidth(strings.compareRow($0.name)) }.max() ?? 8),
        max(4, width / 5))
      // Name, space, marker, space, left value, " │ ", right value.
      let valueWidth = max(1, (width - nameWidth - 6) / 2)
      let gutter = Span(" │ ", .border)
      func pair(_ name: String, _ mark: Span, _ left: [Line]?, _ right: [Line]?) -> [Line] {
        let names = wrapText(name, width: nameWidth)
        let height = max(left?.count ?? 1, right?.count ?? 1, names.count)
        var block: [Line] = []
        for row in 0..<height {
          var line: Line = [
            Span(padded(row < names.count ? names[row] : "", nameWidth) + " ", .label),
            row == 0 ? mark : Span(" ", .text), Span(" ", .text),
          ]
          func cell(_ values: [Line]?) -> Line {
            guard let values else {
              return row == 0 ? [Span(strings.placeholder, .comparePlaceholder)] : []
            }
            return row < values.count ? values[row] : []
          }
          let leftCell = cell(left)
          line += leftCell
          line.append(
            Span(String(repeating: " ", count: max(0, valueWidth - lineWidth(leftCell))), .text))
          line.append(gutter)
          line += cell(right)
          block.append(line)
        }
        return block
      }
      header += pair(
        strings.compareField, Span(" ", .text), [[Span(leftName, leftRole)]],
        [[Span(rightName, rightRole)]])
      if let title {
        header += pair(
          strings.compareRow(title.name) + englishMark, Span(" ", .text),
          wrapSpans([Span(title.left, .heading)], width: valueWidth),
          wrapSpans([Span(title.right, .heading)], width: valueWidth))
      }
      for field in rows {
        let isCurrent = !field.same && current == differenceLines.count
        if !field.same {
          differenceLines.append(lines.count)
          differenceFields.append(field.name)
        }
        let left = field.left.isEmpty ? nil : wrapSpans(spans(field, left: true), width: valueWidth)
        let right =
          field.right.isEmpty ? nil : wrapSpans(spans(field, left: false), width: valueWidth)
        lines += pair(
          strings.compareRow(field.name), marker(field, isCurrent: isCurrent), left, right)
      }
    } else {
      let sideWidth = max(displayWidth(leftName), displayWidth(rightName))
      let valueWidth = max(1, width - sideWidth - 4)
      for (name, role, text) in [
        (leftName, leftRole, (title?.left ?? "") + englishMark),
        (rightName, rightRole, title?.right ?? ""),
      ] {
        let wrapped = wrapText(text, width: valueWidth)
        header.append([Span(padded(name, sideWidth), role), Span("  " + wrapped[0], .heading)])
        for more in wrapped.dropFirst() {
          header.append([Span(String(repeating: " ", count: sideWidth + 2) + more, .heading)])
        }
      }
      for field in rows {
        let isCurrent = !field.same && current == differenceLines.count
        if !field.same {
          differenceLines.append(lines.count)
          differenceFields.append(field.name)
        }
        lines.append([
          marker(field, isCurrent: isCurrent), Span(" " + strings.compareRow(field.name), .label),
        ])
        for (name, value, role, isLeft) in [
          (leftName, field.left, leftRole, true), (rightName, field.right, rightRole, false),
        ] {
          if field.same, !isLeft { continue }  // Same on both sides: say it once.
          let wrapped =
            value.isEmpty
            ? [[Span(strings.placeholder, .comparePlaceholder)]]
            : wrapSpans(spans(field, left: isLeft), width: valueWidth)
          let label =
            field.same ? String(repeating: " ", count: sideWidth) : padded(name, sideWidth)
          lines.append([Span("  ", .text), Span(label, role), Span("  ", .text)] + wrapped[0])
          for more in wrapped.dropFirst() {
            lines.append([Span(String(repeating: " ", count: sideWidth + 4), .text)] + more)
          }
        }
      }
    }

    var page = PageBuilder(width: width, labels: [], strings: strings)
    page.heading(strings.sectionKeyDifferences)
    var keyDifferenceLines: [Int] = []
    for (index, item) in comparison.keyDifferenceItems.enumerated() {
      keyDifferenceLines.append(lines.count + page.lines.count)
      // Name the row it comes from, unless the sentence starts by naming it ("Retry: …").
      let named = item.text.prefix(16).contains(":")
      let isCurrent = current == differenceLines.count + index
      page.bullet(
        named ? item.text : strings.keyDifference(strings.compareRow(item.field), item.text),
        marker: isCurrent ? Span(strings.currentMarker, .compareMarkerCurrent) : nil)
    }
    page.heading(strings.sectionWhenToUse)
    page.paragraph(comparison.whenToUseWhich, indent: 2)
    if !comparison.notes.isEmpty {
      page.bullets(strings.sectionCompareNotes, comparison.notes.map(\.note))
    }
    self.header = header
    self.lines = lines + page.lines
    self.differenceLines = differenceLines
    self.differenceFields = differenceFields
    self.keyDifferenceLines = keyDifferenceLines
    keyDifferenceFields = comparison.keyDifferenceFields
  }

  /// A row with its values in the chosen language, diffed again: verdict words, titles and
  /// summaries are translated; everything else (and every row in English) stays as it is.
  static func localized(_ field: ComparisonField, _ comparison: Comparison, _ strings: Strings)
    -> ComparisonField
  {
    guard !strings.isEnglish else { return field }
    typealias Name = ComparisonField.Name
    let (left, right) = (comparison.left, comparison.right)
    func value(_ text: (CodeReference) -> String) -> ComparisonField {
      ComparisonField(
        name: field.name, kind: field.kind, section: field.section, left: text(left),
        right: text(right))
    }
    func list(_ items: (CodeReference) -> [String]) -> ComparisonField {
      ComparisonField(
        name: field.name, section: field.section, leftItems: items(left), rightItems: items(right))
    }
    switch field.name {
    case Name.title: return value { strings.title($0.entry) }
    case Name.summary: return value { strings.summary($0.entry) }
    case Name.severity: return value { strings.severity($0.severity) }
    case Name.retry: return value { strings.retry($0.retry) }
    case Name.closesConnection:
      return value { $0.entry.closesConnection ? strings.yes : strings.no }
    case Name.origin: return value { strings.origin($0.entry.origin) }
    case Name.whoMustAct: return list { $0.entry.whoMustAct.canonical.map(strings.party) }
    case Name.stages: return list { $0.entry.stages.map(strings.stage) }
    default: return field
    }
  }

  /// Header and body together: what the command line prints.
  public var allLines: [Line] { header + lines }

  /// Only the sentences that hold a change, the dropped ones marked with `gap`.
  static func changedSentences(_ segments: [DiffSegment], gap: String) -> [DiffSegment] {
    // Split the segments at sentence ends (". ", "? ", "! "), keeping every character.
    var sentences: [[DiffSegment]] = [[]]
    for segment in segments {
      var rest = Substring(segment.text)
      while let end = rest.firstRange(of: ". ") ?? rest.firstRange(of: "? ")
        ?? rest.firstRange(of: "! ")
      {
        sentences[sentences.count - 1].append(
          DiffSegment(text: String(rest[..<end.upperBound]), same: segment.same))
        sentences.append([])
        rest = rest[end.upperBound...]
      }
      if !rest.isEmpty {
        sentences[sentences.count - 1].append(DiffSegment(text: String(rest), same: segment.same))
      }
    }
    let changed = sentences.map { $0.contains { !$0.same && $0.text.contains { $0 != " " } } }
    guard changed.contains(false), changed.contains(true) else { return segments }
    var result: [DiffSegment] = []
    var skipped = false
    for (sentence, keep) in zip(sentences, changed) {
      if keep {
        if skipped { result.append(DiffSegment(text: gap + " ", same: true)) }
        result += sentence
        skipped = false
      } else {
        skipped = true
      }
    }
    if skipped { result.append(DiffSegment(text: " " + gap, same: true)) }
    return result
  }
}

/// The help overlay's lines, generated from the key table that drives input.
public struct HelpView: Sendable {
  public struct Row: Equatable, Sendable {
    public let keys: String
    public let help: String

    public init(keys: String, help: String) {
      self.keys = keys
      self.help = help
    }
  }

  public let groups: [(title: String, rows: [Row])]
  public let keyWidth: Int

  public init(strings: Strings) {
    var groups: [(title: String, rows: [Row])] = []
    for group in HelpGroup.allCases {
      var rows: [Row] = []
      for binding in KeyTable.bindings where binding.group == group {
        let help = binding.help(strings)
        guard !help.isEmpty else { continue }
        let keys =
          binding.helpKeys ?? binding.keys.map { KeyTable.name($0, strings) }.joined(separator: " ")
        // The filter repeats movement keys; list each description once per group.
        if rows.contains(where: { $0.help == help }) { continue }
        rows.append(Row(keys: keys, help: help))
      }
      if !rows.isEmpty { groups.append((group.title(strings), rows)) }
    }
    self.groups = groups
    keyWidth = groups.flatMap(\.rows).map { displayWidth($0.keys) }.max() ?? 0
  }

  /// One line a row, with a heading line and a blank line per group.
  public var lines: [Line] { Self.lines(of: groups[...], keyWidth: keyWidth) }

  /// `width`: descriptions wrap under themselves to it (keys wider than a third of it stand
  /// on a line of their own).
  static func lines(
    of groups: ArraySlice<(title: String, rows: [Row])>, keyWidth: Int, width: Int = .max
  ) -> [Line] {
    var lines: [Line] = []
    let keyColumn = min(keyWidth, max(1, width / 3))
    let room = max(8, width - keyColumn - 4)
    for (index, group) in groups.enumerated() {
      if index > 0 { lines.append([]) }
      lines.append([Span(group.title, .heading)])
      for row in group.rows {
        let wrapped = width == .max ? [row.help] : wrapText(row.help, width: room)
        let indent = String(repeating: " ", count: keyColumn + 4)
        if displayWidth(row.keys) > keyColumn {
          lines.append([Span("  " + row.keys, .helpKey)])
          lines += wrapped.map { [Span(indent + $0, .help)] }
          continue
        }
        lines.append([
          Span("  " + padded(row.keys, keyColumn) + "  ", .helpKey), Span(wrapped[0], .help),
        ])
        lines += wrapped.dropFirst().map { [Span(indent + $0, .help)] }
      }
    }
    return lines
  }

  /// The groups in two columns side by side when `width` allows and one column is too tall;
  /// descriptions wrap to the width.
  public func lines(width: Int, height: Int) -> [Line] {
    let single = Self.lines(of: groups[...], keyWidth: keyWidth, width: width)
    guard single.count > height, groups.count > 1 else { return single }
    // Two columns, each wrapped to half the width; split where they come out most even.
    let column = (width - 3) / 2
    guard column >= 48 else { return single }
    var best = 1
    var bestHeight = Int.max
    for split in 1..<groups.count {
      let tallest = max(
        Self.lines(of: groups[..<split], keyWidth: keyWidth, width: column).count,
        Self.lines(of: groups[split...], keyWidth: keyWidth, width: column).count)
      if tallest < bestHeight { (best, bestHeight) = (split, tallest) }
    }
    let left = Self.lines(of: groups[..<best], keyWidth: keyWidth, width: column)
    let right = Self.lines(of: groups[best...], keyWidth: keyWidth, width: column)
    let leftWidth = left.map { $0.reduce(0) { $0 + displayWidth($1.text) } }.max() ?? 0
    var merged: [Line] = []
    for index in 0..<max(left.count, right.count) {
      var line: Line = index < left.count ? left[index] : []
      let used = line.reduce(0) { $0 + displayWidth($1.text) }
      line.append(Span(String(repeating: " ", count: leftWidth - used + 3), .help))
      if index < right.count { line += right[index] }
      merged.append(line)
    }
    return merged
  }
}

/// The status line: the filter, the marks, then a message or the most useful keys.
public struct StatusView: Sendable {
  public let left: Line
  /// Key, what it does, and its priority (lower stays longest when the line is narrow).
  public let keys: [(keys: String, label: String, priority: Int)]
  public let message: String?

  public init(state: AppState) {
    let strings = state.strings
    var left: Line = []
    if let prompt = state.prompt {
      let (label, editor) =
        switch prompt {
        case .filter: (strings.filterPrompt, state.filterEditor)
        case .search: (strings.searchPrompt, state.searchEditor)
        case .explain: (strings.explainPrompt, state.explainEditor)
        }
      // The prompt takes most of the line; the cursor stays on screen however long the text.
      let room = max(1, state.width * 3 / 4 - displayWidth(label) - 2)
      let visible = editor.visible(width: room)
      var before = ""
      var under = " "
      var after = ""
      var column = 0
      for character in visible.text {
        if column < visible.cursorColumn {
          before.append(character)
        } else if column == visible.cursorColumn, under == " ", after.isEmpty {
          under = String(character)
        } else {
          after.append(character)
        }
        column += displayWidth(character)
      }
      if editor.selected {
        left = [Span(label, .filter), Span(visible.text, .filter, overlay: .cursor)]
      } else {
        left = [
          Span(label, .filter), Span(before, .filter), Span(under, .filter, overlay: .cursor),
          Span(after, .filter),
        ]
      }
    } else if !state.filter.isEmpty {
      left.append(Span(strings.filterLabel + " " + state.filter, .filter))
    }
    if state.prompt == nil, !state.search.isEmpty, state.explain != nil || state.focus == .detail {
      if !left.isEmpty { left.append(Span("  ", .statusLine)) }
      left.append(Span(strings.searchPrompt + state.search, .filter))
    }
    if let compare = state.compare, let current = compare.current {
      let rows = state.frame.compareDifferences.count
      let keys = state.frame.compareKeyLines.count
      let counter =
        current < rows
        ? strings.differenceCounter(current + 1, rows)
        : strings.keyDifferenceCounter(current - rows + 1, keys)
      left.append(Span(counter, .compareMarkerChanged))
    }
    if !state.marks.isEmpty {
      if !left.isEmpty { left.append(Span("  ", .statusLine)) }
      left.append(Span(strings.marksLabel + " " + state.marks.joined(separator: " "), .mark))
    }
    self.left = left
    message = state.message
    keys = KeyTable.hints(in: state.mode, strings)
  }
}
