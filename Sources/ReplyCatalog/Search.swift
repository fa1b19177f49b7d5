/// A ranked search result.
public struct SearchHit: Sendable {
  public let entry: CatalogEntry
  public let score: Double
  /// Set when the query named this code exactly ("5.1.1"), keeping the class the user gave.
  public let reference: CodeReference?
}

/// An inverted index over every entry's words, weighted by the field they stand in.
///
/// Built once per catalog on first search; a query then costs a dictionary probe per word, a
/// binary search for prefixes and, for typos, one bounded edit-distance pass over the vocabulary.
public final class SearchIndex: Sendable {
  struct Posting: Sendable {
    let entry: Int32
    let weight: Float
  }

  let catalog: Catalog
  /// Sorted, so that the terms a prefix starts are one contiguous range.
  let vocabulary: [String]
  let postings: [[Posting]]
  let termIndex: [String: Int]
  /// The vocabulary as bytes, and term indices by byte length, for the typo pass.
  let vocabularyBytes: [[UInt8]]
  let termsByLength: [[Int]]
  /// Which characters each term contains, as bits: a cheap test that rules out most terms
  /// before an edit distance is computed.
  let vocabularyMasks: [UInt64]
  /// Per entry, bit n set when a word of its title starts with the letter "a" + n: what a
  /// one-letter query, too short for the word index, matches.
  let titleInitials: [UInt32]
  /// Per entry: 1 for codes an RFC defines, less for registry-only, draft and observed ones.
  let originWeights: [Double]

  public init(_ catalog: Catalog) {
    self.catalog = catalog
    var weights: [String: [Int32: Float]] = [:]
    func add(_ text: String, _ weight: Float, _ entry: Int32) {
      for word in Self.words(text) {
        weights[word, default: [:]][entry, default: 0] += weight
      }
    }
    for (position, entry) in catalog.entries.enumerated() {
      let id = Int32(position)
      add(entry.code, 20, id)
      add(entry.title, 10, id)
      add(entry.summary, 6, id)
      add(entry.description, 3, id)
      add(entry.whenYouSeeIt, 2, id)
      add(entry.howToFix, 2, id)
      add(entry.retryNote, 1, id)
      for note in entry.notes { add(note, 2, id) }
      for reference in entry.references { add(reference, 2, id) }
      for text in entry.serverTexts { add(text.text + " " + text.source, 1, id) }
    }
    originWeights = catalog.entries.map { $0.origin == .standard ? 1 : 0.5 }
    vocabulary = weights.keys.sorted()
    var termIndex: [String: Int] = [:]
    termIndex.reserveCapacity(vocabulary.count)
    postings = vocabulary.enumerated().map { index, term in
      termIndex[term] = index
      // Dampen repetition: a word said ten times is not ten times as relevant.
      return weights[term]!.map { Posting(entry: $0.key, weight: $0.value.squareRoot()) }
    }
    self.termIndex = termIndex
    vocabularyBytes = vocabulary.map { Array($0.utf8) }
    var byLength: [[Int]] = []
    for (index, term) in vocabularyBytes.enumerated() {
      while byLength.count <= term.count { byLength.append([]) }
      byLength[term.count].append(index)
    }
    termsByLength = byLength
    vocabularyMasks = vocabularyBytes.map(Self.characterMask)
    titleInitials = catalog.entries.map { entry in
      var mask: UInt32 = 0
      var atWordStart = true
      for byte in entry.title.utf8 {
        let lower = byte | 0x20
        let isLetter = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
        if atWordStart, isLetter { mask |= 1 << UInt32(lower - UInt8(ascii: "a")) }
        atWordStart = !(isLetter || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80)
      }
      return mask
    }
  }

