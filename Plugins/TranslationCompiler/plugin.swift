import Foundation
import PackagePlugin

/// Runs `strings-gen` over `Translations/*.toml` before Explorer compiles: the interface text of
/// every language becomes Swift constants in the binary, and a translation that lacks a key, has
/// one en.toml lacks, or changes a placeholder fails the build.
@main
struct TranslationCompiler: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let directory = target.directoryURL.appending(path: "Translations")
    let inputs = try FileManager.default
      .contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "toml" }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
    let output = context.pluginWorkDirectoryURL.appending(path: "Translations.swift")
    return [
      .buildCommand(
        displayName: "Compiling \(inputs.count) interface translations",
        executable: try context.tool(named: "strings-gen").url,
        arguments: [output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
