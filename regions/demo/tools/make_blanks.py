#!/usr/bin/env python3
"""Generate the blank application forms (бланки заявлений) of the demo region pack.

Reads ``regions/demo/catalog.yaml`` and, for every entry under a service's ``blanks:`` list,
writes an OpenDocument Text file (ODT) at ``regions/demo/<file>``, i.e. under
``regions/demo/blanks/``. Each form is in Russian: the addressee ("В <ведомство>"), the heading
«ЗАЯВЛЕНИЕ» (or «УВЕДОМЛЕНИЕ») with the blank's title, fields to fill in by hand (ФИО, дата
рождения, СНИЛС, адрес регистрации, телефон, e-mail), a «Прошу …» paragraph naming the service,
the list of attached documents taken from the service passport, and the date and signature
line.

Run from the repository root:

    python3 regions/demo/tools/make_blanks.py          # write the blanks
    python3 regions/demo/tools/make_blanks.py --check  # only report blanks that are out of date

Only the Python 3.11 standard library is used. The catalog is read with a small line-based
reader that understands exactly the layout of catalog.yaml (block lists of maps whose texts are
flow maps ``{ ru: "…", en: "…" }``), so no YAML library is needed. The output is deterministic:
zip entries carry a fixed timestamp (2026-01-01 00:00:00) and fixed attributes, so running the
script again produces byte-identical files, and files whose bytes would not change are not
rewritten.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

PACK_DIR = Path(__file__).resolve().parent.parent
CATALOG = PACK_DIR / "catalog.yaml"

ZIP_DATE = (2026, 1, 1, 0, 0, 0)
ISO_DATE = "2026-01-01T00:00:00"
MIMETYPE = "application/vnd.oasis.opendocument.text"
GENERATOR = "priozyorsky-portal/make_blanks.py"


# --------------------------------------------------------------------------------------------
# Reading catalog.yaml
# --------------------------------------------------------------------------------------------


@dataclass
class Document:
    title: str
    interagency: bool = False


@dataclass
class Blank:
    file: str
    title: str = ""


@dataclass
class Service:
    code: str
    title: str = ""
    department: str = ""
    documents: list[Document] = field(default_factory=list)
    blanks: list[Blank] = field(default_factory=list)


_SECTION = re.compile(r"^([a-z_]+):\s*(#.*)?$")
_ITEM_CODE = re.compile(r"^  - code:\s*(\S+)\s*$")
_KEY = re.compile(r"^    ([a-z_]+):\s*(.*)$")
_DOC = re.compile(r"^      - title:\s*(\{.*\})\s*$")
_INTERAGENCY = re.compile(r"^        interagency:\s*(true|false)\s*$")
_BLANK_FILE = re.compile(r"^      - file:\s*(\S+)\s*$")
_BLANK_TITLE = re.compile(r"^        title:\s*(\{.*\})\s*$")
_LANG_TEXT = re.compile(r'([a-z]{2}(?:-[A-Za-z]+)?)\s*:\s*"((?:[^"\\]|\\.)*)"')


def flow_text(flow: str, lang: str = "ru") -> str:
    """The text in `lang` of a flow map such as `{ ru: "…", en: "…" }`."""
    for key, value in _LANG_TEXT.findall(flow):
        if key == lang:
            return json.loads(f'"{value}"')
    raise ValueError(f"no {lang!r} text in {flow}")


def read_catalog(path: Path) -> tuple[dict[str, str], list[Service]]:
    """Department names (Russian) by code, and the services with their documents and blanks."""
    departments: dict[str, str] = {}
    services: list[Service] = []
    section = ""
    dept = ""
    service: Service | None = None
    block = ""  # the service's current list key: "documents", "blanks" or ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if m := _SECTION.match(line):
            section, service, block = m.group(1), None, ""
            continue
        try:
            if m := _ITEM_CODE.match(line):
                if section == "departments":
                    dept = m.group(1)
                elif section == "services":
                    service, block = Service(m.group(1)), ""
                    services.append(service)
                continue
            if section == "departments" and (m := _KEY.match(line)) and m.group(1) == "name":
                departments[dept] = flow_text(m.group(2))
            elif section == "services" and service is not None:
                if m := _KEY.match(line):
                    key, value = m.groups()
                    block = key if key in ("documents", "blanks") else ""
                    if key == "title":
                        service.title = flow_text(value)
                    elif key == "department":
                        service.department = value.strip()
                elif block == "documents" and (m := _DOC.match(line)):
                    service.documents.append(Document(flow_text(m.group(1))))
                elif block == "documents" and (m := _INTERAGENCY.match(line)) and service.documents:
                    service.documents[-1].interagency = m.group(1) == "true"
                elif block == "blanks" and (m := _BLANK_FILE.match(line)):
                    service.blanks.append(Blank(m.group(1)))
                elif block == "blanks" and (m := _BLANK_TITLE.match(line)) and service.blanks:
                    service.blanks[-1].title = flow_text(m.group(1))
        except ValueError as e:
            raise SystemExit(f"{path}:{number}: {e}") from None
    return departments, services


# --------------------------------------------------------------------------------------------
# Russian wording
# --------------------------------------------------------------------------------------------


def to_accusative(name: str) -> str:
    """The department's name after «В …» (винительный падеж): «Администрацию города …».

    Only the leading adjectives and the head noun change; names headed by a neuter noun
    (Министерство, Агентство, Управление) stay as they are.
    """
    words = name.split(" ")
    for i, word in enumerate(words):
        if word.endswith("ая"):
            words[i] = word[:-2] + "ую"
            continue
        if word.endswith("ия"):
            words[i] = word[:-2] + "ию"
        elif word.endswith("а") and word[:1].isupper():
            words[i] = word[:-1] + "у"
        break
    return " ".join(words)


def heading_and_subtitle(blank_title: str) -> tuple[str, str]:
    """«ЗАЯВЛЕНИЕ» / «УВЕДОМЛЕНИЕ» and the rest of the blank's title below it."""
    for word, heading in (("Заявление", "ЗАЯВЛЕНИЕ"), ("Уведомление", "УВЕДОМЛЕНИЕ")):
        if blank_title.startswith(word + " "):
            return heading, blank_title[len(word) + 1 :]
    return "ЗАЯВЛЕНИЕ", blank_title


