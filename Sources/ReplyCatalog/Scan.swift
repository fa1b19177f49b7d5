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
/// An 8 KiB bit set of hashes of the markers' first four bytes (each byte OR 0x20, which
/// lower-cases letters) rejects almost every position with one load, a multiply and a bit test;
/// only positions whose four bytes hash into the set are compared with the markers. Everything lives in flat arrays, so
/// the loop neither hashes nor retains.
public struct MarkerMatcher: Sendable {
  /// Every marker's bytes, lower-cased, one after another: marker k is `bytes[starts[k]..<starts[k + 1]]`.
  private let bytes: [UInt8]
  private let starts: [Int]
  private let owners: [Int]
  /// Bit `hash(prefix)` is set when a marker starts with that (OR 0x20) four-byte prefix.
  private let prefixBits: [UInt64]
  /// The markers by their first four bytes, sorted: `prefixKeys[g]` starts the markers
  /// `groupMembers[groupStarts[g]..<groupStarts[g + 1]]`.
  private let prefixKeys: [UInt32]
  private let groupStarts: [Int]
  private let groupMembers: [Int]

  public init(providers: [Provider]) {
    var markers: [([UInt8], Int)] = []
    for (index, provider) in providers.enumerated() {
      for marker in provider.markers where marker.utf8.count >= 4 {
        markers.append((Array(marker.lowercased().utf8), index))
      }
    }
    var byPrefix: [UInt32: [Int]] = [:]
    for (index, marker) in markers.enumerated() {
      let prefix = marker.0.prefix(4).withUnsafeBytes { Self.prefix($0.baseAddress!) }
      byPrefix[prefix, default: []].append(index)
    }
    var prefixBits = [UInt64](repeating: 0, count: 1024)
    var prefixKeys: [UInt32] = []
    var groupStarts = [0]
    var groupMembers: [Int] = []
    for (prefix, members) in byPrefix.sorted(by: { $0.key < $1.key }) {
      let bit = Self.hash(prefix)
      prefixBits[bit >> 6] |= 1 << UInt64(bit & 63)
      prefixKeys.append(prefix)
      groupMembers += members
      groupStarts.append(groupMembers.count)
    }
    bytes = markers.flatMap(\.0)
    starts = markers.reduce(into: [0]) { $0.append($0.last! + $1.0.count) }
    owners = markers.map(\.1)
    self.prefixBits = prefixBits
    self.prefixKeys = prefixKeys
    self.groupStarts = groupStarts
    self.groupMembers = groupMembers
  }

  /// Four bytes, each OR 0x20 (letters lower-cased; the filter tolerates the rest).
  @inline(__always) static func prefix(_ at: UnsafeRawPointer) -> UInt32 {
    UInt32(littleEndian: at.loadUnaligned(as: UInt32.self)) | 0x2020_2020
  }

  /// 16 bits of a multiplicative hash.
  @inline(__always) static func hash(_ prefix: UInt32) -> Int {
    Int((prefix &* 0x9E37_79B1) >> 16)
  }

  /// The index (into the providers given at init) of the first provider found, or nil.
  public func provider(in line: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = line.count
    guard n >= 4, let base = line.baseAddress else { return nil }
    var best = Int.max
    prefixBits.withUnsafeBufferPointer { bits in
      var i = 0
      while i + 4 <= n {
        let prefix = Self.prefix(base + i)
        let bit = Self.hash(prefix)
        if bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
          best = min(best, firstOwner(startingWith: prefix, at: i, in: line, below: best))
        }
        i += 1
      }
    }
    return best == Int.max ? nil : best
  }

  /// The lowest owner below `limit` of a marker that starts with `prefix` and matches at `i`.
  private func firstOwner(
    startingWith prefix: UInt32, at i: Int, in line: UnsafeBufferPointer<UInt8>, below limit: Int
  ) -> Int {
    var low = 0
    var high = prefixKeys.count
    while low < high {
      let middle = (low + high) / 2
      if prefixKeys[middle] < prefix { low = middle + 1 } else { high = middle }
    }
    guard low < prefixKeys.count, prefixKeys[low] == prefix else { return limit }
    var best = limit
    for member in groupMembers[groupStarts[low]..<groupStarts[low + 1]] {
      let owner = owners[member]
      let start = starts[member]
      let length = starts[member + 1] - start
      guard owner < best, i + length <= line.count else { continue }
      var k = 0
      while k < length, Self.lower(line[i + k]) == bytes[start + k] { k += 1 }
      if k == length { best = owner }
    }
    return best
  }

  @inline(__always) private static func lower(_ b: UInt8) -> UInt8 {
    b &- 0x41 < 26 ? b | 0x20 : b
  }
}
