#!/usr/bin/env python3
"""Checks the translation files against their English sources.

Catalog: Sources/ReplyCatalog/Catalog/translations/<lang>.toml must hold a title and a summary
for every [[entry]] code of the catalog, no unknown codes, in catalog order, one line each.

Usage: python3 Scripts/check-translations.py   (exit 1 and one line per problem when it fails)
"""
import glob
import os
import sys
import tomllib
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOG = os.path.join(ROOT, "Sources", "ReplyCatalog", "Catalog")
problems = []


def load(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        problems.append(f"{os.path.relpath(path, ROOT)}: not valid TOML: {e}")
        return None


def catalog_codes():
    # Same order as the build plugin: files sorted by name, entries in file order.
    codes = []
    for path in sorted(glob.glob(os.path.join(CATALOG, "*.toml"))):
        document = load(path) or {}
        codes += [entry["code"] for entry in document.get("entry", [])]
    return codes


def check_catalog_translation(path, codes):
    name = os.path.relpath(path, ROOT)
    document = load(path)
    if document is None:
        return
    for code in codes:
        table = document.get(code)
        if not isinstance(table, dict):
            problems.append(f"{name}: no table for catalog code {code}")
            continue
        for key in ("title", "summary"):
            value = table.get(key)
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{name}: [\"{code}\"] has no {key}")
            elif "\n" in value:
                problems.append(f"{name}: [\"{code}\"] {key} is more than one line")
            elif "\u200d" in value or "\u200c" in value:
                problems.append(f"{name}: [\"{code}\"] {key} holds a zero-width joiner")
            elif unicodedata.normalize("NFC", value) != value:
                problems.append(f"{name}: [\"{code}\"] {key} is not in Unicode NFC form")
        for key in table:
            if key not in ("title", "summary"):
                problems.append(f"{name}: [\"{code}\"] has unknown key '{key}'")
    known = set(codes)
    for code in document:
        if code not in known:
            problems.append(f"{name}: code {code} is not in the catalog")
    present = [code for code in document if code in known]
    if present != [code for code in codes if code in document]:
        problems.append(f"{name}: tables are not in catalog order")


def main():
    codes = catalog_codes()
    if len(codes) != len(set(codes)):
        problems.append("catalog: duplicate entry codes")
    translations = sorted(glob.glob(os.path.join(CATALOG, "translations", "*.toml")))
    for path in translations:
        check_catalog_translation(path, codes)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    print(f"catalog: {len(codes)} entries; {len(translations)} translation file(s) complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
