#!/usr/bin/env python3
"""Checks the translation files against their English sources.

Catalog: Sources/ReplyCatalog/Catalog/translations/<lang>.toml must hold a title and a summary
for every [[entry]] code of the catalog, no unknown codes, in catalog order, one line each.

Interface: every Sources/Explorer/Translations/<lang>.toml must have exactly en.toml's keys, each
a non-empty string with the same placeholders (%1$@, %2$d; %% is a literal %) and the same
leading and trailing spaces as en.toml's text (the rules the build's TranslationCompiler applies).

Usage: python3 Scripts/check-translations.py [--english PATH/TO/en.toml]
  (--english: en.toml from elsewhere, when this checkout does not hold it yet)
  Exit 1 and one line per problem when a check fails.
"""
import glob
import os
import re
import sys
import tomllib
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOG = os.path.join(ROOT, "Sources", "ReplyCatalog", "Catalog")
INTERFACE = os.path.join(ROOT, "Sources", "Explorer", "Translations")
PLACEHOLDER = re.compile(r"%(?:%|([0-9]+)\$([@d]))|%")
problems = []


def load(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        problems.append(f"{os.path.relpath(path, ROOT)}: not valid TOML: {e}")
        return None


def characters(text):
    # About what Swift counts as Characters: combining marks (Devanagari vowel signs, virama)
    # join the letter before them. English summaries are held to 90; so are translations.
    return sum(1 for c in text if not unicodedata.category(c).startswith("M"))


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
            elif key == "summary" and characters(value) > 90:
                problems.append(f"{name}: [\"{code}\"] summary is over 90 characters")
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


def placeholders(name, key, text):
    found = set()
    for match in PLACEHOLDER.finditer(text):
        if match.group(0) == "%%":
            continue
        if match.group(1) is None:
            problems.append(f"{name}: {key}: a '%' that is not %1$@, %1$d or %%")
            continue
        found.add(f"%{match.group(1)}${match.group(2)}")
    return found


def edges(text):
    return (len(text) - len(text.lstrip(" ")), len(text) - len(text.rstrip(" ")))


def check_interface(english_path):
    english = load(english_path)
    if english is None:
        return 0
    files = sorted(glob.glob(os.path.join(INTERFACE, "*.toml")))
    files = [f for f in files if os.path.basename(f) != "en.toml"]
    for path in files:
        name = os.path.relpath(path, ROOT)
        document = load(path)
        if document is None:
            continue
        for key in english:
            if key not in document:
                problems.append(f"{name}: {key}: missing (en.toml has it)")
        for key, value in document.items():
            if key not in english:
                problems.append(f"{name}: {key}: not a key of en.toml")
                continue
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{name}: {key}: must be a non-empty string")
                continue
            want = placeholders("en.toml", key, english[key])
            got = placeholders(name, key, value)
            if got != want:
                problems.append(
                    f"{name}: {key}: placeholders {sorted(got)}, en.toml has {sorted(want)}")
            if edges(value) != edges(english[key]):
                problems.append(f"{name}: {key}: leading/trailing spaces differ from en.toml")
            if "\n" in value:
                problems.append(f"{name}: {key}: more than one line")
            if "\u200d" in value or "\u200c" in value:
                problems.append(f"{name}: {key}: holds a zero-width joiner")
            if unicodedata.normalize("NFC", value) != value:
                problems.append(f"{name}: {key}: not in Unicode NFC form")
    return len(files)


def main():
    english_path = os.path.join(INTERFACE, "en.toml")
    arguments = sys.argv[1:]
    if arguments[:1] == ["--english"] and len(arguments) == 2:
        english_path = arguments[1]
    elif arguments:
        print("usage: check-translations.py [--english PATH/TO/en.toml]", file=sys.stderr)
        return 2
    interface_note = "interface: no en.toml, not checked"
    if os.path.exists(english_path):
        count = check_interface(english_path)
        interface_note = f"interface: {count} language file(s) match en.toml"
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
    print(interface_note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
