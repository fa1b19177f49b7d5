#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits a stream of chunks into lines without ever holding more than one line (at most
/// `maximumLine` bytes of it): longer lines are cut, the rest of them skipped.
public struct LineSplitter {
  public let maximumLine: Int
  private var carry: [UInt8] = []
  private var skippingRest = false

  public init(maximumLine: Int = ReplyParser.maximumInput) {
    self.maximumLine = maximumLine
  }

  /// Calls `body` with every complete line in `chunk` (without its LF or CRLF).
  public mutating func feed(
    _ chunk: UnsafeRawBufferPointer, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) rethrows {
    guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    let count = chunk.count
    var start = 0
    while start < count {
      let rest = count - start
      guard let hit = memchr(base + start, 0x0A, rest) else {
        append(UnsafeBufferPointer(start: base + start, count: rest))
        return
      }
      let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      let piece = UnsafeBufferPointer(start: base + start, count: end - start)
      if carry.isEmpty, !skippingRest {
        try body(Self.trimmingCR(piece.prefix(maximumLine)))
      } else {
        append(piece)
        try carry.withUnsafeBufferPointer { try body(Self.trimmingCR($0[...])) }
        carry.removeAll(keepingCapacity: true)
      }
      skippingRest = false
      start = end + 1
    }
  }

  /// Calls `body` with the last line if the stream did not end with a line break.
  public mutating func finish(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
    if !carry.isEmpty {
      try carry.withUnsafeBufferPointer { try body(Self.trimmingCR($0[...])) }
    }
    carry.removeAll()
    skippingRest = false
  }

  private mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
    let room = maximumLine - carry.count
    if piece.count > room {
      carry.append(contentsOf: piece.prefix(max(0, room)))
      skippingRest = true
    } else {
      carry.append(contentsOf: piece)
    }
  }

  private static func trimmingCR(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> UnsafeBufferPointer<
    UInt8
  > {
    let rebased = UnsafeBufferPointer(rebasing: line)
    if let last = rebased.last, last == 0x0D {
      return UnsafeBufferPointer(rebasing: rebased.dropLast())
    }
    return rebased
  }
}

/// Finds the first provider (in catalog order) whose marker occurs in a line, in one pass.
///
/// A 64 Ki-entry table of the markers' first two bytes (lower-cased) lets most positions be
/// rejected with one lookup; only positions that start a marker's bigram are compared in full.
public struct MarkerMatcher: Sendable {
  private let markers: [[UInt8]]
  private let owners: [Int]
  /// For each bigram, the indices of the markers that start with it (empty for most).
  private let byBigram: [[Int32]]
  private let hasBigram: [Bool]

  public init(providers: [Provider]) {
    var markers: [[UInt8]] = []
    var owners: [Int] = []
    for (index, provider) in providers.enumerated() {
      for marker in provider.markers where marker.utf8.count >= 2 {
        markers.append(Array(marker.lowercased().utf8))
        owners.append(index)
      }
    }
    var byBigram = [[Int32]](repeating: [], count: 65536)
    var hasBigram = [Bool](repeating: false, count: 65536)
    for (index, marker) in markers.enumerated() {
      let bigram = Int(marker[0]) << 8 | Int(marker[1])
      byBigram[bigram].append(Int32(index))
      hasBigram[bigram] = true
    }
    self.markers = markers
    self.owners = owners
    self.byBigram = byBigram
    self.hasBigram = hasBigram
  }

  /// The index (into the providers given at init) of the first provider found, or nil.
  public func provider(in line: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = line.count
    guard n >= 2 else { return nil }
    var best = Int.max
    hasBigram.withUnsafeBufferPointer { table in
      var previous = lower(line[0])
      for i in 1..<n {
        let current = lower(line[i])
        let bigram = Int(previous) << 8 | Int(current)
        previous = current
        guard table[bigram] else { continue }
        for index in byBigram[bigram] {
          let marker = markers[Int(index)]
          let start = i - 1
          guard owners[Int(index)] < best, start + marker.count <= n else { continue }
          var same = true
          for k in 2..<marker.count where lower(line[start + k]) != marker[k] {
            same = false
            break
          }
          if same { best = owners[Int(index)] }
        }
      }
    }
    return best == Int.max ? nil : best
  }

  @inline(__always) private func lower(_ b: UInt8) -> UInt8 {
    b &- 0x41 < 26 ? b | 0x20 : b
  }
}

/// One row of `scan`'s table: a reply (basic and enhanced code) and how often it was seen.
public struct ScanRow: Sendable {
  public let basic: Int?
  public let enhanced: EnhancedCode?
  public let count: Int
  public let severity: Severity?
  /// One line: the catalog summary of the most specific code known.
  public let meaning: String
  public let provider: Provider?
  /// How many of the lines named the top provider.
  public let providerCount: Int

  public var code: String? { basic.map(String.init) }
}

/// Counts the replies in a log, line by line, in memory bounded by the number of distinct replies.
public struct ReplyTally {
  public private(set) var lines = 0
  public private(set) var replies = 0
  private var counts: [UInt64: Int] = [:]
  private var providerCounts: [UInt64: [Int: Int]] = [:]
  private let matcher: MarkerMatcher
  private let catalog: Catalog
  /// Distinct replies kept; beyond it, new ones count only in the totals (a hostile log cannot
  /// grow memory without bound).
  public static let maximumDistinct = 10_000

  public init(catalog: Catalog = .builtIn) {
    self.catalog = catalog
    matcher = MarkerMatcher(providers: catalog.providers)
  }

  public mutating func add(line: UnsafeBufferPointer<UInt8>) {
    lines += 1
    let found = ReplyParser.find(in: line)
    guard !found.isEmpty else { return }
    replies += 1
    let key = Self.key(found)
    if let count = counts[key] {
      counts[key] = count + 1
    } else {
      guard counts.count < Self.maximumDistinct else { return }
      counts[key] = 1
    }
    if let provider = matcher.provider(in: line) {
      providerCounts[key, default: [:]][provider, default: 0] += 1
    }
  }

  /// Most frequent first; ties by code.
  public func rows() -> [ScanRow] {
    var rows: [(UInt64, ScanRow)] = counts.map { key, count in
      let (basic, enhanced) = Self.codes(key)
      let top = providerCounts[key]?.max {
        $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key
      }
      return (
        key,
        ScanRow(
          basic: basic, enhanced: enhanced, count: count,
          severity: basic.flatMap { Severity(classDigit: $0 / 100) }
            ?? enhanced.flatMap { Severity(classDigit: $0.classDigit) },
          meaning: meaning(basic, enhanced),
          provider: top.map { catalog.providers[$0.key] }, providerCount: top?.value ?? 0)
      )
    }
    rows.sort { $0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0.0 < $1.0 }
    return rows.map(\.1)
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

  static func key(_ found: FoundCodes) -> UInt64 {
    var key = UInt64(found.basic ?? 0) << 32
    if let enhanced = found.enhanced {
      key |=
        1 << 31 | UInt64(enhanced.classDigit) << 20 | UInt64(enhanced.subject) << 10
        | UInt64(enhanced.detail)
    }
    return key
  }

  static func codes(_ key: UInt64) -> (Int?, EnhancedCode?) {
    let basic = Int(key >> 32)
    var enhanced: EnhancedCode?
    if key & (1 << 31) != 0 {
      enhanced = EnhancedCode(
        classDigit: Int(key >> 20 & 0x3FF), subject: Int(key >> 10 & 0x3FF),
        detail: Int(key & 0x3FF))
    }
    return (basic == 0 ? nil : basic, enhanced)
  }
}
