#if canImport(Glibc)
  import Glibc
#endif

enum ProcessInfoShim {
  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }
}
