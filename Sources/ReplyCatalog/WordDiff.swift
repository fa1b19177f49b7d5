/// A run of one side's text, and whether the other side keeps it too.
///
/// A side's segments, concatenated, are exactly its text; adjacent segments differ in `same`.
public struct DiffSegment: Sendable, Hashable {
  public let text: String
  /// True for words (and the punctuation and whitespace between them) that both sides have.
  public let same: Bool

  public init(text: String, same: Bool) {
    self.text = text
    self.same = same
  }
}

/// The segments of both sides of one compared value.
public struct DiffSides: Sendable, Hashable {
  public let left: [DiffSegment]
  public let right: [DiffSegment]

  public init(left: [DiffSegment], right: [DiffSegment]) {
    self.left = left
    self.right = right
  }
}

/// Word-level differences between two texts, and set differences between two lists.
public enum WordDiff {
  /// Splits a text into words, single punctuation characters and whitespace runs; the tokens,
  /// concatenated, are exactly the text. A word is a run of letters, digits and "_", with "'",
  /// "’", "-" and "." inside it when a letter or digit follows ("sender's", "5.1.1", "re-send").
  public static func tokens(_ text: String) -> [Substring] {
    // Unicode scalars rather than Characters: several times faster, and a combining mark (or a
    // joiner, or a variation selector) stays with the token before it, so words keep their
    // accents and the tokens still rebuild the text exactly.
    let scalars = text.unicodeScalars
    var result: [Substring] = []
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let start = index
      let kind = Self.kind(of: scalars[index])
      scalars.formIndex(after: &index)
      while index < scalars.endIndex {
        let next = scalars[index]
        let nextKind = Self.kind(of: next)
        if nextKind == .mark || (nextKind == kind && kind != .punctuation) {
          scalars.formIndex(after: &index)
        } else if kind == .word, joiners.contains(next),
          case let after = scalars.index(after: index),
          after < scalars.endIndex, Self.kind(of: scalars[after]) == .word
        {
          index = scalars.index(after: after)
        } else {
          break
        }
      }
      result.append(Substring(scalars[start..<index]))
    }
    return result
  }

  /// The word-level diff of two texts: a longest common subsequence of their word and
  /// punctuation tokens (whitespace is not compared). Whitespace between two kept tokens is kept;
  /// equal texts are one kept segment each.
  public static func diff(_ left: String, _ right: String) -> DiffSides {
    if left == right {
      return DiffSides(left: merged([(left[...], true)]), right: merged([(right[...], true)]))
    }
    let leftTokens = tokens(left)
    let rightTokens = tokens(right)
    var ids: [Substring: Int] = [:]
    func compared(_ tokens: [Substring]) -> (positions: [Int], ids: [Int], lengths: [Int]) {
      var positions: [Int] = []
      var result: [Int] = []
      var lengths: [Int] = []
      for (position, token) in tokens.enumerated()
      where kind(of: token.unicodeScalars.first!) != .whitespace {
        positions.append(position)
        lengths.append(token.utf8.count)
        if let id = ids[token] {
          result.append(id)
        } else {
          ids[token] = ids.count
          result.append(ids.count - 1)
        }
      }
      return (positions, result, lengths)
    }
    let leftWords = compared(leftTokens)
    let rightWords = compared(rightTokens)
    let filler = Set(
      ids.compactMap { token, id in
        stopwords.contains(token) || !isWordCharacter(token.first!) ? id : nil
      })
    let pairs = cleanedUp(
      matches(leftWords.ids, rightWords.ids), leftWords.ids, rightWords.ids,
      leftLengths: leftWords.lengths, rightLengths: rightWords.lengths, filler: filler)
    var leftKept = [Bool](repeating: false, count: leftWords.ids.count)
    var rightKept = [Bool](repeating: false, count: rightWords.ids.count)
    for pair in pairs {
      leftKept[pair.left] = true
      rightKept[pair.right] = true
    }
    return DiffSides(
      left: segments(leftTokens, positions: leftWords.positions, kept: leftKept),
      right: segments(rightTokens, positions: rightWords.positions, kept: rightKept))
  }

  /// Two lists as sets: an item the other side lacks is not `same`; separators always are.
  /// Each side's segments rebuild `items.joined(separator: separator)`.
  public static func setDiff(_ left: [String], _ right: [String], separator: String = ", ")
    -> DiffSides
  {
    func side(_ items: [String], other: Set<String>) -> [DiffSegment] {
      var pieces: [(Substring, Bool)] = []
      for (index, item) in items.enumerated() {
        if index > 0 { pieces.append((separator[...], true)) }
        pieces.append((item[...], other.contains(item)))
      }
      return merged(pieces)
    }
    return DiffSides(left: side(left, other: Set(right)), right: side(right, other: Set(left)))
  }

  // MARK: Matching

  /// The most cells the quadratic LCS table may have for one stretch (about 500 tokens a side,
  /// a few pages of prose; catalog fields are well under it). Larger stretches are split at
  /// tokens that occur once on each side (patience diff) and each piece is matched on its own;
  /// a large stretch with no such anchor is left unmatched: a coarser diff, never a slow one.
  static let cellLimit = 250_000

  /// How deep the patience split recurses before giving up on a stretch (also coarse, not slow).
  static let maximumDepth = 32

  struct Pair: Equatable {
    let left: Int
    let right: Int
  }

  /// Matched token pairs, in increasing order on both sides.
  static func matches(_ left: [Int], _ right: [Int]) -> [Pair] {
    var pairs: [Pair] = []
    match(left, right, 0..<left.count, 0..<right.count, depth: 0, into: &pairs)
    return pairs
  }

  private static func match(
    _ a: [Int], _ b: [Int], _ aRange: Range<Int>, _ bRange: Range<Int>, depth: Int,
    into pairs: inout [Pair]
  ) {
    var (aLow, aHigh, bLow, bHigh) = (
      aRange.lowerBound, aRange.upperBound, bRange.lowerBound, bRange.upperBound
    )
    while aLow < aHigh, bLow < bHigh, a[aLow] == b[bLow] {
      pairs.append(Pair(left: aLow, right: bLow))
      aLow += 1
      bLow += 1
    }
    var suffix: [Pair] = []
    while aLow < aHigh, bLow < bHigh, a[aHigh - 1] == b[bHigh - 1] {
      aHigh -= 1
      bHigh -= 1
      suffix.append(Pair(left: aHigh, right: bHigh))
    }
    defer { pairs += suffix.reversed() }
    let (n, m) = (aHigh - aLow, bHigh - bLow)
    guard n > 0, m > 0 else { return }
    if n * m <= cellLimit {
      longestCommonSubsequence(a, b, aLow..<aHigh, bLow..<bHigh, into: &pairs)
      return
    }
    guard depth < maximumDepth else { return }
    let anchors = uniqueAnchors(a, b, aLow..<aHigh, bLow..<bHigh)
    var (aFrom, bFrom) = (aLow, bLow)
    for anchor in anchors {
      match(a, b, aFrom..<anchor.left, bFrom..<anchor.right, depth: depth + 1, into: &pairs)
      pairs.append(anchor)
      (aFrom, bFrom) = (anchor.left + 1, anchor.right + 1)
    }
    if !anchors.isEmpty {
      match(a, b, aFrom..<aHigh, bFrom..<bHigh, depth: depth + 1, into: &pairs)
    }
  }

  /// The classic dynamic programme over one stretch (its size bounded by `cellLimit`).
  private static func longestCommonSubsequence(
    _ a: [Int], _ b: [Int], _ aRange: Range<Int>, _ bRange: Range<Int>, into pairs: inout [Pair]
  ) {
    let (n, m) = (aRange.count, bRange.count)
    let width = m + 1
    // lengths[i * width + j]: the LCS length of a[aLow + i...] and b[bLow + j...].
    var lengths = [Int32](repeating: 0, count: (n + 1) * width)
    for i in stride(from: n - 1, through: 0, by: -1) {
      let ai = a[aRange.lowerBound + i]
      for j in stride(from: m - 1, through: 0, by: -1) {
        lengths[i * width + j] =
          ai == b[bRange.lowerBound + j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
      }
    }
    var (i, j) = (0, 0)
    while i < n, j < m {
      if a[aRange.lowerBound + i] == b[bRange.lowerBound + j] {
        pairs.append(Pair(left: aRange.lowerBound + i, right: bRange.lowerBound + j))
        i += 1
        j += 1
      } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
        i += 1
      } else {
        j += 1
      }
    }
  }

  /// Tokens that occur exactly once in each stretch, as pairs, keeping the longest run that is
  /// in order on both sides (patience sorting).
  private static func uniqueAnchors(
    _ a: [Int], _ b: [Int], _ aRange: Range<Int>, _ bRange: Range<Int>
  ) -> [Pair] {
    var inA: [Int: (count: Int, index: Int)] = [:]
    for i in aRange { inA[a[i], default: (0, i)].count += 1 }
    var inB: [Int: (count: Int, index: Int)] = [:]
    for j in bRange { inB[b[j], default: (0, j)].count += 1 }
    var candidates: [Pair] = []
    for i in aRange {
      guard let left = inA[a[i]], left.count == 1, let right = inB[a[i]], right.count == 1 else {
        continue
      }
      candidates.append(Pair(left: i, right: right.index))
    }
    // Longest increasing subsequence of the right positions, in O(k log k).
    var tails: [Int] = []  // indices into candidates
    var previous = [Int](repeating: -1, count: candidates.count)
    for (index, candidate) in candidates.enumerated() {
      var (low, high) = (0, tails.count)
      while low < high {
        let middle = (low + high) / 2
        if candidates[tails[middle]].right < candidate.right {
          low = middle + 1
        } else {
          high = middle
        }
      }
      if low > 0 { previous[index] = tails[low - 1] }
      if low == tails.count { tails.append(index) } else { tails[low] = index }
    }
    var result: [Pair] = []
    var index = tails.last ?? -1
    while index >= 0 {
      result.append(candidates[index])
      index = previous[index]
    }
    return result.reversed()
  }

  // MARK: Clean-up

  /// Words that do not make two passages the same on their own.
  static let stopwords: Set<Substring> = [
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
    "as", "is", "are", "be", "it", "its", "this", "that", "which", "A", "An", "The", "It", "This",
  ]

  /// A matched run in the middle of changes is dropped when the changes on both sides of it are
  /// more than this many times its length, or those on one side more than twice this many
  /// times: "the mailbox" or "postmaster" shared by two unrelated paragraphs.
  static let weakMatchRatio = 4

  /// Drops the matches a reader would call coincidence: a run of matched tokens with changes
  /// before and after it that holds only function words and punctuation, or that is short next
  /// to the changes around it (see `weakMatchRatio`). Runs at the start or the end always stay,
  /// and so does a word shared by two short values ("retry" in "retry later, with backoff" and
  /// "do not retry until something is fixed"). Repeats until nothing more is dropped.
  static func cleanedUp(
    _ pairs: [Pair], _ left: [Int], _ right: [Int], leftLengths: [Int], rightLengths: [Int],
    filler: Set<Int>
  ) -> [Pair] {
    func prefixSums(_ lengths: [Int]) -> [Int] {
      var sums = [0]
      for length in lengths { sums.append(sums.last! + length) }
      return sums
    }
    let leftSums = prefixSums(leftLengths)
    let rightSums = prefixSums(rightLengths)
    var pairs = pairs
    while !pairs.isEmpty {
      var runs: [Range<Int>] = []
      var start = 0
      while start < pairs.count {
        var end = start + 1
        while end < pairs.count, pairs[end].left == pairs[end - 1].left + 1,
          pairs[end].right == pairs[end - 1].right + 1
        {
          end += 1
        }
        runs.append(start..<end)
        start = end
      }
      var dropped: [Range<Int>] = []
      for (index, run) in runs.enumerated() {
        let first = pairs[run.lowerBound]
        let last = pairs[run.upperBound - 1]
        let previous = index > 0 ? pairs[runs[index - 1].upperBound - 1] : Pair(left: -1, right: -1)
        let next =
          index + 1 < runs.count
          ? pairs[runs[index + 1].lowerBound] : Pair(left: left.count, right: right.count)
        let before = max(
          leftSums[first.left] - leftSums[previous.left + 1],
          rightSums[first.right] - rightSums[previous.right + 1])
        let after = max(
          leftSums[next.left] - leftSums[last.left + 1],
          rightSums[next.right] - rightSums[last.right + 1])
        guard before > 0, after > 0 else { continue }
        let length = leftSums[last.left + 1] - leftSums[first.left]
        let onlyFiller = pairs[run].allSatisfy { filler.contains(left[$0.left]) }
        if onlyFiller || length * weakMatchRatio < min(before, after)
          || length * 2 * weakMatchRatio < max(before, after)
        {
          dropped.append(run)
        }
      }
      if dropped.isEmpty { break }
      for run in dropped.reversed() { pairs.removeSubrange(run) }
    }
    return pairs
  }

  // MARK: Tokens and segments

  enum ScalarKind {
    case word, whitespace, punctuation
    /// Combining marks, joiners and variation selectors: part of the token before them.
    case mark
  }

  /// The kind of each ASCII scalar, looked up rather than worked out (the common case).
  static let asciiKinds: [ScalarKind] = (0..<128).map { value in
    switch value {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: .word
    case 0x09...0x0D, 0x20: .whitespace
    default: .punctuation
    }
  }

  @inline(__always)
  static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
    scalar.isASCII ? asciiKinds[Int(scalar.value)] : nonASCIIKind(of: scalar)
  }

  static func nonASCIIKind(of scalar: Unicode.Scalar) -> ScalarKind {
    let properties = scalar.properties
    switch properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark, .format: return .mark
    default: break
    }
    if properties.isVariationSelector { return .mark }
    if properties.isAlphabetic || properties.numericType != nil { return .word }
    if properties.isWhitespace { return .whitespace }
    return .punctuation
  }

  static func isWordCharacter(_ character: Character) -> Bool {
    character.unicodeScalars.first.map { kind(of: $0) == .word } ?? false
  }

  static let joiners: Set<Unicode.Scalar> = ["'", "’", "-", "."]

  /// Each token kept or not: compared tokens as matched; whitespace kept when every compared
  /// token next to it (before and after; at least one) is kept.
  static func segments(_ tokens: [Substring], positions: [Int], kept: [Bool]) -> [DiffSegment] {
    var keptAt = [Bool?](repeating: nil, count: tokens.count)
    for (index, position) in positions.enumerated() { keptAt[position] = kept[index] }
    var pieces: [(Substring, Bool)] = []
    var previous: Bool? = nil
    var next = 0  // index into positions of the next compared token
    for (position, token) in tokens.enumerated() {
      if let isKept = keptAt[position] {
        pieces.append((token, isKept))
        previous = isKept
        next += 1
      } else {
        let following = next < positions.count ? kept[next] : nil
        let neighbours = [previous, following].compactMap { $0 }
        pieces.append((token, !neighbours.isEmpty && !neighbours.contains(false)))
      }
    }
    return merged(pieces)
  }

  /// Adjacent pieces with the same flag joined; empty pieces dropped.
  static func merged(_ pieces: [(Substring, Bool)]) -> [DiffSegment] {
    var result: [DiffSegment] = []
    var text = ""
    var same = false
    for (piece, flag) in pieces where !piece.isEmpty {
      if flag != same, !text.isEmpty {
        result.append(DiffSegment(text: text, same: same))
        text = ""
      }
      text += piece
      same = flag
    }
    if !text.isEmpty { result.append(DiffSegment(text: text, same: same)) }
    return result
  }
}
