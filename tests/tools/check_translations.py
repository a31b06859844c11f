#!/usr/bin/env python3
"""Checks the console's translation tables against the code and against each other.

Every key the code names (tr("..."), trf("..."), trId("...") or trKey("...") under studio/) must be in
both tables (assets/i18n/en.toml and zh-CN.toml); neither table may hold a key the code does not use; no
value may be empty; and each key's placeholders ({name}) must be the same in both languages, so that a
sentence never loses a figure in translation.

Usage: check_translations.py [REPO]; exit 0 when clean, 1 with one line per fault.
"""
import pathlib
import re
import sys
import tomllib

USE = re.compile(r'\btr(?:f|Id|Key)?\(\s*"([A-Za-z0-9_.\-]+)"')
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}")
LANGUAGES = ["en", "zh-CN"]


def flatten(table: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            out.update(flatten(value, name))
        else:
            out[name] = value
    return out


def used_keys(studio: pathlib.Path) -> dict:
    used = {}
    for path in sorted(studio.rglob("*")):
        if path.suffix not in (".cpp", ".hpp") or not path.is_file():
            continue
        # The whole file at once: clang-format may put the key on the line after tr(.
        text = path.read_text(encoding="utf-8")
        for match in USE.finditer(text):
            number = text.count("\n", 0, match.start()) + 1
            used.setdefault(match.group(1), f"{path.relative_to(studio.parent)}:{number}")
    return used


def check(repo: pathlib.Path) -> list:
    faults = []
    tables = {}
    for language in LANGUAGES:
        path = repo / "assets" / "i18n" / f"{language}.toml"
        try:
            tables[language] = flatten(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as error:
            faults.append(f"{path.relative_to(repo)}: {error}")
    if faults:
        return faults
    used = used_keys(repo / "studio")
    if not used:
        faults.append("studio/: no tr(\"...\") use found")
    for language, table in tables.items():
        name = f"assets/i18n/{language}.toml"
        for key, where in sorted(used.items()):
            if key not in table:
                faults.append(f"{where}: '{key}' is missing from {name}")
        for key, value in sorted(table.items()):
            if key not in used:
                faults.append(f"{name}: '{key}' is not used by the code")
            if not isinstance(value, str) or not value.strip():
                faults.append(f"{name}: '{key}' is empty or not a string")
    reference = tables["en"]
    for language in LANGUAGES[1:]:
        for key in sorted(set(reference) & set(tables[language])):
            a = sorted(set(PLACEHOLDER.findall(str(reference[key]))))
            b = sorted(set(PLACEHOLDER.findall(str(tables[language][key]))))
            if a != b:
                faults.append(f"'{key}': placeholders differ: en {a}, {language} {b}")
    return faults


def main() -> int:
    repo = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    faults = check(repo)
    for fault in faults:
        print(fault)
    if not faults:
        print("translations: every key used is in both tables, none unused, placeholders match")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
