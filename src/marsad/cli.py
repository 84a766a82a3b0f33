"""The `marsad` command: a thin layer over the library (`marsad.extract`, `marsad.batch`)."""
from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from marsad import __version__
from marsad.batch import extract_inputs
from marsad.config import ConfigError, lexicon_paths
from marsad.lexicons import LexiconError
from marsad.pipeline import as_date, load_lexicons
from marsad.read.inputs import MAX_BYTES, InputProblem
from marsad.serialise import document_record, to_json

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="marsad: Arabic news to political event data, with the evidence for every claim.")


def _complain(message: str) -> None:
    """One line on standard error: where, and what is wrong."""
    print(f"marsad: {message}", file=sys.stderr)


def _parse_published(value: Optional[str]) -> Optional[dt.date]:
    try:
        return as_date(value)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None


LexiconOption = Annotated[Optional[list[Path]], typer.Option(
    "--lexicon", metavar="FILE", help="A lexicon of your own: a TSV file with a packaged table's header; repeatable, later "
                      "files win. Read after those of marsad.toml and $MARSAD_LEXICONS.")]
ModelOption = Annotated[bool, typer.Option("--model/--no-model", help="Find names no lexicon lists with the NER model; "
                                           "--no-model runs about twice as fast.")]


def _lexicons(command_line: Optional[list[Path]]) -> tuple[Path, ...]:
    """The user lexicons of the config file, the environment and --lexicon, read before any
    article, so that a bad one is one line and exit status 2."""
    try:
        return load_lexicons(lexicon_paths(command_line or []))
    except (LexiconError, ConfigError) as err:
        _complain(str(err))
        raise typer.Exit(2) from None


def _open_output(output: Optional[Path]):
    """The file to write to (standard output when None); one line and exit status 2 if it cannot be."""
    try:
        return open(output, "w", encoding="utf-8") if output else contextlib.nullcontext(sys.stdout)
    except OSError as err:
        _complain(f"{output}: cannot be written ({err.strerror})")
        raise typer.Exit(2) from None


