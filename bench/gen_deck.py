#!/usr/bin/env python3
"""Write a large deck for the benchmark: N slides cycling through every layout and script.

Usage: bench/gen_deck.py N OUT.toml   (OUT's folder gets symlinks to fonts/ and images/)
"""
import os
import sys

n, out = int(sys.argv[1]), sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
folder = os.path.dirname(os.path.abspath(out))
for sub in ("fonts", "images"):
    link = os.path.join(folder, sub)
    if not os.path.exists(link):
        os.symlink(os.path.join(root, sub), link)

TEXTS = [
    ("Strengthening disaster risk management in Malawi", "Benefit 23,000 people from 2016-2018"),
    ("التعاون بين بلدان الجنوب", "نقل تكنولوجيا الطاقة المتجددة إلى غانا وزامبيا"),
    ("南南合作援助基金", "2022年升级为全球发展和南南合作基金，并增资10亿美元"),
    ("Сотрудничество Юг — Юг", "Более 200 студентов из 67 стран в 2016–2022 годах"),
    ("Coopération Sud-Sud : travaux récents", "Renforcer la coopération pour bâtir un écosystème de PI"),
]
FLAGS = ["mw", "np", "gh", "zm", "pg", "kh", "cn"]
ICONS = ["school", "users", "world", "bulb", "certificate", "server"]


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
    # The repository's fonts, as the report names them (Chinese needs Noto Sans SC).
    "[theme.fonts]",
    'files = ["fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf",',
    '         "fonts/NotoSansSC-Regular.ttf", "fonts/NotoSansSC-Bold.ttf",',
    '         "fonts/NotoSansArabic-Regular.ttf", "fonts/NotoSansArabic-Bold.ttf"]',
    'default = ["Noto Sans", "Noto Sans SC", "Noto Sans Arabic"]',
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
