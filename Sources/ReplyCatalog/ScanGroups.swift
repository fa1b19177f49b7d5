#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How `scan` groups the replies it counts.
public enum ScanGrouping: String, Sendable, CaseIterable {
  /// Basic code, enhanced code, reason and provider: the default.
  case codeAndReason = "code+reason"
  case code
  case reason
  case provider
  /// The recipient domain of each line.
  case domain
  /// The reply text with its variable parts masked.
  case template
}

/// Which replies `scan` counts: a time window and severities. Replies outside are counted apart.
public struct ScanFilter: Sendable {
  public var since: LogTime?
  public var until: LogTime?
  public var severities: Set<Severity>?

  public init(since: LogTime? = nil, until: LogTime? = nil, severities: Set<Severity>? = nil) {
    self.since = since
    self.until = until
    self.severities = severities
  }

  var isTimed: Bool { since != nil || until != nil }
}

/// One row of `scan`'s table: a group of replies and what they mean.
public struct ScanRow: Sendable {
  public let basic: Int?
  public let enhanced: EnhancedCode?
  public let count: Int
  public let severity: Severity?
  /// The catalog summary of the most specific code known (the row's meaning before verdicts).
  public let meaning: String
  public let provider: Provider?
  /// How many of the group's replies came from that provider.
  public let providerCount: Int
  public let reason: Reason
  /// What the replies mean, in the words of `explain`'s first line (`verdictPhrase`).
  public let verdict: String
  /// The most frequent recipient domains, most frequent first.
  public let domains: [(domain: String, count: Int)]
  /// Replies whose recipient domain is not among `domains`' tracked names (or had none).
  public let otherDomains: Int
  public let firstSeen: LogTime?
  public let lastSeen: LogTime?
  /// The most frequent reply text of the group, variable parts masked.
  public let template: String
  /// One raw line of the group (the first seen), at most 400 bytes, not escaped.
  public let sample: String
  /// A raw line of each of the group's most frequent variants (`sample` first), at most three.
  public let samples: [String]
  /// What the group is, for groupings other than code+reason: the domain, reason, provider name or
  /// template. Nil for code+reason and code.
  public let label: String?
  /// The row that holds the rarest groups folded away to bound memory.
  public let isOther: Bool
  /// For the "other" row: how many groups were folded into it.
  public let foldedGroups: Int

  public var code: String? { basic.map(String.init) }
}

extension ScanRow: Equatable {
  public static func == (a: ScanRow, b: ScanRow) -> Bool {
    a.basic == b.basic && a.enhanced == b.enhanced && a.count == b.count
      && a.severity == b.severity && a.provider?.id == b.provider?.id && a.reason == b.reason
      && a.domains.elementsEqual(b.domains) { $0.domain == $1.domain && $0.count == $1.count }
      && a.otherDomains == b.otherDomains && a.firstSeen == b.firstSeen
      && a.lastSeen == b.lastSeen && a.template == b.template && a.samples == b.samples
      && a.label == b.label && a.isOther == b.isOther && a.foldedGroups == b.foldedGroups
  }
}

/// The totals of a tally: what `scan`'s summary line and the explorer's log header say.
public struct ScanSummary: Equatable, Sendable {
  public var grouping: ScanGrouping
  public var lines = 0
  public var replies = 0
  public var filteredOut = 0
  public var untimed = 0
  public var foldedGroups = 0

  public init(grouping: ScanGrouping = .codeAndReason) { self.grouping = grouping }

  /// Replies counted in the groups (those the filter kept).
  public var counted: Int { replies - filteredOut }
}

/// What is known about one distinct reply (its codes and masked text from the relay on), computed
/// once and shared by every line that masks the same.
final class ReplyAnalysis {
  let basic: Int?
  let enhanced: EnhancedCode?
  let severity: Severity?
  let reason: Reason
  let provider: Int?
  let verdict: String
  let meaning: String
  let template: String
  let sample: String
  var groupIndex = -1
  var generation = -1
  /// The line's codes stand before the text the analysis is keyed by.
  var codesBeforeRegion = false