@app.callback()
def main() -> None:
    """marsad reads Arabic news and reports who did what to whom, when and where."""


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .json .jsonl .zip .html), folders, or - for standard input.")],
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD, for inputs that carry none.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json (one object, or a list) or jsonl (one line a document).")] = "json",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
    max_mb: Annotated[float, typer.Option(help="Refuse inputs larger than this many megabytes.")] = MAX_BYTES / 1e6,
    lexicon: LexiconOption = None,
    model: ModelOption = True,
) -> None:
    """Extract the document records of SPEC §1 from articles."""
    if format not in ("json", "jsonl"):
        raise typer.BadParameter("--format must be json or jsonl")
    date = _parse_published(published)
    lexicons = _lexicons(lexicon)
    failed, records = 0, []
    with _open_output(output) as out:
        for item in extract_inputs(paths, date, int(max_mb * 1e6), lexicons, model):
            if isinstance(item, InputProblem):
                failed += 1
                _complain(str(item))
                continue
            article, doc = item
            for warning in doc.warnings:
                _complain(f"{article.origin}: warning: {warning}")
            record = document_record(doc)
            if format == "jsonl":
                out.write(to_json([record], jsonl=True))
            else:
                records.append(record)
        if format == "json" and records:
            out.write(to_json(records, jsonl=False))
    if failed:
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (SPEC §2): a .json or .jsonl file, or a folder of them.")],
    pred: Annotated[Optional[Path], typer.Argument(help="Records marsad extracted from the same documents (.json, .jsonl or a folder).")] = None,
    run: Annotated[bool, typer.Option("--run", help="Instead of PRED, extract the gold documents' texts now and score that.")] = False,
    text: Annotated[Optional[list[str]], typer.Option("--text", help="With --run: the texts (any input extract reads); default: DOC_ID.txt beside the gold, or a .jsonl beside its folder.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    show_misses: Annotated[bool, typer.Option("--show-misses", help="Also list missed gold items and unmatched predictions.")] = False,
    lexicon: LexiconOption = None,
    model: ModelOption = True,
) -> None:
    """Score output against gold annotations: P/R/F1 of events, quotes, entities, times; event date, place, toll."""
    from marsad import evaluate as scoring  # the command shares its name with the module

    if (pred is None) == (not run and not text):
        raise typer.BadParameter("give either PRED or --run (with --text, or texts beside the gold)")
    try:
        report = scoring.evaluate_files(gold, pred, texts=text, on_problem=_complain,
                                        lexicons=_lexicons(lexicon) if pred is None else (), model=model)
    except scoring.EvaluationError as err:
        _complain(str(err))
        raise typer.Exit(1) from None
    print(scoring.to_json(report, show_misses) if json_output else scoring.format_report(report, show_misses))


@app.command()
def ner(
    paths: Annotated[list[str], typer.Argument(help="Articles (anything extract reads: files, folders, -), or CoNLL files with --conll.")],
    conll: Annotated[bool, typer.Option("--conll", help="PATHs are CoNLL files: tag their first column, one output line per input line.")] = False,
    doc_ids: Annotated[bool, typer.Option("--doc-ids", help="Without --conll: a '# doc_id = ID' line before each article.")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
    max_mb: Annotated[float, typer.Option(help="Refuse inputs larger than this many megabytes.")] = MAX_BYTES / 1e6,
) -> None:
    """Label words with the named-entity model: token<TAB>TAG (B-/I- PERS LOC ORG MISC, or O), a blank line after each sentence."""
    from marsad.ner.conll import ConllError, format_sentences, tag_conll_file, tag_text
    from marsad.read.inputs import read_inputs

    failed = 0
    with _open_output(output) as out:
        if conll:
            ends_in_a_word = False
            for path in paths:
                try:
                    lines = tag_conll_file(path)
                except ConllError as err:
                    failed += 1
                    _complain(str(err))
                    continue
                if ends_in_a_word:
                    out.write("\n")  # the files' sentences never run together
                out.write("".join(line + "\n" for line in lines))
                ends_in_a_word = bool(lines[-1])
        else:
            for item in read_inputs(paths, int(max_mb * 1e6)):
                if isinstance(item, InputProblem):
                    failed += 1
                    _complain(str(item))
                    continue
                for warning in item.warnings:
                    _complain(f"{item.origin}: warning: {warning}")
                out.write(format_sentences(tag_text(item.text), item.doc_id if doc_ids else None))
    if failed:
        raise typer.Exit(1)


@app.command()
def unknowns(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .json .jsonl .zip .html), folders, or - for standard input.")],
    top: Annotated[int, typer.Option("--top", min=0, help="How many names to list (0: all).")] = 30,
    tsv: Annotated[bool, typer.Option("--tsv", help="Print lexicon TSV (a block per table) to correct and pass back with --lexicon.")] = False,
    kind: Annotated[Optional[list[str]], typer.Option("--kind", help="Only names of this kind: PER, ORG or LOC; repeatable.")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD, for inputs that carry none.")] = None,
    max_mb: Annotated[float, typer.Option(help="Refuse inputs larger than this many megabytes.")] = MAX_BYTES / 1e6,
    lexicon: LexiconOption = None,
) -> None:
    """List the most frequent names no lexicon lists (read after a title, or found by the NER model)."""
    from marsad.unknowns import LEXICON_COLUMNS, format_table, lexicon_tsv, unknown_names

    kinds = [k.upper() for k in kind or []]
    if any(k not in LEXICON_COLUMNS for k in kinds):
        raise typer.BadParameter(f"--kind must be one of {', '.join(LEXICON_COLUMNS)}")
    date = _parse_published(published)
    lexicons = _lexicons(lexicon)
    count = {"documents": 0, "failed": 0}

    def documents():
        for item in extract_inputs(paths, date, int(max_mb * 1e6), lexicons):
            if isinstance(item, InputProblem):
                count["failed"] += 1
                _complain(str(item))
                continue
            article, doc = item
            for warning in doc.warnings:
                _complain(f"{article.origin}: warning: {warning}")
            count["documents"] += 1
            yield doc

    names = unknown_names(documents(), top or None, kinds or None)
    if tsv:
        sys.stdout.write(lexicon_tsv(names))
    elif count["documents"]:
        from rich.console import Console

        title = f"Names no lexicon lists, in {count['documents']} document(s)" if names else \
            f"No names outside the lexicons in {count['documents']} document(s)"
        Console().print(format_table(names, title) if names else title)
    if count["failed"]:
        raise typer.Exit(1)


SAMPLES = Path(__file__).parent / "data" / "samples"


@app.command()
def demo(lexicon: LexiconOption = None) -> None:
    """Extract the bundled sample articles and print what marsad found in each."""
    from rich.console import Console
    from rich.table import Table

    lexicons = _lexicons(lexicon)

    table = Table(title=f"marsad {__version__}: the bundled sample articles ({SAMPLES})", show_lines=True)
    table.add_column("document", no_wrap=True)
    for column in ("source", "entities", "events (who did what to whom)", "quotes", "times"):
        table.add_column(column, overflow="fold")
    for item in extract_inputs([str(SAMPLES)], lexicons=lexicons):
        if isinstance(item, InputProblem):
            _complain(str(item))
            continue
        _, doc = item
        record = document_record(doc)
        source = record["source"]
        origin = ", ".join(filter(None, [source["outlet"], source["agency"] and f"via {source['agency']}"]))
        events = "\n".join(_event_line(e) for e in record["events"])
        times = "\n".join(f"{t['text']} → {t['value']}" for t in record["times"])
        table.add_row(f"{doc.doc_id}\n{doc.published}", origin or "-", str(len(record["entities"])),
                      events or "-", str(len(record["quotes"])), times or "-")
    Console().print(table)


def _event_line(event: dict) -> str:
    def who(actor: dict | None) -> str:
        return (actor["name"] or f"{actor['country'] or ''} {actor['sector'] or ''}".strip()) if actor else "-"
    extra = f", {event['fatalities']} dead" if event["fatalities"] else ""
    return f"{event['type']} {who(event['actor'])} → {who(event['target'])} ({event['date']}{extra})"
