"""Turn the bytes of a file into text, or say in a few words why they are not text."""
from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """The bytes are not text marsad can read; the message says why."""


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM. Line ends are kept as they are, so
    offsets index the decoded file exactly."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DecodeError("not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DecodeError(f"not valid UTF-8 (bad byte 0x{data[err.start]:02x} at byte {err.start}); "
                          "save the file as UTF-8") from None