  var isReply: Bool { basic != nil || enhanced != nil }

  /// What a line without a reply code is remembered as.
  static func noReply() -> ReplyAnalysis {
    ReplyAnalysis(
      basic: nil, enhanced: nil, severity: nil, reason: .unknown, provider: nil, verdict: "",
      meaning: "", template: "", sample: "")
  }

  init(
    basic: Int?, enhanced: EnhancedCode?, severity: Severity?, reason: Reason, provider: Int?,
    verdict: String, meaning: String, template: String, sample: String
  ) {
    self.basic = basic
    self.enhanced = enhanced
    self.severity = severity
    self.reason = reason
    self.provider = provider
    self.verdict = verdict
    self.meaning = meaning
    self.template = template
    self.sample = sample
  }
}

struct GroupKey: Hashable {
  var a: UInt64 = 0
  var b: UInt64 = 0
  var text: String = ""
}

final class GroupState {
  let key: GroupKey
  var count = 0
  var first: LogTime?
  var last: LogTime?
  /// The distinct analyses seen in the group (at most `maximumVariants`) and their counts.
  var variants: [(analysis: ReplyAnalysis, count: Int)] = []
  var domains: [UInt64: Int] = [:]
  var otherDomains = 0
  var label: String?

  init(key: GroupKey, label: String?) {
    self.key = key
    self.label = label
  }

  func see(_ time: LogTime?) {
    guard let time else { return }
    if first.map({ time < $0 }) ?? true { first = time }
    if last.map({ time > $0 }) ?? true { last = time }
  }
}

/// Counts the replies in a log by group, line by line.
///
/// Memory grows with the number of groups (and of distinct reply templates), not with the number
/// of lines, and is bounded: past `maximumGroups` groups the rarer half is folded into one "other"
/// row whose count is kept; a group tracks at most `maximumDomainsPerGroup` domains by name (the
/// rest counted as other domains); the per-template cache is emptied when full. Nothing read is
/// lost from the totals.
public struct ReplyTally {
  public private(set) var lines = 0
  /// Lines that carry a reply code.
  public private(set) var replies = 0
  /// Replies left out by the filter (time window or severity).
  public private(set) var filteredOut = 0
  /// Replies outside a time window because their line has no timestamp.
  public private(set) var untimed = 0
  /// Groups folded into the "other" row so far.
  public private(set) var foldedGroups = 0
  public let grouping: ScanGrouping
  public let filter: ScanFilter

  /// Remember the groups created since the last `takeNewRows()` (for `--follow`).
  public var tracksNewGroups = false
  public var maximumGroups = 10_000
  public var maximumAnalyses = 10_000
  public static let maximumDomainsPerGroup = 64
  static let maximumVariants = 8
  static let maximumDomainNames = 100_000

  private let catalog: Catalog
  private var years: SyslogYear
  private var analyses: [AnalysisKey: ReplyAnalysis] = [:]
  private var groups: [GroupState] = []
  private var groupIndex: [GroupKey: Int] = [:]
  private var generation = 0
  private var other: GroupState?
  private var domainNames: [UInt64: String] = [:]
  private var created: [GroupState] = []

  struct AnalysisKey: Hashable {
    var codes: UInt64
    var text: UInt64
  }

  public init(
    catalog: Catalog = .builtIn, grouping: ScanGrouping = .codeAndReason,
    filter: ScanFilter = ScanFilter(), reference: LogTime = .now()
  ) {
    self.catalog = catalog
    self.grouping = grouping
    self.filter = filter
    years = SyslogYear(reference: reference)
  }

  /// Replies counted in the groups (those the filter kept).
  public var counted: Int { replies - filteredOut }
  public var groupCount: Int { groups.count + (other == nil ? 0 : 1) }

  public var summary: ScanSummary {
    var summary = ScanSummary(grouping: grouping)
    summary.lines = lines
    summary.replies = replies
    summary.filteredOut = filteredOut
    summary.untimed = untimed
    summary.foldedGroups = foldedGroups
    return summary
  }

