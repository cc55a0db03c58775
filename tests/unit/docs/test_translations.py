"""Catalogues are neither stale nor incomplete, and every one is marked for review."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
LOCALES = ["ur", "pl", "ar", "ro"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    target = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "-q",
            "extract",
            "-F",
            "locales/babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--omit-header",
            "-o",
            str(target),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    with target.open("rb") as handle:
        return {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(handle)
            if message.id
        }


def _catalogue(code: str):  # type: ignore[no-untyped-def]
    with (ROOT / "locales" / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=code)


def test_committed_template_is_current(extracted: set[str]) -> None:
    with (ROOT / "locales" / "messages.pot").open("rb") as handle:
        committed = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert committed == extracted, "run the extract command in README.md"


@pytest.mark.parametrize("code", LOCALES)
def test_catalogue_is_not_stale(code: str, extracted: set[str]) -> None:
    have = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalogue(code) if m.id}
    missing = extracted - have
    assert not missing, f"{code}: run the update command in README.md; missing {sorted(missing)[:5]}"


@pytest.mark.parametrize("code", LOCALES)
def test_catalogue_is_complete_and_marked_for_review(code: str) -> None:
    catalogue = _catalogue(code)
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{code}: no translation for {message.id!r}"
        assert not message.fuzzy, f"{code}: fuzzy entry {message.id!r}"
        assert any("needs review" in comment for comment in message.user_comments), (
            f"{code}: {message.id!r} is not marked as needing review by a native speaker"
        )


@pytest.mark.parametrize("code", LOCALES)
def test_placeholders_survive_translation(code: str) -> None:
    import re

    pattern = re.compile(r"%\((\w+)\)[sd]")
    for message in _catalogue(code):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(pattern.findall(ids[-1]))
        for text in strings:
            assert set(pattern.findall(text)) <= wanted | {"num"} and wanted - {"num"} <= set(
                pattern.findall(text)
            ), (
                code,
                message.id,
            )