def inner_quotes(text: str) -> str:
    """Quotes inside «…» become „…“, as Russian typography wants."""
    return text.replace("«", "„").replace("»", "“")


def fill(label: str, width: int = 70) -> str:
    """A label followed by an underscore line to fill in by hand."""
    return f"{label} {'_' * max(12, width - len(label))}"


# --------------------------------------------------------------------------------------------
# OpenDocument
# --------------------------------------------------------------------------------------------

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}
ODF_VERSION = "1.2"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def xmlns(*prefixes: str) -> str:
    return " ".join(f'xmlns:{p}="{NS[p]}"' for p in prefixes)


FONT_FACES = (
    "<office:font-face-decls>"
    "<style:font-face style:name=\"Liberation Serif\" svg:font-family=\"'Liberation Serif'\" "
    'style:font-family-generic="roman" style:font-pitch="variable"/>'
    "</office:font-face-decls>"
)


def paragraph_style(name: str, paragraph: str = "", text: str = "") -> str:
    para = f"<style:paragraph-properties {paragraph}/>" if paragraph else ""
    txt = f"<style:text-properties {text}/>" if text else ""
    return (
        f'<style:style style:name="{name}" style:family="paragraph" '
        f'style:parent-style-name="Standard">{para}{txt}</style:style>'
    )