  public mutating func add(line: UnsafeBufferPointer<UInt8>) {
    lines += 1
    guard Self.mayCarryReply(line), let analysis = analysis(of: line) else { return }
    replies += 1
    let time = years.time(of: line)
    if filter.isTimed {
      guard let time else {
        filteredOut += 1
        untimed += 1
        return
      }
      if let since = filter.since, time < since {
        filteredOut += 1
        return
      }
      if let until = filter.until, time > until {
        filteredOut += 1
        return
      }
    }
    if let severities = filter.severities {
      guard let severity = analysis.severity, severities.contains(severity) else {
        filteredOut += 1
        return
      }
    }
    let domain = LogDomain.recipient(in: line)
    let domainHash = domain.map { LogDomain.hash(line, $0) } ?? 0
    let group: GroupState
    if grouping == .domain {
      group = self.group(
        GroupKey(a: domainHash), label: domain.map { LogDomain.lowered(line, $0) } ?? "-")
    } else if analysis.generation == generation, analysis.groupIndex >= 0 {
      group = groups[analysis.groupIndex]
    } else {
      let (key, label) = groupKey(analysis)
      group = self.group(key, label: label)
      analysis.groupIndex = groupIndex[key] ?? -1
      analysis.generation = generation
    }
    group.count += 1
    group.see(time)
    count(analysis, in: group)
    if let domain {
      if let n = group.domains[domainHash] {
        group.domains[domainHash] = n + 1
      } else if group.domains.count < Self.maximumDomainsPerGroup, name(domainHash, line, domain) {
        group.domains[domainHash] = 1
      } else {
        group.otherDomains += 1
      }
    } else {
      group.otherDomains += 1
    }
  }

  /// Rows for the groups created since the last call (for following a growing log).
  public mutating func takeNewRows() -> [ScanRow] {
    defer { created.removeAll() }
    return created.map(row)
  }

  /// Most frequent first; ties by code, then label. The "other" row, if any, comes last.
  public func rows() -> [ScanRow] {
    var rows = groups.map(row)
    rows.sort {
      if $0.count != $1.count { return $0.count > $1.count }
      if ($0.basic ?? 0) != ($1.basic ?? 0) { return ($0.basic ?? 0) < ($1.basic ?? 0) }
      if $0.enhanced?.description != $1.enhanced?.description {
        return ($0.enhanced?.description ?? "") < ($1.enhanced?.description ?? "")
      }
      if $0.reason != $1.reason { return $0.reason.rawValue < $1.reason.rawValue }
      return ($0.label ?? $0.template) < ($1.label ?? $1.template)
    }
    if let other { rows.append(row(other, isOther: true)) }
    return rows
  }

  // MARK: - Analyses

  /// Whether the line holds something shaped like a reply code where `ReplyParser` would look
  /// (a basic code or an enhanced code standing apart): most log lines do not, and are skipped
  /// without parsing.
  static func mayCarryReply(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = p.count
    var i = 0
    while i < n {
      i = nextCodeStart(p, from: i)
      guard i < n else { return false }
      let previous: UInt8 = i > 0 ? p[i - 1] : 0x20
      if !(ReplyParser.isWordByte(previous) || previous == 0x2E || previous == 0x2B
        || previous == 0x2F || previous == 0x40 || previous == 0x25)
        || ReplyParser.isEscapedNewline(p, i)
      {
        if ReplyParser.basicCode(p, at: i) != nil { return true }
        if p[i] != 0x33, ReplyParser.enhancedCode(p, at: i) != nil { return true }
      }
      i += 1
    }
    return false
  }

