import ReplyCatalog
import SettingsFile
import TextLayout

/// An explanation of a reply laid out as a page: the headline with the codes, then reason,
/// severity, retry, who must act, the provider's reading, the codes' meanings, the reply itself,
/// and warnings. `explain` prints it; the explorer will show it for a pasted reply.
public struct ExplainView: Sendable {
  public let lines: [Line]
  /// How much of a reply is shown (the explanation keeps more bytes; escaping may lengthen them).
  public static let replyShown = 600

  /// `empty`: the input held nothing but blanks. `teamNotes`: the team's notes on the codes
  /// found, shown after the codes' meanings. `links`: the explorer's links (the catalog codes,
  /// instead of the `show` command to run), `link` the highlighted one.
  public init(
    explanation e: Explanation, empty: Bool, width: Int, strings: Strings,
    teamNotes: [TeamNote] = [], links: [String]? = nil, link: Int? = nil
  ) {
    var page = PageBuilder(
      width: width,
      labels: [
        strings.fieldReason, strings.fieldSeverity, strings.fieldRetry, strings.fieldWhoMustAct,
        strings.fieldStage, strings.fieldProvider, strings.fieldBasicCode, strings.fieldEnhanced,
        strings.fieldCatalog, strings.fieldReply,
      ], strings: strings)
    if empty {
      page.lines.append([Span(strings.explainEmpty, .heading)])
      lines = page.lines
      return
    }
    let role = Role.codeClass(e.severity?.classDigit ?? 0)
    if e.foundCode {
      // The verdict first: the most specific words for what happened, with the codes.
      let codes = [e.code, e.enhanced].compactMap { $0 }.joined(separator: " ")
      page.headline(Span(codes, role), e.verdictPhrase)
    } else {
      page.lines.append([Span(strings.explainNoCode, .heading)])
      if e.reason != .unknown {
        page.paragraph(strings.explainSuggests(e.reason.rawValue, e.reason.summary), indent: 0)
      }
    }
    page.blank()
    if e.foundCode || e.reason != .unknown {
      let from: String
      switch e.reasonSource {
      case .provider: from = strings.reasonFromProvider
      case .text: from = strings.reasonFromText
      case .code: from = strings.reasonFromCodes
      case .none: from = ""
      }
      page.field(strings.fieldReason, "\(e.reason.rawValue): \(e.reason.summary)\(from)")
    }
    if let severity = e.severity {
      var value: Line = [Span(strings.severity(severity), Role.severity(severity))]
      if let basic = e.code, let treatedAs = e.treatedAs {
        value.append(Span(strings.treatedAs(basic, treatedAs), .text))
      } else if let basic = e.code, e.enhanced != nil {
        value.append(Span(strings.basicCodeDecides(basic), .text))
      }
      page.field(strings.fieldSeverity, value)
    }
    if let retry = e.retry { page.field(strings.fieldRetry, strings.retry(retry)) }
    page.field(strings.fieldWhoMustAct, e.whoMustAct.map(strings.party).joined(separator: ", "))
    if let stage = e.stage { page.field(strings.fieldStage, strings.stage(stage)) }
    if let provider = e.provider {
      page.field(strings.fieldProvider, provider.name)
      if let pattern = e.pattern {
        page.field(strings.fieldProviderMeans, pattern.meaning, indent: 2)
        page.field(strings.fieldProviderDo, pattern.action, indent: 2)
        page.field(strings.fieldSource, pattern.source, indent: 2)
      } else {
        page.field(strings.fieldSource, provider.source, indent: 2)
      }
    }
    if let basic = e.code {
      page.field(
        strings.fieldBasicCode,
        basic + "  " + (e.basicEntry.map(strings.title) ?? strings.notInCatalog))
    }
    if let enhanced = e.enhanced, let parts = e.enhancedParts {
      page.field(
        strings.fieldEnhanced, enhanced + (e.enhancedRegistered ? "" : strings.notInRegistry))
      page.field(strings.partClass(parts.class.value), parts.class.meaning, indent: 2)
      page.field(strings.partSubject(parts.subject.value), parts.subject.meaning, indent: 2)
      page.field(strings.partDetail(parts.detail.value), parts.detail.meaning, indent: 2)
    }
    if let links, !e.matches.isEmpty {
      page.field(strings.fieldCatalog, linkSpans(links, links: links, current: link))
    } else if !e.matches.isEmpty {
      let codes = e.matches.map(\.entry.code).joined(separator: ", ")
      let show = [e.code, e.enhancedEntry != nil ? e.enhanced : nil].compactMap { $0 }
      page.field(
        strings.fieldCatalog,
        codes + (show.isEmpty ? "" : strings.showCommandHint(show.joined(separator: " "))))
    }
    if !e.reply.isEmpty {
      page.field(strings.fieldReply, SafeText.escape(e.reply, limit: ExplainView.replyShown))
    }
    page.teamNotes(teamNotes, naming: true)
    page.bullets(strings.sectionWarnings, e.warnings)
    lines = page.lines
  }
}