STYLES_XML = (
    XML_HEAD
    + f'<office:document-styles {xmlns("office", "style", "text", "fo", "svg")} office:version="{ODF_VERSION}">'
    + FONT_FACES
    + "<office:styles>"
    + '<style:default-style style:family="paragraph">'
    + '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.1cm" fo:line-height="115%"/>'
    + '<style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt" '
    + 'fo:language="ru" fo:country="RU"/>'
    + "</style:default-style>"
    + '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
    + paragraph_style("Addressee", 'fo:margin-left="8.5cm"')
    + paragraph_style("AddresseeHint", 'fo:margin-left="8.5cm" fo:text-align="center"', 'fo:font-size="9pt" fo:font-style="italic"')
    + paragraph_style("Heading", 'fo:text-align="center" fo:margin-top="0.8cm" fo:margin-bottom="0.1cm"', 'fo:font-size="14pt" fo:font-weight="bold" fo:letter-spacing="0.05cm"')
    + paragraph_style("Subtitle", 'fo:text-align="center" fo:margin-bottom="0.5cm"', 'fo:font-weight="bold"')
    + paragraph_style("Section", 'fo:margin-top="0.3cm" fo:keep-with-next="always"', 'fo:font-weight="bold"')
    + paragraph_style("Field", 'fo:margin-top="0.15cm"')
    + paragraph_style("Body", 'fo:text-align="justify" fo:text-indent="1.25cm" fo:margin-top="0.3cm"')
    + paragraph_style("Item", 'fo:margin-left="0.6cm" fo:text-indent="-0.6cm" fo:margin-top="0.1cm"')
    + paragraph_style("Note", 'fo:text-align="justify" fo:margin-top="0.3cm"', 'fo:font-size="10pt"')
    + paragraph_style("Signature", 'fo:margin-top="0.8cm"')
    + paragraph_style("Hint", 'fo:text-align="end"', 'fo:font-size="9pt" fo:font-style="italic"')
    + "</office:styles>"
    + "<office:automatic-styles>"
    + '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" '
    + 'fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" '
    + 'fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="1.5cm"/></style:page-layout>'
    + "</office:automatic-styles>"
    + '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/>'
    + "</office:master-styles>"
    + "</office:document-styles>"
)

MANIFEST_XML = (
    XML_HEAD
    + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    + f'manifest:version="{ODF_VERSION}">'
    + f'<manifest:file-entry manifest:full-path="/" manifest:version="{ODF_VERSION}" manifest:media-type="{MIMETYPE}"/>'
    + '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    + '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    + '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    + "</manifest:manifest>"
)


def meta_xml(title: str) -> str:
    return (
        XML_HEAD
        + f'<office:document-meta {xmlns("office", "meta", "dc")} office:version="{ODF_VERSION}">'
        + "<office:meta>"
        + f"<meta:generator>{escape(GENERATOR)}</meta:generator>"
        + f"<dc:title>{escape(title)}</dc:title>"
        + "<dc:language>ru-RU</dc:language>"
        + f"<meta:creation-date>{ISO_DATE}</meta:creation-date>"
        + f"<dc:date>{ISO_DATE}</dc:date>"
        + "</office:meta></office:document-meta>"
    )


def para(style: str, text: str) -> str:
    return f"<text:p text:style-name={quoteattr(style)}>{escape(text)}</text:p>"