  /// The first position at or after `start` where a code can begin: a byte from "2" to "5"
  /// followed by two bytes from "." to "9" (a basic code is three digits, an enhanced one
  /// "d.d"). Eight positions at a time, with three overlapping loads, so the digits of times,
  /// process ids and queue ids rarely stop the search; the last few positions go one by one.
  @inline(__always) static func nextCodeStart(_ p: UnsafeBufferPointer<UInt8>, from start: Int)
    -> Int
  {
    let n = p.count
    guard let base = p.baseAddress else { return n }
    var i = start
    while i + 10 <= n {
      let raw = UnsafeRawPointer(base + i)
      let hits =
        Self.lanes(raw.loadUnaligned(as: UInt64.self), from: 0x32, to: 0x35)
        & Self.lanes(raw.loadUnaligned(fromByteOffset: 1, as: UInt64.self), from: 0x2E, to: 0x39)
        & Self.lanes(raw.loadUnaligned(fromByteOffset: 2, as: UInt64.self), from: 0x2E, to: 0x39)
      if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
      i += 8
    }
    return ReplyParser.nextCandidate(p, from: i)
  }

  /// The high bit of each byte lane whose byte is in `low...high` (both below 0x80): exact per
  /// lane, since no lane carries into the next.
  @inline(__always) static func lanes(_ word: UInt64, from low: UInt64, to high: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let word = UInt64(littleEndian: word)
    let low7 = word & (ones &* 127)
    return ((ones &* (127 + high + 1)) &- low7) & ~word & (low7 &+ ones &* (127 - low + 1))
      & (ones &* 128)
  }

  /// The analysis of a line's reply, found by the masked text from the relay on (one pass, no
  /// parsing) when that text was seen before; nil when the line carries no reply code.
  private mutating func analysis(of line: UnsafeBufferPointer<UInt8>) -> ReplyAnalysis? {
    let start = Self.relayStart(line, before: line.count) ?? 0
    let region = UnsafeBufferPointer(rebasing: line[start...])
    let textKey = AnalysisKey(codes: 0, text: ReplyTemplate.hash(region))
    let known = analyses[textKey]
    if let known, !known.codesBeforeRegion { return known.isReply ? known : nil }
    let found = ReplyParser.find(in: line)
    if found.isEmpty {
      if known == nil { remember(ReplyAnalysis.noReply(), textKey) }
      return nil
    }
    let codeStart = min(found.basicOffset ?? Int.max, found.enhancedOffset ?? Int.max)
    if codeStart >= start, known == nil {
      let made = analyze(line: line, region: region, found: found)
      remember(made, textKey)
      return made
    }
    // The codes stand before the relay, so the text after it does not decide them: key by both.
    if known == nil {
      let marker = ReplyAnalysis.noReply()
      marker.codesBeforeRegion = true
      remember(marker, textKey)
    }
    let relay = Self.relayStart(line, before: codeStart) ?? codeStart
    let codeRegion = UnsafeBufferPointer(rebasing: line[relay...])
    let key = AnalysisKey(codes: Self.key(found), text: ReplyTemplate.hash(codeRegion))
    if let known = analyses[key] { return known }
    let made = analyze(line: line, region: codeRegion, found: found)
    remember(made, key)
    return made
  }

  private mutating func remember(_ analysis: ReplyAnalysis, _ key: AnalysisKey) {
    if analyses.count >= maximumAnalyses { analyses.removeAll(keepingCapacity: true) }
    analyses[key] = analysis
  }

  private func analyze(
    line: UnsafeBufferPointer<UInt8>, region: UnsafeBufferPointer<UInt8>, found: FoundCodes
  ) -> ReplyAnalysis {
    let explanation = catalog.explain(bytes: Array(region))
    let severity =
      found.basic.flatMap { Severity(classDigit: $0 / 100) }
      ?? found.enhanced.flatMap { Severity(classDigit: $0.classDigit) }
    let provider = explanation.provider.flatMap { p in
      catalog.providers.firstIndex { $0.id == p.id }
    }
    // The template is the reply itself: from its code, without Postfix's "(in reply to …)".
    let replyStart = found.basicOffset ?? found.enhancedOffset ?? 0
    var reply = UnsafeBufferPointer(rebasing: line[replyStart...])
    if let cut = Self.inReplyTo.withUnsafeBufferPointer({ LoweredText.find($0, in: reply) }) {
      reply = UnsafeBufferPointer(rebasing: reply[..<cut])
    }
    var template = ReplyTemplate.text(reply, limit: 300)
    while template.last == " " { template.removeLast() }
    // Postfix's "status=sent (250 …)": the closing parenthesis is not the reply's.
    if template.last == ")",
      template.utf8.count(where: { $0 == 0x29 }) > template.utf8.count(where: { $0 == 0x28 })
    {
      template.removeLast()
    }
    let sampleBytes = line.prefix(400)
    var sample = String(decoding: sampleBytes, as: UTF8.self)
    if line.count > 400 { sample += "…" }
    return ReplyAnalysis(
      basic: found.basic, enhanced: found.enhanced, severity: severity,
      reason: explanation.reason, provider: provider,
      verdict: explanation.verdictPhrase,
      meaning: meaning(found.basic, found.enhanced), template: template, sample: sample)
  }

