#!/usr/bin/env python3
"""Checks that studio's folders are layers: no file includes a layer above its own.

studio/<layer>/ holds one library. From the bottom: base, show, store,
analytics, engine, report, clips, api, console, cli (docs/ARCHITECTURE.md). A file in
a layer may include its own layer and any layer below it; it may not include
one above, reach into another layer's private src/ folder, or climb out of its
folder with "..". Each layer's CMakeLists.txt may link only layers below it.

The CMake targets enforce the same rule when compiling (each layer sees only
the include folders of what it links); this script says which line broke it,
and also catches a header nobody compiles yet.

Usage: check_layers.py [REPO]; exit 0 when clean, 1 with one line per fault.
"""
import pathlib
import re
import sys

LAYERS = ["base", "show", "store", "analytics", "engine", "report", "clips", "api", "console", "cli"]
RANK = {name: i for i, name in enumerate(LAYERS)}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.MULTILINE)
LINK = re.compile(r"target_link_libraries\(\s*(hawker_\w+)([^)]*)\)", re.DOTALL)


def layer_of(path: pathlib.Path, studio: pathlib.Path) -> str:
    return path.relative_to(studio).parts[0]


def check_includes(studio: pathlib.Path) -> list:
    faults = []
    files = [p for p in studio.rglob("*") if p.suffix in (".cpp", ".hpp", ".h") and p.is_file()]
    if not files:
        faults.append(f"{studio}: no sources found")
    for path in sorted(files):
        own = layer_of(path, studio)
        if own not in RANK:
            faults.append(f"{path.relative_to(studio.parent)}: folder '{own}' is not a layer ({', '.join(LAYERS)})")
            continue
        text = path.read_text(encoding="utf-8")
        for match in INCLUDE.finditer(text):
            target = match.group(2)
            line = text.count("\n", 0, match.start()) + 1
            where = f"{path.relative_to(studio.parent)}:{line}"
            if ".." in pathlib.PurePosixPath(target).parts:
                faults.append(f"{where}: includes '{target}' with '..'; include by layer instead")
                continue
            parts = target.split("/")
            if len(parts) >= 3 and parts[0] == "hawker" and parts[1] == "studio":
                other = parts[2]
                if other not in RANK:
                    faults.append(f"{where}: includes '{target}', which is in no layer")
                elif RANK[other] > RANK[own]:
                    faults.append(f"{where}: layer '{own}' includes '{target}' from '{other}', a layer above it")
                elif not (studio / other / "include" / target).is_file():
                    faults.append(f"{where}: includes '{target}', which does not exist")
    return faults


def check_links(studio: pathlib.Path) -> list:
    faults = []
    for name in LAYERS:
        cmake = studio / name / "CMakeLists.txt"
        if not cmake.is_file():
            faults.append(f"studio/{name}/CMakeLists.txt: missing")
            continue
        for match in LINK.finditer(cmake.read_text(encoding="utf-8")):
            for lib in re.findall(r"\bhawker_(\w+)", match.group(2)):
                if lib in RANK and RANK[lib] >= RANK[name] and match.group(1) != "hawker":
                    faults.append(f"studio/{name}/CMakeLists.txt: {match.group(1)} links hawker_{lib}, "
                                  f"which is not below '{name}'")
    return faults


def main() -> int:
    repo = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    studio = repo / "studio"
    faults = check_includes(studio) + check_links(studio)
    for fault in faults:
        print(fault)
    if faults:
        print(f"check_layers: {len(faults)} fault(s)")
        return 1
    print(f"check_layers: studio's {len(LAYERS)} layers include and link only downwards")
    return 0


if __name__ == "__main__":
    sys.exit(main())