  /// Entries with a title word starting with `letter`, in catalog order.
  func positions(withTitleInitial letter: UInt8) -> [Int] {
    let lower = letter | 0x20
    guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return [] }
    let bit: UInt32 = 1 << UInt32(lower - UInt8(ascii: "a"))
    return titleInitials.indices.filter { titleInitials[$0] & bit != 0 }
  }

  static func characterMask(_ bytes: [UInt8]) -> UInt64 {
    var mask: UInt64 = 0
    for byte in bytes {
      let bit: UInt8
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"): bit = byte - UInt8(ascii: "a")
      case UInt8(ascii: "0")...UInt8(ascii: "9"): bit = 26 + byte - UInt8(ascii: "0")
      default: bit = 36 + byte % 28
      }
      mask |= 1 << UInt64(bit)
    }
    return mask
  }

  /// Lower-cased ASCII words of two characters or more; dots inside codes are kept ("5.1.1").
  static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current: [UInt8] = []
    func flush() {
      while current.last == UInt8(ascii: ".") { current.removeLast() }
      if current.count >= 2 { words.append(String(decoding: current, as: UTF8.self)) }
      current.removeAll(keepingCapacity: true)
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        current.append(byte)
      case UInt8(ascii: ".") where !current.isEmpty: current.append(byte)
      case 0x80...: current.append(byte)
      default: flush()
      }
    }
    flush()
    return words
  }

  /// Adds one query word's scores to `scratch`: exact words count fully, prefixes and near-misses
  /// less. Each entry keeps its best match for the word.
  func score(_ word: String, into scratch: inout Scratch) {
    scratch.beginWord()
    if let exact = termIndex[word] { scratch.credit(postings[exact], 1) }
    if word.utf8.count >= 2 {
      var index = lowerBound(word)
      while index < vocabulary.count, vocabulary[index].hasPrefix(word) {
        if vocabulary[index] != word { scratch.credit(postings[index], 0.6) }
        index += 1
      }
    }
    let length = word.utf8.count
    if length >= 4 {
      let allowed = length >= 8 ? 2 : 1
      let query = Array(word.utf8)
      let queryMask = Self.characterMask(query)
      // Only terms of a nearby length can be within the allowed distance, and each edit adds or
      // removes at most two distinct characters.
      for termLength in max(1, length - allowed)...(length + allowed)
      where termLength < termsByLength.count {
        for index in termsByLength[termLength] {
          guard (vocabularyMasks[index] ^ queryMask).nonzeroBitCount <= 2 * allowed else {
            continue
          }
          let term = vocabularyBytes[index]
          guard term != query else { continue }
          if editDistance(query, term, limit: allowed, buffer: &scratch.distanceRows) <= allowed {
            scratch.credit(postings[index], 0.45)
          }
        }
      }
    }
    scratch.endWord()
  }

  /// Per-query working memory, dense over the catalog so that no dictionary is hashed per entry.
  struct Scratch {
    var totals: [Double]
    var matchedWords: [Int32]
    var wordBest: [Float]
    var touched: [Int32] = []
    var wordTouched: [Int32] = []
    var distanceRows: [Int] = []

    init(count: Int) {
      totals = Array(repeating: 0, count: count)
      matchedWords = Array(repeating: 0, count: count)
      wordBest = Array(repeating: 0, count: count)
    }

    mutating func beginWord() { wordTouched.removeAll(keepingCapacity: true) }

    mutating func credit(_ list: [Posting], _ quality: Float) {
      for posting in list {
        let entry = Int(posting.entry)
        let score = posting.weight * quality
        if wordBest[entry] == 0 { wordTouched.append(posting.entry) }
        if score > wordBest[entry] { wordBest[entry] = score }
      }
    }

    mutating func endWord() {
      for entry in wordTouched {
        let position = Int(entry)
        if matchedWords[position] == 0 { touched.append(entry) }
        totals[position] += Double(wordBest[position])
        matchedWords[position] += 1
        wordBest[position] = 0
      }
    }
  }

  func lowerBound(_ word: String) -> Int {
    var low = 0
    var high = vocabulary.count
    while low < high {
      let middle = (low + high) / 2
      if vocabulary[middle] < word { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Catalog positions with their scores, best first; ties in catalog (list) order.
  func ranked(_ query: String) -> [(position: Int32, score: Double)] {
    let words = Self.words(query)
    guard !words.isEmpty else { return [] }
    var scratch = Scratch(count: catalog.entries.count)
    for word in words { score(word, into: &scratch) }
    // Prefer entries that match every word; fall back to the best partial matches.
    var best: Int32 = 0
    for entry in scratch.touched { best = max(best, scratch.matchedWords[Int(entry)]) }
    // Sort one integer per hit: the score's bits inverted (for positive floats the bit pattern
    // orders like the value) above the position. Entries are stored in list order, so the
    // position breaks ties as the list order does. Much faster than a closure over tuples.
    var keys: [UInt64] = []
    keys.reserveCapacity(scratch.touched.count)
    for entry in scratch.touched where scratch.matchedWords[Int(entry)] == best {
      // Codes an RFC defines come first among near-equal matches: a registry-only or observed
      // code that mentions a word more often must not push the standard ones down.
      scratch.totals[Int(entry)] *= originWeights[Int(entry)]
      let score = Float(scratch.totals[Int(entry)])
      keys.append(UInt64(~score.bitPattern) << 32 | UInt64(UInt32(entry)))
    }
    keys.sort()
    return keys.map { key in
      let position = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
      return (position, scratch.totals[Int(position)])
    }
  }
}

/// Levenshtein distance with adjacent transpositions, giving up once it exceeds `limit`; `buffer`
/// holds its three rows, so that a pass over a vocabulary allocates once.
func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int, buffer: inout [Int]) -> Int {
  if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
  let stride = b.count + 1
  if buffer.count < 3 * stride { buffer = Array(repeating: 0, count: 3 * stride) }
  return buffer.withUnsafeMutableBufferPointer { rows in
    var previousPrevious = 0
    var previous = stride
    var current = 2 * stride
    for j in 0...b.count { rows[previous + j] = j }
    for i in 1...a.count {
      rows[current] = i
      var rowMinimum = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(
          rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, rows[previousPrevious + j - 2] + 1)
        }
        rows[current + j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if rowMinimum > limit { return rowMinimum }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return rows[previous + b.count]
  }
}

extension Catalog {
  /// Full-text search over codes, titles and every section, ranked; tolerant of typos.
  ///
  /// A query that names a code ("5.1.1", "421", "550 5.1.1") puts those entries first; a code
  /// prefix ("55", "5.7.") finds the codes it starts.
  public func search(_ query: String, index: SearchIndex? = nil) -> [SearchHit] {
    ranked(query, index: index).map {
      SearchHit(entry: entries[$0.position], score: $0.score, reference: $0.reference)
    }
  }

  /// The same ranking as `search`, as positions in `entries`: what a list filtered at every
  /// keystroke needs, without copying entries.
  public func searchPositions(_ query: String, index: SearchIndex? = nil) -> [Int] {
    var references: [Int: CodeReference] = [:]
    return rankedPositions(query, index: index, references: &references).map(\.position)
  }

  func ranked(_ query: String, index: SearchIndex?) -> [(
    position: Int, score: Double, reference: CodeReference?
  )] {
    var references: [Int: CodeReference] = [:]
    return rankedPositions(query, index: index, references: &references).map {
      ($0.position, $0.score, references[$0.position])
    }
  }

  /// The ranking itself, kept to small values (a list of a whole large catalog moves fast);
  /// the code references an exact query names come back through `references`.
  func rankedPositions(_ query: String, index: SearchIndex?, references: inout [Int: CodeReference])
    -> [(position: Int, score: Double)]
  {
    let trimmed = query.trimmingCharacters(in: " \t\r\n")
    guard !trimmed.isEmpty else { return [] }
    var hits: [(position: Int, score: Double)] = []
    var seen = [Bool](repeating: false, count: entries.count)
    if let found = try? lookup(trimmed) {
      for reference in found {
        guard let position = indexByCode[reference.entry.code], !seen[position] else { continue }
        seen[position] = true
        references[position] = reference
        hits.append((position, .infinity))
      }
    }
    for position in positions(withCodePrefix: trimmed) where !seen[position] {
      seen[position] = true
      hits.append((position, 1_000))
    }
    let index = index ?? SearchIndex(self)
    for hit in index.ranked(trimmed) where !seen[Int(hit.position)] {
      hits.append((Int(hit.position), hit.score))
    }
    // One letter: titles with a word starting with it.
    if hits.isEmpty, trimmed.utf8.count == 1, let letter = trimmed.utf8.first {
      hits = index.positions(withTitleInitial: letter).map { ($0, 1) }
    }
    return hits
  }

  /// Entries whose code starts with what was typed: "55" → 550…557, "5.7" → X.7.X, X.7.1, …
  public func entries(withCodePrefix prefix: String) -> [CatalogEntry] {
    positions(withCodePrefix: prefix).map { entries[$0] }
  }

  func positions(withCodePrefix prefix: String) -> [Int] {
    guard let first = prefix.first, first.isASCIIDigit || first == "x" || first == "X",
      prefix.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "x" || $0 == "X" })
    else { return [] }
    let upper = prefix.uppercased()
    let wanted: [UInt8]
    let kind: CodeKind
    if !upper.contains(".") {
      guard upper.count < 3, first.isASCIIDigit else { return [] }
      wanted = Array(upper.utf8)
      kind = .basic
    } else {
      // An enhanced prefix matches with or without its class: "5.7" and "X.7" both find X.7.*.
      wanted = Array(("X" + upper.dropFirst()).utf8)
      kind = .enhanced
    }
    // Reads fields in place: copying whole entries would cost too much on very large catalogs.
    return entries.withUnsafeBufferPointer { buffer in
      var result: [Int] = []
      for position in buffer.indices where buffer[position].kind == kind {
        let matches = buffer[position].code.utf8.starts(with: wanted)
        if matches, kind == .basic || !buffer[position].code.hasSuffix(".X.X") {
          result.append(position)
        }
      }
      return result
    }
  }
}

extension String {
  /// Drops the given characters from both ends (Foundation-free).
  public func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self)
    while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
    while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
    return String(scalars)
  }
}