  static let inReplyTo = Array(" (in reply to ".utf8)

  /// Where `relay=` (Postfix, sendmail) or ` H=` (Exim) starts before the codes: what the
  /// analysis reads, so the relay's name helps find the provider.
  static func relayStart(_ line: UnsafeBufferPointer<UInt8>, before limit: Int) -> Int? {
    guard let base = line.baseAddress else { return nil }
    let end = min(limit, line.count)
    var i = 0
    while i < end {
      guard let hit = memchr(base + i, 0x3D, end - i) else { return nil }
      let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if at >= 5, line[at - 5] == 0x72, line[at - 4] == 0x65, line[at - 3] == 0x6C,
        line[at - 2] == 0x61, line[at - 1] == 0x79
      {
        return at - 5
      }
      if at >= 2, line[at - 1] == 0x48, line[at - 2] == 0x20 { return at - 1 }
      i = at + 1
    }
    return nil
  }

  private func meaning(_ basic: Int?, _ enhanced: EnhancedCode?) -> String {
    if let enhanced, let entry = catalog.entry(enhanced.catalogCode) { return entry.summary }
    if let basic, let entry = catalog.entry(String(basic)) {
      if let enhanced {
        return entry.summary + " (\(enhanced) is not in the registry)"
      }
      return entry.summary
    }
    if let enhanced {
      let subject =
        catalog.entry(enhanced.subjectCode)?.title
        ?? (enhanced.subject < Catalog.subjectNames.count
          ? Catalog.subjectNames[enhanced.subject] : "unknown subject")
      return "\(subject); \(enhanced) is not in the registry"
    }
    return "not in the catalog"
  }

  // MARK: - Groups

  private func groupKey(_ a: ReplyAnalysis) -> (GroupKey, String?) {
    let codes = Self.key(FoundCodes(basic: a.basic, enhanced: a.enhanced))
    let reason = UInt64(Reason.allCases.firstIndex(of: a.reason) ?? 0)
    let provider = UInt64((a.provider ?? -1) + 1)
    switch grouping {
    case .codeAndReason: return (GroupKey(a: codes, b: reason << 32 | provider), nil)
    case .code: return (GroupKey(a: codes), nil)
    case .reason: return (GroupKey(b: reason), a.reason.rawValue)
    case .provider:
      return (GroupKey(b: provider), a.provider.map { catalog.providers[$0].name } ?? "-")
    case .template: return (GroupKey(text: a.template), a.template)
    case .domain: return (GroupKey(), nil)  // decided per line
    }
  }

  private mutating func group(_ key: GroupKey, label: String?) -> GroupState {
    if let index = groupIndex[key] { return groups[index] }
    if groups.count >= maximumGroups { fold() }
    let made = GroupState(key: key, label: label)
    groupIndex[key] = groups.count
    groups.append(made)
    if tracksNewGroups { created.append(made) }
    return made
  }

