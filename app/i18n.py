"""The app's languages through Qt's translation system: English, and Simplified Chinese."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}
"""Each language in its own words, as the language menu shows it."""

_installed: list[QTranslator] = []


def effective_language(choice: str) -> str:
    """ "en" or "zh_CN" for a choice of "system", "en" or "zh_CN"."""
    if choice != "system":
        return choice if choice in LANGUAGE_NAMES else "en"
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def install_language(choice: str) -> str:
    """Translate the app (and Qt's own dialogs) into the chosen language; returns the language
    now in use. Every widget gets a LanguageChange event and retranslates itself."""
    app = QCoreApplication.instance()
    language = effective_language(choice)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        return language
    ours = QTranslator(app)
    path = resources.translations_dir() / f"descent_lab_{language}.qm"
    if not ours.load(str(path)):
        log.warning("no translation file %s; staying in English", path)
        return "en"
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)
    return language


def backend_title(name: str) -> str:
    """A backend's name as the user reads it, in the language in use."""
    from trainers.experiment import BACKEND_TITLES

    return QCoreApplication.translate("Backends", BACKEND_TITLES[name])
