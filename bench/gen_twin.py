#!/usr/bin/env python3
"""Write one large deck twice, for deckgen and for Typst: N slides of bullets and of card rows,
their text in five scripts (English, Arabic, Chinese, Russian, French), in the report's fonts.

Usage: bench/gen_twin.py N OUT.toml OUT.typ
(OUT.toml's folder gets a symlink to fonts/; OUT.typ imports bench/typst/slides.typ, so
compile it with the repository as Typst's root.)
"""
import sys

from deckparts import FONT_LINES, TEXTS, link_repo_folders, q

n, out_toml, out_typ = int(sys.argv[1]), sys.argv[2], sys.argv[3]
link_repo_folders(out_toml, ("fonts",))

toml = [
    "[deck]",
    'title = "Benchmark twin deck"',
    'author = "deckgen"',
    'date = "2023-05"',
    'language = "en"',
    "",
    *FONT_LINES,
    "",
]
typ = [
    '#import "/bench/typst/slides.typ": *',
    '#show: deck.with(footer: "Benchmark twin deck")',
    "",
]
for i in range(n):
    head = TEXTS[i % len(TEXTS)][0]
    toml += ["[[slide]]"]
    if i % 2 == 0:
        items = [TEXTS[(i + j) % len(TEXTS)][1] for j in range(5)]
        toml += ['layout = "bullets"', f"title = {q(head)}", "bullets = [" + ", ".join(q(t) for t in items) + "]"]
        typ += [f"#slide({q(head)})[", "  #bullets((" + ", ".join(q(t) for t in items) + ",))", "]"]
    else:
        toml += ['layout = "cards"', f"title = {q(head)}"]
        cards = []
        for j in range(3):
            h, b = TEXTS[(i + j + 1) % len(TEXTS)]
            toml += ["[[slide.cards]]", f"heading = {q(h)}", f"bullets = [{q(b)}, {q('Item ' + str(j + 1))}]"]
            cards.append(f"    card((), {q(h)}, bullets: ({q(b)}, {q('Item ' + str(j + 1))})),")
        typ += [f"#slide({q(head)})[", "  #grid(columns: (1fr,) * 3, gutter: 16pt,"] + cards + ["  )", "]"]
    toml.append("")
with open(out_toml, "w") as f:
    f.write("\n".join(toml))
with open(out_typ, "w") as f:
    f.write("\n".join(typ) + "\n")
