import ReplyCatalog
import TextLayout

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading input in chunks, never a whole file at once.
enum Input {
  static let chunkSize = 1 << 20

  /// Calls `body` with each chunk read from `fd` until end of file. Throws on a read error.
  static func chunks(
    of fd: Int32, name: String, _ body: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let count = read(fd, buffer.baseAddress, chunkSize)
      if count == 0 { return }
      if count < 0 {
        if errno == EINTR { continue }
        throw UsageError(description: "cannot read \(name): \(errorText())")
      }
      try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }
  }

  /// At most `limit` bytes of `fd`; stops reading there (the rest is never looked at).
  static func prefix(of fd: Int32, limit: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while bytes.count < limit {
      let want = min(chunk.count, limit - bytes.count)
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, want) }
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        break
      }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }

  /// Opens a file for reading, or throws a one-line usage error naming it.
  static func openFile(_ path: String) throws -> Int32 {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw UsageError(description: "cannot open '\(SafeText.escape(path))': \(errorText())")
    }
    var info = stat()
    if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
      close(fd)
      throw UsageError(description: "'\(SafeText.escape(path))' is a directory, not a log file")
    }
    return fd
  }

  static func errorText() -> String {
    String(cString: strerror(errno)).lowercased()
  }

  static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
}
