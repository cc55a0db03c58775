"""Finding the form token in a body without parsing every field."""

from __future__ import annotations

from urllib.parse import urlencode

from voice.web.csrf import form_tokens


def test_the_token_among_other_fields() -> None:
    body = urlencode({"answer": "a&b=c csrf_token=no", "csrf_token": "abc123", "x": ""}).encode()
    assert form_tokens(body) == ["abc123"]


def test_first_field_encoded_and_repeated() -> None:
    assert form_tokens(b"csrf_token=a%2Bb+c") == ["a+b c"]
    assert form_tokens(b"csrf_token=one&csrf_token=two") == ["one", "two"]
    assert form_tokens(b"xcsrf_token=one&answer=csrf_token%3Dtwo") == []
    assert form_tokens(b"") == []


def test_a_million_empty_fields_is_one_scan() -> None:
    body = b"&".join(b"k%d=" % n for n in range(1_000_000)) + b"&csrf_token=t"
    assert form_tokens(body) == ["t"]
