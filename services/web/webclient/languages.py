"""The site's languages: the gettext catalogues (compiled at start-up), the language taken from
the URL (`/nl/…`, `/fr/…`, `/en/…`), and the links of the language switcher.

The catalogues are kept as `.po` only (no compiled files in git). Each app start compiles them
into a directory under the system's temporary directory, named after their content, so every
worker of every release finds or writes the same files. That works from a fresh clone and in the
image, whose root filesystem is read-only on Kubernetes (/tmp is a writable volume there).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, g, has_request_context, request, url_for
from flask_babel import Babel, get_translations

from webclient.bootstrap import LANGUAGES

CATALOGUES = Path(__file__).parent / "translations"
NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}
# One extension object for every app, as Flask extensions usually are: it keeps no state of its own.
BABEL = Babel()


def install_languages(app: Flask) -> None:
    """Flask-Babel with the compiled catalogues; the locale is the URL's language."""
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(compiled_catalogues())
    app.config["BABEL_DEFAULT_LOCALE"] = LANGUAGES[0]
    BABEL.init_app(app, locale_selector=current_language)
    _install_template_gettext(app)
    app.jinja_env.globals["language_links"] = language_links
    app.jinja_env.globals["LANGUAGE_NAMES"] = NAMES


def _install_template_gettext(app: Flask) -> None:
    """The templates' `_()` and `ngettext()` by the page's language, over Flask-Babel's catalogues.

    Flask-Babel finds the request's catalogue anew for every string (its context, locale and
    domain: about 12 µs; a job board page shows some fifty strings, bench/web_pages.py). The
    language of a page is known, so its catalogue is kept by language instead."""
    catalogues: dict[str, Translations | NullTranslations] = {}

    def catalogue() -> Translations | NullTranslations:
        if not has_request_context():  # no page: no language, as Flask-Babel does
            return get_translations()
        language = current_language()
        if language not in catalogues:
            catalogues[language] = get_translations()
        return catalogues[language]

    app.jinja_env.install_gettext_callables(
        gettext=lambda message: catalogue().ugettext(message),
        ngettext=lambda singular, plural, n: catalogue().ungettext(singular, plural, n),
        pgettext=lambda context, message: catalogue().upgettext(context, message),
        npgettext=lambda context, singular, plural, n: catalogue().unpgettext(context, singular, plural, n),
        newstyle=True,
    )


def compiled_catalogues() -> Path:
    """A directory of `<lang>/LC_MESSAGES/messages.mo`, each merged from all that language's `.po` files.

    A language's strings are kept in one `.po` file per area of the site (`messages.po` for the
    career site, `consultant.po`, `alerts.po`, ...), so one area's translators never edit another's."""
    sources = sorted(CATALOGUES.glob("*/LC_MESSAGES/*.po"))
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"recruitment-web-translations-{digest}"
    for language in sorted({source.parent.parent.name for source in sources}):
        compiled = target / language / "LC_MESSAGES" / "messages.mo"
        if compiled.exists():
            continue
        compiled.parent.mkdir(parents=True, exist_ok=True)
        partial = compiled.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as mo:
            write_mo(mo, merged_catalogue(language))
        os.replace(partial, compiled)  # atomic: a worker starting alongside never reads half a file
    return target


def merged_catalogue(language: str) -> Catalog:
    """All of `language`'s `.po` files as one catalogue (a message in two files: the later file's)."""
    merged = Catalog(locale=language)
    for source in sorted((CATALOGUES / language / "LC_MESSAGES").glob("*.po")):
        with source.open("rb") as po:
            for message in read_po(po, locale=language):
                if message.id:  # not the header
                    merged[message.id] = message
    return merged


def current_language() -> str:
    """The page's language: the URL's, or for a page outside the language tree the browser's best."""
    return g.get("lang") or preferred_language()


def preferred_language() -> str:
    """The best of the browser's Accept-Language among ours, else the default."""
    return request.accept_languages.best_match(LANGUAGES) or LANGUAGES[0]


def language_links() -> list[dict[str, str]]:
    """The current page in every language: same path and query, another language segment."""
    current = current_language()
    query = urlencode(list(request.args.items(multi=True)))
    links = []
    for language in LANGUAGES:
        if request.endpoint and request.url_rule and "lang" in request.url_rule.arguments:
            href = url_for(request.endpoint, **{**(request.view_args or {}), "lang": language})
        else:  # a page outside the language tree (an unknown path): that language's home
            href = url_for("pages.home", lang=language)
        links.append(
            {
                "lang": language,
                "name": NAMES[language],
                "href": f"{href}?{query}" if query else href,
                "current": "true" if language == current else "",
            }
        )
    return links
