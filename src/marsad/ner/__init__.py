"""Named-entity recognition learned from annotated news (ANERcorp): the names no lexicon lists.

`features` turns a sentence's words into CRF features (built on marsad's own text layer and
lexicons), `tagger` labels words with the shipped model, `train` rebuilds that model.
"""
