"""The Chinese catalogue is complete and in step with the source; English falls back to msgids."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
ZH_PO = ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"


def po_entries(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid → (msgstr, fuzzy) for a .po file (enough of the format for our catalogues)."""
    entries: dict[str, tuple[str, bool]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fuzzy = "#, fuzzy" in block or ", fuzzy" in block
        current, parts = None, {"msgid": [], "msgstr": []}
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgid|msgstr(?:\[0\])?|msgid_plural|msgctxt)\s+"(.*)"$', line)
            if match:
                current = match.group(1).split("[")[0]
                parts.setdefault(current, []).append(match.group(2))
            elif line.startswith('"') and current:
                parts[current].append(line[1:-1])
        msgid = "".join(parts["msgid"])
        if msgid:
            entries[msgid] = ("".join(parts["msgstr"]), fuzzy)
    return entries


def test_every_chinese_entry_is_translated_and_not_fuzzy():
    entries = po_entries(ZH_PO)
    assert len(entries) > 100
    untranslated = [m for m, (s, _) in entries.items() if not s]
    fuzzy = [m for m, (_, f) in entries.items() if f]
    assert untranslated == [] and fuzzy == []


def test_placeholders_survive_translation():
    pattern = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")
    wrong = [
        m for m, (s, _) in po_entries(ZH_PO).items()
        if sorted(pattern.findall(m)) != sorted(pattern.findall(s))
    ]
    assert wrong == []


def test_compiled_catalogue_is_used():
    with translation.override("zh-hans"):
        assert translation.gettext("Log out") == "退出登录"
    with translation.override("en"):
        assert translation.gettext("Log out") == "Log out"


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is installed by make test")
def test_catalogue_is_in_step_with_the_source(tmp_path):
    """Re-extract the messages into a scratch copy: no message may be missing from the catalogue."""
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
        capture_output=True, text=True, check=True,
    ).stdout.split()
    for name in files:
        source = ROOT / name
        if source.is_file():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--ignore=tests", "--ignore=bench",
         "--ignore=var", "--no-obsolete", "-v0"],
        cwd=tmp_path, check=True, env={"DJANGO_DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )
    fresh = set(po_entries(tmp_path / "locale/zh_Hans/LC_MESSAGES/django.po"))
    missing = sorted(fresh - set(po_entries(ZH_PO)))
    assert missing == [], "run `make messages` and translate: " + "; ".join(missing[:10])