  /// Folds the rarer half of the groups into the "other" row, keeping their counts and times.
  private mutating func fold() {
    let order = groups.indices.sorted { groups[$0].count > groups[$1].count }
    let keep = order.prefix(max(1, maximumGroups / 2))
    let other = self.other ?? GroupState(key: GroupKey(), label: "other")
    var kept: [GroupState] = []
    var isKept = [Bool](repeating: false, count: groups.count)
    for index in keep { isKept[index] = true }
    for (index, group) in groups.enumerated() {
      if isKept[index] {
        kept.append(group)
      } else {
        other.count += group.count
        other.see(group.first)
        other.see(group.last)
        other.otherDomains += group.count
        foldedGroups += 1
      }
    }
    self.other = other
    groups = kept
    groupIndex.removeAll(keepingCapacity: true)
    for (index, group) in groups.enumerated() { groupIndex[group.key] = index }
    generation += 1
    created.removeAll { g in !groups.contains { $0 === g } }
  }

  private func count(_ analysis: ReplyAnalysis, in group: GroupState) {
    for k in group.variants.indices where group.variants[k].analysis === analysis {
      group.variants[k].count += 1
      return
    }
    // After the cache was emptied, an equal analysis is a new object: match it by what it says.
    for k in group.variants.indices {
      let v = group.variants[k].analysis
      if v.template == analysis.template, v.basic == analysis.basic,
        v.enhanced == analysis.enhanced, v.reason == analysis.reason,
        v.provider == analysis.provider
      {
        group.variants[k].count += 1
        return
      }
    }
    if group.variants.count < Self.maximumVariants {
      group.variants.append((analysis, 1))
    } else if let least = group.variants.indices.min(by: {
      group.variants[$0].count < group.variants[$1].count
    }) {
      // Space-saving: the newcomer replaces the rarest variant and inherits its count.
      group.variants[least] = (analysis, group.variants[least].count + 1)
    }
  }

  /// Makes sure the domain has a name; false when the table of names is full.
  private mutating func name(
    _ hash: UInt64, _ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
  ) -> Bool {
    if domainNames[hash] != nil { return true }
    guard domainNames.count < Self.maximumDomainNames else { return false }
    domainNames[hash] = LogDomain.lowered(line, range)
    return true
  }

  private func row(_ group: GroupState) -> ScanRow { row(group, isOther: false) }

  private func row(_ group: GroupState, isOther: Bool) -> ScanRow {
    let top = group.variants.max { $0.count < $1.count }?.analysis
    var samples = top.map { [$0.sample] } ?? []
    for variant in group.variants.sorted(by: { $0.count > $1.count }) where samples.count < 3 {
      if !samples.contains(variant.analysis.sample) { samples.append(variant.analysis.sample) }
    }
    var providerCount = 0
    if let provider = top?.provider {
      providerCount = group.variants.reduce(0) {
        $0 + ($1.analysis.provider == provider ? $1.count : 0)
      }
      if grouping == .codeAndReason || grouping == .provider { providerCount = group.count }
    }
    let domains = group.domains.sorted {
      $0.value != $1.value
        ? $0.value > $1.value : (domainNames[$0.key] ?? "") < (domainNames[$1.key] ?? "")
    }.prefix(5).map { (domain: domainNames[$0.key] ?? "?", count: $0.value) }
    let shown = domains.reduce(0) { $0 + $1.count }
    return ScanRow(
      basic: top?.basic, enhanced: top?.enhanced, count: group.count, severity: top?.severity,
      meaning: top?.meaning ?? "groups folded together to bound memory",
      provider: top?.provider.map { catalog.providers[$0] }, providerCount: providerCount,
      reason: top?.reason ?? .unknown,
      verdict: top?.verdict ?? "Rarer groups, folded together to bound memory",
      domains: domains, otherDomains: group.count - shown, firstSeen: group.first,
      lastSeen: group.last, template: top?.template ?? "", sample: top?.sample ?? "",
      samples: samples,
      label: isOther ? "other" : group.label, isOther: isOther,
      foldedGroups: isOther ? foldedGroups : 0)
  }

  // MARK: - Keys

  static func key(_ found: FoundCodes) -> UInt64 {
    var key = UInt64(found.basic ?? 0) << 32
    if let enhanced = found.enhanced {
      key |=
        1 << 31 | UInt64(enhanced.classDigit) << 20 | UInt64(enhanced.subject) << 10
        | UInt64(enhanced.detail)
    }
    return key
  }
}
