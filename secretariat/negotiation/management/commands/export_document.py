"""Export a negotiated document as PDF, DOCX or Akoma Ntoso XML.

    python manage.py export_document <document> --format pdf|docx|akn -o <path>
        [--language en] [--revision N]

<document> is a document id, "<format slug>/<document slug>", or a document slug that
is unique across formats. The default language is the document's negotiating language;
the default revision is the adopted one for an adopted document, else the current one.
``-o -`` writes to standard output. The command runs with the server's rights (it is
an operator's tool): it applies no visibility rules.

On any error (unknown document, language, revision or format, a character the export
cannot print) it exits non-zero with a clear message and writes nothing: the file is
written to a temporary name first and moved into place only when complete.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from secretariat.core.exports import UnprintableText
from secretariat.negotiation.exports import EXPORT_FORMATS, render
from secretariat.negotiation.models import Document
from secretariat.negotiation.selectors import document_export_data


def find_document(reference: str) -> Document:
    """A document by id, "<format>/<slug>" or a slug unique across formats."""
    documents = Document.objects.select_related("format")
    if reference.isdigit():
        found = documents.filter(pk=int(reference)).first()
    elif "/" in reference:
        format_slug, _, slug = reference.partition("/")
        found = documents.filter(format__slug=format_slug, slug=slug).first()
    else:
        matches = list(documents.filter(slug=reference)[:10])
        if len(matches) > 1:
            choices = ", ".join(f"{d.format.slug}/{d.slug}" for d in matches)
            raise CommandError(
                f"The slug {reference!r} names documents in several formats; "
                f"give one of: {choices}."
            )
        found = matches[0] if matches else None
    if found is None:
        raise CommandError(
            f"No document {reference!r}: give a document id, <format>/<document> or a "
            "document slug."
        )
    return found


class Command(BaseCommand):
    help = "Export a document as PDF, DOCX or Akoma Ntoso 3.0 XML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("document", help="document id, <format>/<document> or slug")
        parser.add_argument(
            "--format",
            dest="export_format",
            required=True,
            choices=EXPORT_FORMATS,
            help="pdf, docx or akn (Akoma Ntoso 3.0 XML)",
        )
        parser.add_argument("-o", "--output", required=True, help="file to write, or -")
        parser.add_argument("--language", help="language version (default: negotiating)")
        parser.add_argument("--revision", type=int, help="revision number (default: see help)")

    def handle(self, *args: Any, **options: Any) -> None:
        document = find_document(options["document"])
        language = options["language"] or document.language
        if language not in document.languages:
            raise CommandError(
                f"{language!r} is not a language of {document.format.slug}/{document.slug}; "
                f"its languages are: {', '.join(document.languages)}."
            )
        try:
            # Labels (status, kind) come out in the language of the export.
            with translation.override(language):
                data = document_export_data(
                    document, language=language, revision=options["revision"]
                )
                body, _content_type, file_name = render(data, options["export_format"])
        except (ValueError, UnprintableText) as error:
            raise CommandError(str(error)) from error
        output = options["output"]
        if output == "-":
            sys.stdout.buffer.write(body)
            sys.stdout.buffer.flush()
            return
        self._write(Path(output), body)
        self.stderr.write(
            f"Wrote {output} ({len(body)} bytes; {file_name}, {data.revision_label}, {language})"
        )

    @staticmethod
    def _write(path: Path, body: bytes) -> None:
        directory = path.parent if str(path.parent) else Path()
        if not directory.is_dir():
            raise CommandError(f"The folder {str(directory)!r} does not exist.")
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".export-", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(body)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
