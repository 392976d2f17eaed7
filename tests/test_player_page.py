"""The player page (to_player_html): one self-contained file, checked as text and in a real browser.

The browser is headless Chromium (Debian's ``chromium``; ``.ci/run`` installs
it), run with ``--virtual-time-budget`` so that N seconds of the page's time
pass in well under a second, and ``--dump-dom`` to read what it shows. Every
page load is one launch; they all run at once (two at a time) in a fixture,
and the tests read their results. Without Chromium these tests fail in CI
(``CI`` set) and are skipped elsewhere.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import NoReturn

import pytest

import stretchkit as sk
from stretchkit._texts import TEXTS
from stretchkit.export import to_player_html, to_svg
from stretchkit.export._player import script_json

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]
TIMELINE = sk.compose(sk.catalog().routine("low-mid-back"))
SHOTS = ((360, 780, "#t=100"), (1280, 800, "#t=100"), (360, 780, "#autoplay"), (1280, 800, "#t=708"))


def _missing(what: str, how: str) -> NoReturn:
    message = f"{what} is missing: {how}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _element(page: str, id_: str) -> str:
    found = re.search(rf'<[a-z]+ [^>]*id="{id_}"[^>]*>(.*?)</script>', page, re.DOTALL)
    assert found is not None, id_
    return found[1]


# -- the page as text -------------------------------------------------------------------


class TestPageText:
    """What the file holds, before any browser opens it."""

    def test_self_contained(self) -> None:
        """No link, no source, no URL but the SVG namespace: nothing is fetched."""
        page = to_player_html(TIMELINE)
        assert page.startswith("<!doctype html>\n")
        assert not re.search(r"<link|\ssrc=|\shref=|url\(|@import", page)  # and the CSP forbids it
        assert {"http://www.w3.org/2000/svg"} == set(re.findall(r"https?://[^\"' )]+", page))

    def test_content_security_policy_pins_the_scripts_and_style(self) -> None:
        """The CSP allows no source but the page's own module script and style, by their hashes."""
        page = to_player_html(TIMELINE)
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
        assert csp is not None
        script = re.search(r'<script type="module">(.*?)</script>', page, re.DOTALL)
        style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
        assert script is not None
        assert style is not None

        def digest(text: str) -> str:
            return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

        assert (
            f"default-src 'none'; script-src 'sha256-{digest(script[1])}'; "
            f"style-src 'sha256-{digest(style[1])}'; img-src data:"
        ) == csp[1]
        assert 1 == page.count('<script type="module">')

    @pytest.mark.parametrize("language", sk.languages())
    def test_document_words_and_names(self, language: str) -> None:
        """The document in the language, every page word, and the stretches' names by item."""
        page = to_player_html(TIMELINE, language=language)
        assert f'<html lang="{language}">' in page
        assert sk.to_dict(TIMELINE, language=language) == json.loads(_element(page, "sk-document"))
        data = json.loads(_element(page, "sk-page"))
        words = {k: v for k, v in TEXTS[language].items() if k.startswith("page.")}
        assert words == data["words"]
        assert all(isinstance(v, str) for v in words.values())  # the page fills no plural forms
        assert [s.names.get(language, s.name) for s in TIMELINE.routine.stretches] == data["names"]

    def test_embedded_json_cannot_end_the_script(self) -> None:
        """A name holding </script> stays inside the JSON, and reads back whole."""
        name = "</script><script>alert(1)</script><!-- {{MODULE}}"
        hug = sk.Stretch(name="Hug", names={"de": name}, hold=5)
        tl = sk.compose(sk.Routine(name=name, stretches=[hug]))
        page = to_player_html(tl, language="de")
        assert "<script>alert" not in page
        assert "<!-- {{MODULE}}" not in page
        assert f"<title>{html.escape(name)}</title>" in page
        assert name == json.loads(_element(page, "sk-document"))["routine"]["name"]
        assert [name] == json.loads(_element(page, "sk-page"))["names"]
        assert '"\\u003c/script>' in script_json("</script>")

    def test_strip_is_rectangles_only(self) -> None:
        """The page stretches its strip, so it holds no text; to_svg keeps its names and axis."""
        page = to_player_html(TIMELINE, language="fr")
        strip = re.search(r'<div class="strip" id="sk-strip">(<svg.*?</svg>)', page, re.DOTALL)
        assert strip is not None
        assert "<text" not in strip[1]
        assert len(TIMELINE) == strip[1].count("<rect")
        assert "Genou à la poitrine — gauche" in strip[1]  # tooltips in the page's language
        assert "<text" in to_svg(TIMELINE)

    def test_strip_of_a_long_timeline_stays_small(self) -> None:
        """Steps narrower than a unit are drawn together."""
        import attrs

        tl = sk.compose(attrs.evolve(sk.catalog().routine("low-mid-back"), rounds=400))
        page = to_player_html(tl)
        strip = re.search(r'<div class="strip" id="sk-strip">(<svg.*?</svg>)', page, re.DOTALL)
        assert strip is not None
        assert strip[1].count("<rect") <= 2 * 960 < len(tl)

    def test_deterministic(self) -> None:
        """The same timeline and language give the same bytes."""
        assert to_player_html(TIMELINE, language="es") == to_player_html(TIMELINE, language="es")

    def test_bad_arguments(self) -> None:
        """A language that is not one, or something that is not a timeline, is a ValidationError."""
        with pytest.raises(sk.ValidationError, match="language: expected one of 'en', 'de', 'es', 'fr'"):
            to_player_html(TIMELINE, language="it")
        with pytest.raises(sk.ValidationError, match="timeline: expected a Timeline"):
            to_player_html(TIMELINE.routine)  # type: ignore[arg-type]


