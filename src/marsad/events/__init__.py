"""Event coding: triggers (CAMEO-coded verbs and verbal nouns), who did it to whom, and when,
where and with what toll."""
