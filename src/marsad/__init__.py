"""marsad: Arabic news to political event data, with the evidence for every claim.

    >>> import marsad
    >>> doc = marsad.extract(text, published="2024-07-25")
    >>> doc.to_dict()          # the SPEC §1 record
"""
from marsad.document import Document
from marsad.pipeline import extract

__all__ = ["Document", "extract"]
__version__ = "0.1.0"
