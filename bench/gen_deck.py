#!/usr/bin/env python3
"""Write a large deck for the benchmark: N slides cycling through every layout and script.

Usage: bench/gen_deck.py N OUT.toml   (OUT's folder gets symlinks to fonts/ and images/)
"""
import sys

from deckparts import FONT_LINES, TEXTS, link_repo_folders, q

n, out = int(sys.argv[1]), sys.argv[2]
link_repo_folders(out, ("fonts", "images"))

FLAGS = ["mw", "np", "gh", "zm", "pg", "kh", "cn"]
ICONS = ["school", "users", "world", "bulb", "certificate", "server"]


def panel(i, j, image=None):
    head, body = TEXTS[(i + j) % len(TEXTS)]
    lines = [f"heading = {q(head)}", f"bullets = [{q(body)}, {q('Item ' + str(j + 1))}]"]
    if image:
        lines += [f"image = {q(image)}", f"alt = {q('Picture ' + str(j + 1))}"]
    return "\n".join(lines)


out_lines = [
    "[deck]",
    'title = "Benchmark deck"',
    'author = "deckgen"',
    'date = "2023-05"',
    'language = "en"',
    "",
    *FONT_LINES,
    'Arab = ["Noto Sans Arabic", "Noto Sans", "Noto Sans SC"]',
    'Hans = ["Noto Sans SC", "Noto Sans"]',
    "",
]
layouts = ["title", "contents", "section", "bullets", "columns", "cards", "steps", "quadrants", "closing"]
for i in range(n):
    layout = layouts[i % len(layouts)]
    head, body = TEXTS[i % len(TEXTS)]
    out_lines += ["[[slide]]", f"layout = {q(layout)}", f"title = {q(head)}"]
    if layout == "title":
        out_lines += [f"subtitle = {q(body)}", 'date = "May 2023"']
    elif layout == "contents":
        out_lines += ["items = [" + ", ".join(q(t[0]) for t in TEXTS) + "]"]
    elif layout == "section":
        out_lines += [f'number = "{i % 100:02d}"']
    elif layout == "bullets":
        out_lines += ["bullets = [" + ", ".join(q(t[1]) for t in TEXTS) + "]"]
    elif layout in ("columns", "cards", "steps", "quadrants"):
        count = {"columns": 3, "cards": 4, "steps": 4, "quadrants": 4}[layout]
        for j in range(count):
            image = None
            if layout == "cards":
                image = f"images/flags/{FLAGS[(i + j) % len(FLAGS)]}.svg"
            elif layout == "columns":
                image = f"images/icons/{ICONS[(i + j) % len(ICONS)]}.svg"
            out_lines += [f"[[slide.{layout}]]", panel(i, j, image)]
    out_lines.append("")
with open(out, "w") as f:
    f.write("\n".join(out_lines))
