"""What the benchmark's generated decks share: their text in five scripts, TOML quoting, the
report's font files, and links to the repository's folders beside the deck."""
import os

TEXTS = [
    ("Strengthening disaster risk management in Malawi", "Benefit 23,000 people from 2016-2018"),
    ("التعاون بين بلدان الجنوب", "نقل تكنولوجيا الطاقة المتجددة إلى غانا وزامبيا"),
    ("南南合作援助基金", "2022年升级为全球发展和南南合作基金，并增资10亿美元"),
    ("Сотрудничество Юг — Юг", "Более 200 студентов из 67 стран в 2016–2022 годах"),
    ("Coopération Sud-Sud : travaux récents", "Renforcer la coopération pour bâtir un écosystème de PI"),
]

# The repository's fonts, as the report names them (Chinese needs Noto Sans SC).
FONT_LINES = [
    "[theme.fonts]",
    'files = ["fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf",',
    '         "fonts/NotoSansSC-Regular.ttf", "fonts/NotoSansSC-Bold.ttf",',
    '         "fonts/NotoSansArabic-Regular.ttf", "fonts/NotoSansArabic-Bold.ttf"]',
    'default = ["Noto Sans", "Noto Sans SC", "Noto Sans Arabic"]',
]


def q(s):
    """A TOML (and Typst) string literal."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def link_repo_folders(out, subs):
    """Symlink the repository's folders `subs` beside the file `out`."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folder = os.path.dirname(os.path.abspath(out))
    for sub in subs:
        link = os.path.join(folder, sub)
        if not os.path.exists(link):
            os.symlink(os.path.join(root, sub), link)
