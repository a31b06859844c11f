#!/usr/bin/env python3
"""The layering check fails on what it must catch: a copy of studio/ with one
upward include, one include of a missing header and one upward link must give
exactly those faults, and the untouched copy none."""
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]


def run(repo):
    done = subprocess.run([sys.executable, str(HERE / "check_layers.py"), str(repo)], capture_output=True, text=True)
    return done.returncode, done.stdout


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = pathlib.Path(tmp)
        shutil.copytree(REPO / "studio", copy / "studio")
        code, out = run(copy)
        if code != 0:
            failures.append(f"the untouched tree should pass, got {code}:\n{out}")
        show_file = copy / "studio/show/src/show_file.cpp"
        show_file.write_text('#include "hawker/studio/engine/program_engine.hpp"\n'
                             '#include "hawker/studio/show/no_such_file.hpp"\n' + show_file.read_text())
        cmake = copy / "studio/store/CMakeLists.txt"
        cmake.write_text(cmake.read_text() + "target_link_libraries(hawker_store PRIVATE hawker_report)\n")
        code, out = run(copy)
        expected = ["studio/show/src/show_file.cpp:1: layer 'show' includes 'hawker/studio/engine/program_engine.hpp'",
                    "studio/show/src/show_file.cpp:2: includes 'hawker/studio/show/no_such_file.hpp'",
                    "studio/store/CMakeLists.txt: hawker_store links hawker_report"]
        if code != 1:
            failures.append(f"the broken tree should fail with 1, got {code}")
        for line in expected:
            if line not in out:
                failures.append(f"missing fault: {line}\n--- output ---\n{out}")
        if "check_layers: 3 fault(s)" not in out:
            failures.append(f"expected exactly 3 faults:\n{out}")
    for failure in failures:
        print("FAIL:", failure)
    print("check_layers_test:", "ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