def content_xml(service: Service, blank: Blank, department: str) -> str:
    heading, subtitle = heading_and_subtitle(blank.title)
    municipal = department.startswith("Администрация")
    kind = "муниципальную" if municipal else "государственную"
    own = [d.title for d in service.documents if not d.interagency]
    requested = [d.title for d in service.documents if d.interagency]

    body = [
        para("Addressee", f"В {to_accusative(department)}"),
        para("Addressee", "от " + "_" * 34),
        para("Addressee", "_" * 37),
        para("AddresseeHint", "(фамилия, имя, отчество (при наличии) заявителя)"),
        para("Heading", heading),
        para("Subtitle", subtitle),
        para("Section", "Сведения о заявителе"),
        para("Field", fill("Фамилия, имя, отчество (при наличии):")),
        para("Field", fill("Дата рождения:")),
        para("Field", fill("СНИЛС:")),
        para("Field", fill("Документ, удостоверяющий личность (вид, серия, номер):")),
        para("Field", fill("Кем и когда выдан:")),
        para("Field", fill("Адрес регистрации по месту жительства:")),
        para("Field", "_" * 70),
        para("Field", fill("Телефон:")),
        para("Field", fill("E-mail:")),
        para(
            "Body",
            f"Прошу предоставить {kind} услугу «{inner_quotes(service.title)}» "
            "в соответствии с административным регламентом её предоставления.",
        ),
        para("Field", fill("Дополнительные сведения:")),
        para("Field", "_" * 70),
        para("Field", "Результат предоставления услуги прошу: ☐ выдать лично   ☐ направить почтой   "
             "☐ направить в личный кабинет на портале"),
        para("Section", "Приложения:"),
    ]
    number = 0
    for number, title in enumerate(own, start=1):
        body.append(para("Item", f"{number}. {title} — на ____ л."))
    for extra in range(number + 1, number + 3):
        body.append(para("Item", f"{extra}. " + "_" * 60 + " — на ____ л."))
    if requested:
        body.append(
            para(
                "Note",
                "Следующие сведения ведомство запрашивает самостоятельно; заявитель вправе "
                "представить их по собственной инициативе: " + "; ".join(requested) + ".",
            )
        )
    body += [
        para(
            "Note",
            "Подтверждаю достоверность представленных сведений и даю согласие на обработку моих "
            "персональных данных в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ "
            "«О персональных данных».",
        ),
        para("Signature", "Дата ______ Подпись ______ / ____________ /"),
        para("Hint", "(подпись)          (расшифровка подписи)"),
    ]
    return (
        XML_HEAD
        + f'<office:document-content {xmlns("office", "style", "text", "fo", "svg")} office:version="{ODF_VERSION}">'
        + FONT_FACES
        + "<office:body><office:text>"
        + "".join(body)
        + "</office:text></office:body></office:document-content>"
    )


def odt_bytes(content: str, styles: str, meta: str) -> bytes:
    """A complete ODT package, byte for byte the same for the same input."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data, method in (
            ("mimetype", MIMETYPE, zipfile.ZIP_STORED),  # first and uncompressed, as ODF requires
            ("META-INF/manifest.xml", MANIFEST_XML, zipfile.ZIP_DEFLATED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("styles.xml", styles, zipfile.ZIP_DEFLATED),
            ("meta.xml", meta, zipfile.ZIP_DEFLATED),
        ):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = method
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            z.writestr(info, data.encode("utf-8"), compresslevel=9 if method == zipfile.ZIP_DEFLATED else None)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    check = "--check" in argv
    departments, services = read_catalog(CATALOG)
    written = unchanged = 0
    stale: list[str] = []
    for service in services:
        if service.department not in departments:
            print(f"{service.code}: unknown department {service.department!r}", file=sys.stderr)
            return 1
        for blank in service.blanks:
            if not re.fullmatch(r"blanks/[^/\\.][^/\\]*\.odt", blank.file) or not blank.title:
                print(f"{service.code}: bad blank {blank.file!r}", file=sys.stderr)
                return 1
            target = PACK_DIR / blank.file
            data = odt_bytes(
                content_xml(service, blank, departments[service.department]), STYLES_XML, meta_xml(blank.title)
            )
            if target.is_file() and target.read_bytes() == data:
                unchanged += 1
            elif check:
                stale.append(blank.file)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                written += 1
    if check:
        for file in stale:
            print(f"out of date: {file}", file=sys.stderr)
        print(f"{unchanged} blanks up to date, {len(stale)} out of date")
        return 1 if stale else 0
    print(f"{written} blanks written, {unchanged} unchanged, in {PACK_DIR / 'blanks'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