extension ExplainView {
  /// `explain --each-line --oneline`: time (when the line has one), codes, verdict, reason and
  /// provider on one line, for `tail -f`.
  public static func oneline(
    _ e: Explanation, line: UnsafeBufferPointer<UInt8>, strings: Strings
  ) -> Line {
    let role = Role.codeClass(e.severity?.classDigit ?? 0)
    var spans: Line = []
    if let time = LogTime.find(in: line) { spans.append(Span(time + "  ", .textDim)) }
    let codes = [e.code, e.enhanced].compactMap { $0 }.joined(separator: " ")
    spans.append(Span(codes.isEmpty ? "-" : codes, role))
    spans.append(Span("  " + e.verdictPhrase, .text))
    spans.append(Span("  reason=" + e.reason.rawValue, .textDim))
    if let provider = e.provider { spans.append(Span("  provider=" + provider.id, .textDim)) }
    if e.truncated { spans.append(Span("  " + strings.lineTruncated, .warning)) }
    return spans
  }
}

/// A whole bounce message after its explanation: the message's own facts, then every recipient
/// with its action, codes, reason and verdict.
public struct BounceView: Sendable {
  public let lines: [Line]

  /// `truncatedAt`: the size the message was cut at, when it was.
  public init(report: BounceReport, truncatedAt: Int?, width: Int, strings: Strings) {
    var page = PageBuilder(
      width: width,
      labels: [
        strings.fieldFrom, strings.fieldSubject, strings.fieldDate, strings.fieldReportingMTA,
        strings.fieldArrivalDate, strings.fieldFormat,
      ], strings: strings)
    page.heading(strings.sectionMessage)
    let m = report.message
    for (label, value) in [
      (strings.fieldFrom, m.from), (strings.fieldSubject, m.subject), (strings.fieldDate, m.date),
      (strings.fieldReportingMTA, m.reportingMTA), (strings.fieldArrivalDate, m.arrivalDate),
    ] {
      if let value { page.field(label, SafeText.escape(value)) }
    }
    page.field(strings.fieldFormat, report.format.rawValue)
    var notes = report.notes
    if let limit = truncatedAt { notes.append(strings.messageTruncated(limit >> 20)) }
    for note in notes { page.bullet(note) }
    if report.recipients.isEmpty {
      page.blank()
      page.paragraph(
        report.format == .notBounce ? strings.notABounce : strings.noRecipientFound, indent: 0)
    } else {
      page.heading(strings.sectionRecipients)
      let columns = [
        TableColumn(strings.columnRecipient, maxWidth: 40),
        TableColumn(strings.columnAction, dropOrder: 1),
        TableColumn(strings.columnCode), TableColumn(strings.columnReason, dropOrder: 0),
        TableColumn(strings.columnVerdict, maxWidth: 200, flexible: true),
      ]
      let rows = report.recipients.map { recipient -> [Span] in
        let e = recipient.explanation
        let codes = [e.code, e.enhanced ?? recipient.status].compactMap { $0 }
          .joined(separator: " ")
        return [
          Span(SafeText.escape(recipient.recipient), .text), Span(recipient.action, .text),
          Span(codes.isEmpty ? "-" : codes, Role.codeClass(e.severity?.classDigit ?? 0)),
          Span(e.reason.rawValue, .text), Span(e.verdictPhrase, .text),
        ]
      }
      page.lines += TableView(
        columns: columns, rows: rows, width: max(1, page.width - 2), strings: strings
      ).lines.map { [Span("  ", .text)] + $0 }
    }
    lines = page.lines
  }
}

