import Foundation
import PackagePlugin

/// Runs `theme-embed` over the package's `Themes/*.toml` before Explorer compiles, so the themes
/// are Swift string constants inside the binary (it works when copied alone; no resource bundle).
@main
struct ThemeEmbedder: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let themesDirectory = context.package.directoryURL.appending(path: "Themes")
    let inputs = try FileManager.default
      .contentsOfDirectory(at: themesDirectory, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "toml" }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
    let output = context.pluginWorkDirectoryURL.appending(path: "ThemeSources.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) themes",
        executable: try context.tool(named: "theme-embed").url,
        arguments: [output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
