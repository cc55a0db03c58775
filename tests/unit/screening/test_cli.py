"""The ``voice screen`` JSON Lines contract."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from voice.screening.cli import run


def _run(data: str) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    code = run(io.StringIO(data), out)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_good_lines_in_order() -> None:
    code, rows = _run(
        '{"text": "i want to kill myself", "locale": "en"}\n'
        '{"text": "call 07700 900123"}\n'
        '{"text": "nice park", "locale": null}\n'
    )
    assert code == 0
    assert [r["safeguarding"] for r in rows] == ["urgent", "none", "none"]
    assert rows[1] == {
        "safeguarding": "none",
        "reasons": [],
        "pii": [{"kind": "phone", "start": 5, "end": 17}],
        "redacted": "call [phone number]",
    }
    assert set(rows[0]) == {"safeguarding", "reasons", "pii", "redacted"}


def test_bad_lines_get_errors_and_processing_continues() -> None:
    code, rows = _run(
        'not json\n{"locale": "en"}\n{"text": 5}\n[1, 2]\n\n{"text": "ok", "locale": 3}\n{"text": "fine"}\n'
    )
    assert code == 0
    assert len(rows) == 7
    assert all(set(r) == {"error"} for r in rows[:6])
    assert rows[6]["safeguarding"] == "none"


def test_offsets_are_python_indices_for_non_ascii() -> None:
    text = "zażółć 😀 call 07700 900123"
    _, rows = _run(json.dumps({"text": text}) + "\n")
    span = rows[0]["pii"][0]  # type: ignore[index]
    assert text[span["start"] : span["end"]] == "07700 900123"


class _Broken(io.StringIO):
    def __iter__(self) -> _Broken:
        return self

    def __next__(self) -> str:
        raise OSError("device gone")


def test_unreadable_stdin_is_non_zero() -> None:
    out = io.StringIO()
    assert run(_Broken(), out) == 1


def test_module_entry_point_and_invalid_utf8() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "voice.screening"],
        input=b'{"text": "hello"}\n\xff\xfe\n{"text": "i wanna die"}\n',
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert rows[0]["safeguarding"] == "none"
    assert "error" in rows[1]
    assert rows[2]["safeguarding"] == "urgent"


def test_text_screening_cannot_read_is_a_concern_saying_so() -> None:
    code, rows = _run(
        '{"text": "\\u041c\\u0456\\u0439 \\u0442\\u0430\\u0442\\u043e \\u0431\\u2019\\u0454 '
        '\\u043c\\u0435\\u043d\\u0435"}\n'
        '{"text": "aabahay wuu i garaacaa markasta oo aan guriga imaado", "locale": "en"}\n'
        '{"text": "i want to kill myself, o meu pai bate-me todas as noites quando bebe"}\n'
    )
    assert code == 0
    assert [r["safeguarding"] for r in rows] == ["concern", "concern", "urgent"]
    assert rows[0]["reasons"] == [
        "not screened (concern): written in Cyrillic script; screening cannot read it, "
        "please read it or have it translated"
    ]
    somali, both = rows[1]["reasons"], rows[2]["reasons"]
    assert isinstance(somali, list) and str(somali[0]).startswith("not screened (concern): ")
    assert isinstance(both, list) and not any("not screened" in str(reason) for reason in both)
