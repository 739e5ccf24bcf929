#!/usr/bin/python3
"""Writes the vendor-file corpus: files as translators' tools write them back.

Each case is a directory with the file a vendor would deliver and
want.json, the text each unit must have once imported ("landed") and the
units the import must leave as they were ("left"). corpus_test.go imports
each file into a copy of the frozen site (testdata/site) and holds every
unit to want.json, byte for byte.

The files are made by the tools themselves, from what `statement i18n
export` writes for the frozen site: polib (python3-polib), msgmerge and
msgconv (gettext), xliff2po, po2xliff and pomerge (translate-toolkit).
Segmented and re-flowed XLIFF, which only commercial CAT tools write, is
written here the way Trados and memoQ write it.

Run from the repository root:
    python3 internal/l10n/workflow/testdata/corpus/generate.py [OUT]
OUT defaults to this directory. .ci/run writes a fresh corpus with the
installed tools and runs the test on it (STATEMENT_CORPUS=OUT).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import polib

REPO = os.getcwd()
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(REPO, "internal/l10n/workflow/testdata/corpus")

# What the translator changes, and the text that must land. Trailing
# white space a tool or a translator left is not part of the text.
EDITS = {
    "page#title": "Declaración del DHCS sobre el uso federal de los datos de Medi-Cal y la privacidad de los miembros de Medi-Cal en California",
    "page#6": "Ayuda legal y más recursos {#resources}",
    "skip_link": 'Ir a la "declaración" \\ ya',
    "language_nav": "Idiomas del sitio\n",
    "courtesy_notice": "Aviso: esta es una traducción de cortesía. La versión en inglés es la oficial. Corresponde a la versión en inglés del {{ .Date }}.",
    # The last entry of the file: the one an obsolete entry after it lost.
    "note.2026-01-02.2": "Se añadió la aclaración del tribunal federal del 29 de diciembre de 2025 sobre lo que los CMS pueden compartir con el ICE.",
}


# A month of a vendor's work: an editor changes English, the export has
# only what changed (stale, with the English it was made from), the
# vendor updates it in their tool, and it comes back. english.json in the
# case says what the editor changed; the test makes the same change first.
ENGLISH = {
    "content/en/_index.md": ["We will update this page with more information as it becomes available.", "We will update this page as we learn more."],
    "i18n/en.toml": ['skip_link = "Skip to the statement"', 'skip_link = "Skip to the main text"'],
}
MONTH = {
    "page#2": ("Actualizaremos esta página a medida que haya más información disponible.", "Actualizaremos esta página a medida que sepamos más."),
    "skip_link": ("Ir a la declaración", "Ir al texto principal"),
}


def landed(edits):
    return {k: v.strip(" \t\n") for k, v in edits.items()}


def run(*args, cwd=None):
    subprocess.run(args, check=True, cwd=cwd, stdout=subprocess.DEVNULL)


def case(name, file, data, want_landed, want_left=(), english=None):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    if english:
        with open(os.path.join(d, "english.json"), "w", encoding="utf-8") as f:
            json.dump(english, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
    with open(os.path.join(d, file), "wb") as f:
        f.write(data)
    with open(os.path.join(d, "want.json"), "w", encoding="utf-8") as f:
        json.dump({"landed": want_landed, "left": sorted(want_left)}, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def translate_po(po, edits, unfuzzy=True):
    """Edit the entries as Poedit does: a translated entry is not fuzzy."""
    for e in po:
        uid = e.msgctxt or unit_of_reference(e)
        if uid in edits:
            e.msgstr = edits[uid]
            if unfuzzy and "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
                e.previous_msgid = None


def unit_of_reference(e):
    for ref, _ in e.occurrences:
        return ref.replace("%23", "#")
    return None


def main():
    work = tempfile.mkdtemp()
    try:
        site = os.path.join(work, "site")
        shutil.copytree(os.path.join(REPO, "testdata/site"), site)
        exe = os.path.join(work, "statement")
        run("go", "build", "-o", exe, "./cmd/statement", cwd=REPO)
        for lang, fmt, out in [("es", "po", "es.po"), ("es", "xliff", "es.xlf"), ("zh-hant", "xliff", "zh-hant.xlf")]:
            run(exe, "i18n", "export", lang, "--format", fmt, "--all", "--out", os.path.join(work, out), cwd=site)
        want = landed(EDITS)

        # polib, as Poedit and Weblate save: re-wrapped lines, and the
        # obsolete entries at the end.
        po = polib.pofile(os.path.join(work, "es.po"), wrapwidth=78)
        translate_po(po, EDITS)
        po.save(os.path.join(work, "translated.po"))
        for i, text in enumerate(["Una unidad que ya no existe.", "Otra más."]):
            po.append(polib.POEntry(msgctxt="gone.%d" % i, msgid="Gone %d" % i, msgstr=text, obsolete=True))
        po.save(os.path.join(work, "obsolete.po"))
        case("polib-obsolete", "es.po", read(os.path.join(work, "obsolete.po")), want)

        # msgmerge against a template that no longer has one unit: that
        # unit becomes an obsolete #~ entry at the end.
        pot = polib.pofile(os.path.join(work, "es.po"))
        for e in list(pot):
            e.msgstr = ""
            if e.msgctxt == "note.2025-06-13.1":
                pot.remove(e)
        pot.save(os.path.join(work, "es.pot"))
        run("msgmerge", "--quiet", "--no-fuzzy-matching", "-o", os.path.join(work, "merged.po"), os.path.join(work, "translated.po"), os.path.join(work, "es.pot"))
        case("msgmerge-obsolete", "es.po", read(os.path.join(work, "merged.po")), want)

        # A Windows editor's byte order mark.
        case("bom", "es.po", b"\xef\xbb\xbf" + read(os.path.join(work, "translated.po")), want)

        # msgconv to a legacy charset, which the header names; the
        # entries ISO-8859-1 cannot write (curly quotes) are left out.
        po = polib.pofile(os.path.join(work, "translated.po"))
        for e in list(po):
            try:
                (e.msgid + e.msgstr + e.comment).encode("iso-8859-1")
            except UnicodeEncodeError:
                po.remove(e)
        po.save(os.path.join(work, "latin1-utf8.po"))
        run("msgconv", "--to-code=ISO-8859-1", "-o", os.path.join(work, "latin1.po"), os.path.join(work, "latin1-utf8.po"))
        case("msgconv-latin1", "es.po", read(os.path.join(work, "latin1.po")), want)

        # The Translate Toolkit's round trip: xliff2po, translate, then
        # import the PO (no msgctxt: the id is a #: reference; no
        # Language: the file's name says it), or po2xliff it back (XLIFF
        # 1.1, the id in a location context), or pomerge it into the
        # exported XLIFF. (po2xliff -t cannot match this PO's entries to
        # the template's units, and appends a second <file>.)
        run("xliff2po", "--progress=none", "-i", os.path.join(work, "es.xlf"), "-o", os.path.join(work, "tt.po"))
        po = polib.pofile(os.path.join(work, "tt.po"))
        translate_po(po, EDITS)
        po.save(os.path.join(work, "tt-translated.po"))
        # xliff2po marks every unit fuzzy; those the translator did not
        # touch stay so, and are left.
        fuzzy = {unit_of_reference(e) for e in po if "fuzzy" in e.flags and e.msgid}
        case("xliff2po", "es.po", read(os.path.join(work, "tt-translated.po")), want, fuzzy)
        run("po2xliff", "--progress=none", "-i", os.path.join(work, "tt-translated.po"), "-o", os.path.join(work, "tt.xlf"))
        case("po2xliff", "es.xlf", read(os.path.join(work, "tt.xlf")), want, fuzzy)
        run("pomerge", "--progress=none", "-t", os.path.join(work, "es.xlf"), "-i", os.path.join(work, "tt-translated.po"), "-o", os.path.join(work, "pomerged.xlf"))
        case("pomerge", "es.xlf", read(os.path.join(work, "pomerged.xlf")), want, fuzzy)

        xlf = read(os.path.join(work, "es.xlf")).decode()
        case("trados-segmented", "es.xlf", segmented(edit_xliff(xlf, EDITS)).encode(), want)
        reflowed, want_reflow = reflow(edit_xliff(xlf, EDITS), want)
        case("reflow-default-space", "es.xlf", reflowed.encode(), want_reflow)
        zh = read(os.path.join(work, "zh-hant.xlf")).decode()
        reflowed, want_zh = reflow_zh(zh)
        case("reflow-chinese", "zh-hant.xlf", reflowed.encode(), want_zh)

        month(site, exe, work)
    finally:
        shutil.rmtree(work)


def month(site, exe, work):
    for rel, (old, new) in ENGLISH.items():
        path = os.path.join(site, rel)
        text = read(path).decode()
        assert old in text, (rel, old)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))
    run(exe, "i18n", "export", "es", "--format", "po", "--out", os.path.join(work, "month.po"), cwd=site)
    run(exe, "i18n", "export", "es", "--format", "xliff", "--out", os.path.join(work, "month.xlf"), cwd=site)
    po = polib.pofile(os.path.join(work, "month.po"))
    assert sorted(e.msgctxt for e in po) == sorted(MONTH), [e.msgctxt for e in po]
    want = {}
    for e in po:
        old, new = MONTH[e.msgctxt]
        assert old in e.msgstr, (e.msgctxt, e.msgstr)
        want[e.msgctxt] = e.msgstr.replace(old, new)
    translate_po(po, want)
    po.save(os.path.join(work, "month-done.po"))
    case("month-poedit", "es.po", read(os.path.join(work, "month-done.po")), want, english=ENGLISH)
    # The same month through msgmerge: the vendor's PO merged with the
    # export, as a Weblate or gettext workflow updates its file.
    run("msgmerge", "--quiet", "--no-fuzzy-matching", "-o", os.path.join(work, "month-merged.po"), os.path.join(work, "month-done.po"), os.path.join(work, "month.po"))
    merged = polib.pofile(os.path.join(work, "month-merged.po"))
    translate_po(merged, want)
    merged.save(os.path.join(work, "month-merged.po"))
    case("month-msgmerge", "es.po", read(os.path.join(work, "month-merged.po")), want, english=ENGLISH)
    # Through the Translate Toolkit and back to XLIFF.
    run("xliff2po", "--progress=none", "-i", os.path.join(work, "month.xlf"), "-o", os.path.join(work, "month-tt.po"))
    tt = polib.pofile(os.path.join(work, "month-tt.po"))
    translate_po(tt, want)
    tt.save(os.path.join(work, "month-tt.po"))
    run("po2xliff", "--progress=none", "-i", os.path.join(work, "month-tt.po"), "-o", os.path.join(work, "month-tt.xlf"))
    case("month-po2xliff", "es.xlf", read(os.path.join(work, "month-tt.xlf")), want, english=ENGLISH)
    # And segmented, as Trados gives it back.
    xlf = read(os.path.join(work, "month.xlf")).decode()
    done = edit_xliff(xlf, want).replace('state="needs-review-translation"', 'state="translated"')
    case("month-trados", "es.xlf", segmented(done).encode(), want, english=ENGLISH)


UNIT = re.compile(r'(<trans-unit id="([^"]+)"[^>]*>\n\s*<source>)(.*?)(</source>\n\s*<target[^>]*>)(.*?)(</target>)', re.S)


def xml_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def edit_xliff(xlf, edits):
    def sub(m):
        uid = m.group(2)
        if uid not in edits:
            return m.group(0)
        return m.group(1) + m.group(3) + m.group(4) + xml_text(edits[uid]) + m.group(6)
    return UNIT.sub(sub, xlf)


def segmented(xlf):
    """Trados and memoQ: a <seg-source> with one <mrk mtype="seg"> per
    sentence, and the target in the same markers."""
    def sentences(text):
        parts = re.split(r"(?<=[.!?]) (?=[A-ZÁÉÍÓÚ¿¡*])", text)
        return parts

    def sub(m):
        src_parts = sentences(m.group(3))
        tgt_parts = sentences(m.group(5))
        if len(src_parts) != len(tgt_parts):
            src_parts, tgt_parts = [m.group(3)], [m.group(5)]
        seg = " ".join('<mrk mtype="seg" mid="%d">%s</mrk>' % (i + 1, p) for i, p in enumerate(src_parts))
        tgt = " ".join('<mrk mtype="seg" mid="%d">%s</mrk>' % (i + 1, p) for i, p in enumerate(tgt_parts))
        indent = re.search(r"\n(\s*)<target", m.group(4)).group(1)
        return m.group(1) + m.group(3) + "</source>\n" + indent + "<seg-source>" + seg + "</seg-source>" + m.group(4)[len("</source>"):] + tgt + m.group(6)
    return UNIT.sub(sub, xlf)


def wrap(text, width, indent):
    """A CAT tool's re-flow: break at spaces past width, indent the
    continuation lines."""
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = word if not line else line + " " + word
    out.append(line)
    return ("\n" + indent).join(out)


def reflow(xlf, want):
    """xml:space="default" (the attribute dropped) and every long target
    re-flowed: the text lands as one line, as it was."""
    xlf = xlf.replace(' xml:space="preserve"', "")
    landed_text = dict(want)

    def sub(m):
        target = m.group(5)
        if len(target) <= 60 or "\n" in target:
            return m.group(0)
        return m.group(1) + m.group(3) + m.group(4) + wrap(target, 60, "          ") + m.group(6)
    return UNIT.sub(sub, xlf), landed_text


def reflow_zh(xlf):
    """Chinese has no spaces between words: a re-flow breaks anywhere, here
    inside 大使館, and the line break must not become a space."""
    xlf = xlf.replace(' xml:space="preserve"', "")
    want = {}

    def sub(m):
        target = m.group(5)
        i = target.find("大使館")
        if i < 0:
            return m.group(0)
        want[m.group(2)] = target.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        broken = target[: i + 2] + "\n            " + target[i + 2 :]
        return m.group(1) + m.group(3) + m.group(4) + "\n            " + broken + "\n        " + m.group(6)
    out = UNIT.sub(sub, xlf)
    assert want, "no target holds 大使館"
    return out, want


if __name__ == "__main__":
    main()
