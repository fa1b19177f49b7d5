// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "smtpcodes",
  products: [
    .executable(name: "smtpcodes", targets: ["smtpcodes"]),
    // The catalog and its lookups, search, comparison and explanations, for other Swift programs.
    .library(name: "ReplyCatalog", targets: ["ReplyCatalog"]),
    .executable(name: "explorer-bench", targets: ["explorer-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // Build-time tool: turns the catalog's TOML files into Swift values, so the binary parses nothing at start-up.
    .executableTarget(
      name: "catalog-gen",
      dependencies: ["CatalogGenCore", "BuildToolSupport"],
      path: "Sources/CatalogGen"
    ),
    // The checks and the Swift writer behind catalog-gen, as a library so tests can call them.
    .target(
      name: "CatalogGenCore",
      dependencies: ["BuildToolSupport", .product(name: "TOMLKit", package: "TOMLKit")]
    ),
    // What the build-time tools share: Swift string literals, reading TOML with line numbers.
    .target(
      name: "BuildToolSupport",
      dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
    ),
    .plugin(
      name: "CatalogGenerator",
      capability: .buildTool(),
      dependencies: ["catalog-gen"]
    ),
    // Build-time tool: checks the interface translations against en.toml and turns them into Swift.
    .executableTarget(
      name: "strings-gen",
      dependencies: ["TranslationGenCore", "BuildToolSupport"],
      path: "Sources/StringsGen"
    ),
    // The checks and the Swift writer behind strings-gen, as a library so tests can call them.
    .target(
      name: "TranslationGenCore",
      dependencies: ["BuildToolSupport", .product(name: "TOMLKit", package: "TOMLKit")]
    ),
    .plugin(
      name: "TranslationCompiler",
      capability: .buildTool(),
      dependencies: ["strings-gen"]
    ),
    // Display width, wrapping, truncation and escaping of untrusted text, shared by both front ends.
    .target(name: "TextLayout"),
    // zlib, for reading gzip-compressed rotated logs (mail.log.2.gz) in `scan`.
    .systemLibrary(
      name: "CZlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .target(
      name: "ReplyCatalog",
      dependencies: ["CZlib"],
      exclude: ["Catalog"],
      plugins: ["CatalogGenerator"]
    ),
    // Build-time tool: turns Themes/*.toml into Swift string constants, so themes ship inside the binary.
    .executableTarget(
      name: "theme-embed",
      dependencies: ["BuildToolSupport"],
      path: "Sources/ThemeEmbed"
    ),
    .plugin(
      name: "ThemeEmbedder",
      capability: .buildTool(),
      dependencies: ["theme-embed"]
    ),
    // The config and notes files: a small TOML reader with line-numbered errors, and what the
    // two files hold. No Foundation and no TOML library, so the binary stays small.
    .target(name: "SettingsFile"),
    // The explorer without curses: state, actions, update, view models, layout, themes, cell grid.
    .target(
      name: "Explorer",
      dependencies: ["ReplyCatalog", "TextLayout", "SettingsFile"],
      exclude: ["Translations"],
      plugins: ["ThemeEmbedder", "TranslationCompiler"]
    ),
    .systemLibrary(
      name: "CNcursesw",
      providers: [.apt(["libncursesw5-dev"])]
    ),
    // The only module that imports curses: draws the grid, reads keys, restores the terminal.
    // Signals, suspend, window size and locale, in C so their headers stay apart from Swift's.
    .target(
      name: "CTerminalSupport",
      linkerSettings: [.linkedLibrary("ncursesw")]
    ),
    .target(
      name: "Terminal",
      dependencies: ["Explorer", "TextLayout", "CNcursesw", "CTerminalSupport"]
    ),
    .executableTarget(
      name: "explorer-bench",
      dependencies: ["Explorer", "ReplyCatalog"],
      path: "Sources/ExplorerBench"
    ),
    .executableTarget(
      name: "smtpcodes",
      dependencies: [
        "ReplyCatalog",
        "TextLayout",
        "Explorer",
        "Terminal",
        "SettingsFile",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // Linux release builds: a statically linked Swift runtime starts in about half the time, and
      // a non-position-independent binary saves the start-up relocations (measured: a PIE build of
      // `show 421` took 33% longer, well over the noise). FoundationEssentials (imported by
      // ArgumentParser) needs its helper libraries named when linked statically.
      linkerSettings: [
        .unsafeFlags(
          ["-static-stdlib", "-Xclang-linker", "-no-pie"],
          .when(platforms: [.linux], configuration: .release)),
        .linkedLibrary(
          "_FoundationCollections", .when(platforms: [.linux], configuration: .release)),
        .linkedLibrary("_FoundationCShims", .when(platforms: [.linux], configuration: .release)),
        .linkedLibrary("swiftSynchronization", .when(platforms: [.linux], configuration: .release)),
      ]
    ),
    // libFuzzer target for the reply parser; see README.md for the build line. Without
    // -sanitize=fuzzer its entry point (FuzzMain, in C) replays input files instead.
    .executableTarget(
      name: "FuzzReplyParser",
      dependencies: ["ReplyCatalog", "TextLayout", "FuzzMain"],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ),
    // libFuzzer targets for the theme parser (with inheritance) and the log scanner (`scan`'s
    // line splitter and tally); built the same way (Fuzz/build.sh).
    .executableTarget(
      name: "FuzzThemeParser",
      dependencies: ["Explorer", "TextLayout", "FuzzMain"],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ),
    .executableTarget(
      name: "FuzzLogScanner",
      dependencies: ["ReplyCatalog", "TextLayout", "FuzzMain"],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ),
    .target(name: "FuzzMain"),
    .testTarget(
      name: "SettingsFileTests",
      dependencies: ["SettingsFile"]
    ),
    .testTarget(
      name: "TextLayoutTests",
      dependencies: ["TextLayout"]
    ),
    .testTarget(
      name: "ReplyCatalogTests",
      dependencies: ["ReplyCatalog", "CatalogGenCore", "BuildToolSupport", "TextLayout"]
    ),
    // Runs the built binary; depending on it makes `swift test` build it first.
    .testTarget(
      name: "SmtpcodesTests",
      dependencies: ["ReplyCatalog", "smtpcodes"]
    ),
    .testTarget(
      name: "ExplorerTests",
      dependencies: [
        "Explorer", "ReplyCatalog", "TextLayout", "TranslationGenCore", "SettingsFile",
      ],
      exclude: ["__Snapshots__"]
    ),
    // Runs the built `smtpcodes` in tmux; depends on it so `swift test` builds it first.
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["smtpcodes"]
    ),
  ]
)