/// Many messages, one row each: where it came from, how many recipients failed, the codes, the
/// reason and the verdict; then a count.
public struct MessagesTableView: Sendable {
  public struct Row: Sendable {
    public let source: String
    public let explanation: Explanation
    public let report: BounceReport?

    public init(source: String, explanation: Explanation, report: BounceReport?) {
      self.source = source
      self.explanation = explanation
      self.report = report
    }
  }

  public let lines: [Line]

  public init(_ rows: [Row], width: Int, strings: Strings) {
    guard !rows.isEmpty else {
      lines = [[Span(strings.noMessages, .text)]]
      return
    }
    let columns = [
      TableColumn(strings.columnSource, maxWidth: 28),
      TableColumn(strings.columnFailed, alignRight: true), TableColumn(strings.columnCodes),
      TableColumn(strings.columnReason, dropOrder: 0),
      TableColumn(strings.columnRecipientVerdict, maxWidth: 200, flexible: true),
    ]
    let cells = rows.map { row -> [Span] in
      let e = row.explanation
      let codes = [e.code, e.enhanced].compactMap { $0 }.joined(separator: " ")
      let who = row.report?.primary.map { SafeText.escape($0.recipient) + ": " } ?? ""
      var source = SafeText.escape(row.source)
      if displayWidth(source) > 28 { source = strings.ellipsis + String(source.suffix(27)) }
      return [
        Span(source, .text), Span(String(row.report?.undelivered.count ?? 0), .text),
        Span(codes.isEmpty ? "-" : codes, Role.codeClass(e.severity?.classDigit ?? 0)),
        Span(e.reason.rawValue, .text), Span(who + e.verdictPhrase, .text),
      ]
    }
    var lines = TableView(columns: columns, rows: cells, width: width, strings: strings).lines
    let withCode = rows.filter { $0.explanation.foundCode }.count
    let bounces = rows.filter { !($0.report?.undelivered.isEmpty ?? true) }.count
    lines += wrapSpans(
      [Span(strings.messagesSummary(rows.count, bounces, withCode), .textDim)], width: width)
    self.lines = lines
  }
}

/// A basic and an enhanced code given together ("550 5.1.1"), read as one reply: what happened
/// (the enhanced code), what a client does (the basic code), and any class mismatch.
public struct CombinedView: Sendable {
  public let lines: [Line]

  public init(_ combined: CombinedMeaning, width: Int, strings: Strings) {
    var page = PageBuilder(
      width: width, labels: [strings.fieldSeverity, strings.fieldRetry], strings: strings)
    let role = Role.codeClass(combined.severity.classDigit)
    page.headline(
      Span(combined.basic.written + " " + combined.enhanced.written, role),
      strings.title(combined.enhanced.entry))
    page.blank()
    page.field(
      strings.fieldSeverity,
      [
        Span(strings.severity(combined.severity), Role.severity(combined.severity)),
        Span(strings.basicCodeDecides(combined.basic.written), .text),
      ])
    page.field(strings.fieldRetry, strings.retry(combined.retry))
    page.bullets(strings.sectionWarnings, combined.warnings)
    lines = page.lines
  }
}
