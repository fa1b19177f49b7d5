#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// ASCII-lower-cased bytes with fast substring search, for matching wordings.
public struct LoweredText: Sendable {
  public let bytes: [UInt8]

  public init(_ source: some Collection<UInt8>) {
    bytes = source.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
  }

  /// `needle` must already be lower case.
  public func contains(_ needle: String) -> Bool {
    var needle = needle
    return needle.withUTF8 { contains($0) }
  }

  public func contains(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
    guard needle.count > 0, needle.count <= bytes.count else { return needle.isEmpty }
    return bytes.withUnsafeBufferPointer { LoweredText.find(needle, in: $0) != nil }
  }

  /// The offset of `needle` in `haystack`: memchr for the first byte, then memcmp.
  static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>)
    -> Int?
  {
    guard let base = haystack.baseAddress, let first = needle.first else { return nil }
    var offset = 0
    let last = haystack.count - needle.count
    while offset <= last {
      guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
      let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if memcmp(base + position, needle.baseAddress!, needle.count) == 0 { return position }
      offset = position + 1
    }
    return nil
  }
}
