"""The phrases of the lexicons in a document: names, agents and event triggers, found in one
pass over its normalised text (`phrases.find_all_of`) and kept on the document, where the entity,
NER and event stages take them from."""
from __future__ import annotations

from marsad.document import Document
from marsad.events.lexicon import triggers
from marsad.lexicons.gazetteer import gazetteer
from marsad.text.phrases import PhraseHit, find_all_of

KINDS = ("lex", "agent", "trigger")  # names (gazetteer.names), agent nouns, triggers


def lexicon_hits(doc: Document, kind: str) -> list[PhraseHit]:
    """Every hit of one kind of phrase in the document, overlapping ones included, in text order."""
    if not doc.lexicon_hits:
        gaz = gazetteer(doc.lexicons)
        found = find_all_of((gaz.names, gaz.agents, triggers(doc.lexicons)), doc.norm.text)
        doc.lexicon_hits = dict(zip(KINDS, found))
    return doc.lexicon_hits[kind]
