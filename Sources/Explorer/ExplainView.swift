import ReplyCatalog
import TextLayout

/// An explanation of a reply laid out as a page: the headline with the codes, then reason,
/// severity, retry, who must act, the provider's reading, the codes' meanings, the reply itself,
/// and warnings. `explain` prints it; the explorer will show it for a pasted reply.
public struct ExplainView: Sendable {
  public let lines: [Line]

  /// `empty`: the input held nothing but blanks.
  public init(explanation e: Explanation, empty: Bool, width: Int, strings: Strings) {
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
      let codes = [e.code, e.enhanced].compactMap { $0 }.joined(separator: " ")
      let title = e.enhancedEntry?.title ?? e.basicEntry?.title
      var headline: Line = [Span(codes, role)]
      if let title { headline.append(Span("  " + title, .heading)) }
      page.lines += wrapSpans(headline, width: page.width)
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
      var value: Line = [Span(severity.rawValue, role)]
      if let basic = e.code, e.enhanced != nil {
        value.append(Span(strings.basicCodeDecides(basic), .text))
      }
      page.field(strings.fieldSeverity, value)
    }
    if let retry = e.retry { page.field(strings.fieldRetry, retry.label) }
    page.field(strings.fieldWhoMustAct, e.whoMustAct.map(\.label).joined(separator: ", "))
    if let stage = e.stage { page.field(strings.fieldStage, stage.label) }
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
        basic + "  " + (e.basicEntry?.title ?? strings.notInCatalog))
    }
    if let enhanced = e.enhanced, let parts = e.enhancedParts {
      page.field(
        strings.fieldEnhanced, enhanced + (e.enhancedRegistered ? "" : strings.notInRegistry))
      page.field(strings.partClass(parts.class.value), parts.class.meaning, indent: 2)
      page.field(strings.partSubject(parts.subject.value), parts.subject.meaning, indent: 2)
      page.field(strings.partDetail(parts.detail.value), parts.detail.meaning, indent: 2)
    }
    if !e.matches.isEmpty {
      let codes = e.matches.map(\.entry.code).joined(separator: ", ")
      let show = [e.code, e.enhancedEntry != nil ? e.enhanced : nil].compactMap { $0 }
      page.field(
        strings.fieldCatalog,
        codes + (show.isEmpty ? "" : strings.showCommandHint(show.joined(separator: " "))))
    }
    if !e.replyText.isEmpty { page.field(strings.fieldReply, e.replyText) }
    page.bullets(strings.sectionWarnings, e.warnings)
    lines = page.lines
  }
}
