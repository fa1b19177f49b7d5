import CZlib

/// Decompresses a gzip stream fed in chunks (zlib), calling back with the decompressed bytes in
/// chunks of at most 256 KiB; concatenated gzip members (as `cat a.gz b.gz` makes) are read on.
public final class GzipReader {
  public enum Failure: Error, CustomStringConvertible {
    case corrupt(String)
    case truncated

    public var description: String {
      switch self {
      case .corrupt(let why): "not valid gzip data (\(why))"
      case .truncated: "the gzip data ends before its end marker (truncated file)"
      }
    }
  }

  /// Whether bytes start with gzip's magic number.
  public static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  private var stream = z_stream()
  private let output: UnsafeMutablePointer<UInt8>
  private let outputSize = 256 * 1024
  private var open = false
  private var midMember = false

  public init() {
    output = .allocate(capacity: outputSize)
  }

  deinit {
    if open { inflateEnd(&stream) }
    output.deallocate()
  }

  private func start() throws {
    stream = z_stream()
    // 15 + 16: a gzip header and trailer around the deflate data.
    let status = inflateInit2_(
      &stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw Failure.corrupt("zlib could not start: \(status)") }
    open = true
  }

  /// Decompresses `chunk`, calling `body` with each piece of output.
  public func feed(
    _ chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    guard let base = chunk.baseAddress, chunk.count > 0 else { return }
    var input = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
    var remaining = chunk.count
    while remaining > 0 {
      if !open { try start() }
      midMember = true
      stream.next_in = input
      stream.avail_in = UInt32(remaining)
      var status: Int32 = Z_OK
      repeat {
        stream.next_out = output
        stream.avail_out = UInt32(outputSize)
        status = inflate(&stream, Z_NO_FLUSH)
        if status != Z_OK, status != Z_STREAM_END, status != Z_BUF_ERROR {
          let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
          throw Failure.corrupt(message)
        }
        let produced = outputSize - Int(stream.avail_out)
        if produced > 0 { try body(UnsafeRawBufferPointer(start: output, count: produced)) }
      } while stream.avail_out == 0 && status != Z_STREAM_END
      let consumed = remaining - Int(stream.avail_in)
      input += consumed
      remaining -= consumed
      if status == Z_STREAM_END {
        inflateEnd(&stream)
        open = false
        midMember = false
        // Trailing zero padding after the last member is tolerated.
        while remaining > 0, input.pointee == 0 {
          input += 1
          remaining -= 1
        }
      } else if consumed == 0 {
        break
      }
    }
  }

  /// Throws when the stream stopped inside a member.
  public func finish() throws {
    if midMember { throw Failure.truncated }
  }
}