# -- the page in Chromium -----------------------------------------------------------------


class _Dom(HTMLParser):
    """The attributes and text of the elements with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, dict[str, str]] = {}
        self.text: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        id_ = found.get("id")
        if id_:
            self.attrs[id_] = {k: v or "" for k, v in found.items()}
            self.text[id_] = ""
        if tag not in ("meta", "br", "path", "input", "rect"):
            self._open.append(id_)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("meta", "br", "path", "input", "rect") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for id_ in self._open:
            if id_:
                self.text[id_] += data


@dataclass
class Load:
    """One page load: what to open, and what Chromium showed."""

    page: str
    hash: str = ""
    budget_ms: int = 1000
    script: str = ""  # run after the page's own (a module script added before </body>)
    head: str = ""  # run before it (a script added at the top of <head>)
    screenshot: tuple[int, int] | None = None
    dom: _Dom = field(default_factory=_Dom)
    errors: list[str] = field(default_factory=list)
    png: bytes = b""


def _chromium(binary: str, path: Path, load: Load) -> None:
    text = PAGES[load.page]
    if load.script or load.head:
        text = text.replace("</body>", f'<script type="module">{load.script}</script></body>', 1)
        text = text.replace("<head>", f"<head><script>{load.head}</script>", 1)
        text = re.sub(r"script-src '[^']+'", "script-src 'unsafe-inline'", text)  # the test's own scripts
    path.write_text(text, encoding="utf-8")
    extra = ["--dump-dom"]
    if load.screenshot:
        shot = path.with_suffix(".png")
        extra = [
            f"--window-size={load.screenshot[0]},{load.screenshot[1]}",
            "--hide-scrollbars",
            f"--screenshot={shot}",
        ]
    with tempfile.TemporaryDirectory() as profile:
        budget = f"--virtual-time-budget={load.budget_ms}"
        done = subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", budget, *extra, path.as_uri() + load.hash],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    load.dom.feed(done.stdout)
    load.errors = [
        line
        for line in done.stderr.splitlines()
        if re.search(r"Uncaught|Content.Security.Policy|Refused", line)
    ]
    if load.screenshot:
        load.png = path.with_suffix(".png").read_bytes() if path.with_suffix(".png").exists() else b""


PAGES = {"en": to_player_html(TIMELINE), "de": to_player_html(TIMELINE, language="de")}
#: Presses → → ← →, space and M (a test script, run after the page's own).
KEYS = "".join(
    f"document.dispatchEvent(new KeyboardEvent('keydown', {{key: {json.dumps(key)}, bubbles: true}}));"
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft", "ArrowRight", " ", "m")
)
#: Instants (seconds) away from step boundaries: the page redraws every 0.2 s.
PLAYING = [3.0, 100.0, 250.5, 500.0]
BEFORE_A_TRANSITION = next(
    s for s in TIMELINE if s.index and TIMELINE[s.index + 1].kind is sk.StepKind.TRANSITION
)


@pytest.fixture(scope="module")
def loads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Load]:
    """Every page load of the tests below, run two at a time."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        _missing("Chromium", "apt-get install -y chromium (.ci/run does)")
    d = TIMELINE.duration
    jobs = {
        **{f"autoplay {t}": Load("en", "#autoplay", round(t * 1000)) for t in PLAYING},
        "t=100 short": Load("en", "#t=100", 500),
        "t=100 long": Load("en", "#t=100", 5000),
        "t=end": Load("en", f"#t={d:g}", 500),
        "past the end": Load("en", "#autoplay", round(d * 1000) + 3000),
        "no hash": Load("en", "", 1000),
        "de before a transition": Load("de", f"#t={BEFORE_A_TRANSITION.start + 1:g}", 500),
        "keys": Load("en", "#autoplay", 3000, script=f"setTimeout(() => {{{KEYS}}}, 1000);"),
        "no speech": Load("en", "", 500, head="window.SpeechSynthesisUtterance = undefined;"),
        **{
            f"shot {w}x{h} {hash_}": Load(
                "en", hash_, 40_000 if hash_ == "#autoplay" else 500, screenshot=(w, h)
            )
            for w, h, hash_ in SHOTS
        },
    }
    folder = tmp_path_factory.mktemp("pages")
    with ThreadPoolExecutor(max_workers=2) as pool:
        names = list(jobs)
        list(pool.map(lambda i: _chromium(binary, folder / f"{i}.html", jobs[names[i]]), range(len(names))))
    keep = os.environ.get("STRETCHKIT_SCREENSHOTS")
    if keep:
        for name, job in jobs.items():
            if job.png:
                Path(keep, name.replace(" ", "-").replace("#", "").replace("=", "") + ".png").write_bytes(
                    job.png
                )
    return jobs


