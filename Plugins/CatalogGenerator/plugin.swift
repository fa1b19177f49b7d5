import Foundation
import PackagePlugin

/// Runs `catalog-gen` over the catalog's TOML files (and the translations of titles and summaries
/// in `Catalog/translations/`) before ReplyCatalog compiles, so that the TOML files stay the one
/// source of truth and no generated Swift is committed.
@main
struct CatalogGenerator: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let catalogDirectory = target.directoryURL.appending(path: "Catalog")
    let inputs = try tomlFiles(in: catalogDirectory)
    let translationsDirectory = catalogDirectory.appending(path: "translations")
    let translations =
      FileManager.default.fileExists(atPath: translationsDirectory.path)
      ? try tomlFiles(in: translationsDirectory) : []
    let output = context.pluginWorkDirectoryURL.appending(path: "CatalogData.swift")
    return [
      .buildCommand(
        displayName: "Generating the reply-code catalog from \(inputs.count) TOML files",
        executable: try context.tool(named: "catalog-gen").url,
        arguments: [output.path] + inputs.map(\.path) + ["--translations"]
          + translations.map(\.path),
        inputFiles: inputs + translations,
        outputFiles: [output]
      )
    ]
  }

  private func tomlFiles(in directory: URL) throws -> [URL] {
    try FileManager.default
      .contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "toml" }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
  }
}
