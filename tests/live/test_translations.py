"""The live app speaks Swedish and Danish: every sentence of its catalogue is translated,
and its pages and the transcript reader's sentences come out in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.test import Client
from django.urls import reverse

from natverk.formats.webvtt import MESSAGES, TranscriptError, parse_transcript
from natverk.i18n import translate
from tests.live.conftest import LiveWorld

CATALOGUES = Path(__file__).parents[2] / "src" / "natverk" / "live" / "locale"


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_every_sentence_is_translated(lang: str) -> None:
    with (CATALOGUES / lang / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle)
    untranslated = [
        m.id
        for m in catalogue
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert untranslated == []


@pytest.mark.parametrize(("lang", "start"), [("sv", "Börja mäta"), ("da", "Begynd at måle")])
def test_the_console_speaks_the_readers_language(
    live_world: LiveWorld, lang: str, start: str
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(live_world.leader)
    url = reverse(
        "live:console", kwargs={"slug": live_world.slug, "meeting_id": live_world.meetings[0].pk}
    )
    assert start in client.get(url).content.decode()


@pytest.mark.parametrize(("lang", "line"), [("sv", "Rad 3:"), ("da", "Linje 3:")])
def test_the_readers_sentences_are_translated(lang: str, line: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        parse_transcript("WEBVTT\n\n00:00:61.000 --> 00:01:00.000\nA: x\n")
    assert caught.value.lines(lang)[0].startswith(line)
    for message in MESSAGES:
        assert translate(message, lang) != message