def _step(load: Load) -> tuple[int, str, float]:
    attrs = load.dom.attrs.get("sk-step", {})
    assert not load.errors, load.errors
    return int(attrs["data-index"]), attrs["data-status"], float(attrs["data-position"])


class TestInChromium:
    """The page as Chromium shows it, after some seconds of virtual time."""

    @pytest.mark.parametrize("t", PLAYING)
    def test_autoplay_shows_the_step_at_n_seconds(self, loads: dict[str, Load], t: float) -> None:
        """With #autoplay, after N virtual seconds the page shows the step index_at(N), playing."""
        load = loads[f"autoplay {t}"]
        index, status, position = _step(load)
        assert (TIMELINE.index_at(t), "playing") == (index, status)
        assert abs(position - t) <= 0.5
        assert TIMELINE[index].label == load.dom.text["sk-label"]

    def test_t_starts_paused_there(self, loads: dict[str, Load]) -> None:
        """#t=100 starts paused at 100 s, and stays there."""
        for name in ("t=100 short", "t=100 long"):
            assert (TIMELINE.index_at(100), "paused", 100.0) == _step(loads[name])

    def test_the_end_shows_finished(self, loads: dict[str, Load]) -> None:
        """At the end (sought or played to), the page is finished at the last step."""
        last = len(TIMELINE) - 1
        for name in ("t=end", "past the end"):
            load = loads[name]
            assert (last, "finished", TIMELINE.duration) == _step(load)
            assert "Finished" == load.dom.text["sk-label"]
            assert "0:00" == load.dom.text["sk-countdown"]

    def test_opened_plainly_it_is_ready(self, loads: dict[str, Load]) -> None:
        """Without a hash, it waits at step 0."""
        load = loads["no hash"]
        assert (0, "ready", 0.0) == _step(load)
        assert "Next: Knee to Chest — left" == load.dom.text["sk-next"]
        assert f"Step 1 of {len(TIMELINE)}" == load.dom.text["sk-stepno"]
        assert "Ready" == load.dom.text["sk-status"]

    def test_words_in_the_language_and_next_names_the_stretch(self, loads: dict[str, Load]) -> None:
        """A German page speaks German; before a get-ready step, Next names the stretch (no
        "Next: Get ready: …")."""
        load = loads["de before a transition"]
        index, status, _ = _step(load)
        assert (BEFORE_A_TRANSITION.index, "paused") == (index, status)
        assert TIMELINE.labels("de")[index] == load.dom.text["sk-label"]
        coming = TIMELINE[index + 1].stretch
        assert f"Als Nächstes: {coming.names['de']}" == load.dom.text["sk-next"]
        assert "Pausiert" == load.dom.text["sk-status"]

    def test_keys(self, loads: dict[str, Load]) -> None:
        """→ → ← → then space: paused at the start of step 2; M mutes."""
        load = loads["keys"]
        assert (2, "paused", TIMELINE[2].start) == _step(load)
        assert "false" == load.dom.attrs["sk-sound"]["aria-pressed"]

    def test_without_speech(self, loads: dict[str, Load]) -> None:
        """A browser that cannot speak shows the cues and says so; the sound switch is off."""
        load = loads["no speech"]
        assert not load.dom.attrs["sk-nospeech"].get("hidden")
        assert TEXTS["en"]["page.no_speech"] == load.dom.text["sk-nospeech"]
        assert "disabled" in load.dom.attrs["sk-sound"]

    @pytest.mark.parametrize(("width", "height", "hash_"), SHOTS)
    def test_screenshots(self, loads: dict[str, Load], width: int, height: int, hash_: str) -> None:
        """Phone and desktop screenshots are PNGs of the window's size (a person looks at them:
        STRETCHKIT_SCREENSHOTS=folder keeps them)."""
        load = loads[f"shot {width}x{height} {hash_}"]
        assert not load.errors, load.errors
        assert load.png.startswith(b"\x89PNG\r\n\x1a\n")
        assert (width, height) == struct.unpack(">II", load.png[16:24])
        assert len(load.png) > 10_000
