#!/usr/bin/env python3
"""One cold Typst compile, in a process of its own, for the benchmark's comparison.

Usage: bench/typst_compile.py FILE.typ OUT.pdf ROOT FONTS
Prints the compile's wall time in ms, the process's peak memory and its memory before the
compile (Python with typst imported), in KB. Typst's PyPI build (`pip install typst`) compiles
in-process with no cache from an earlier run, as `typst compile` does.
"""
import resource
import sys
import time

import typst

src, out, root, fonts = sys.argv[1:5]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
typst.compile(src, output=out, root=root, font_paths=[fonts], ignore_system_fonts=True)
ms = (time.perf_counter() - start) * 1000
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{ms:.1f} {peak} {before}")
