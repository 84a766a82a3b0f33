"""Where marsad finds the user lexicons to read: a config file, the environment, the command line.

The config file is `marsad.toml` in the current folder, else `$XDG_CONFIG_HOME/marsad/config.toml`
(by default `~/.config/marsad/config.toml`), and lists files relative to its own folder:

    lexicons = ["people.tsv", "~/lexicons/triggers.tsv"]

The environment variable MARSAD_LEXICONS lists files separated by `os.pathsep` (`:` on Unix).
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from pathlib import Path

ENV_LEXICONS = "MARSAD_LEXICONS"


class ConfigError(ValueError):
    """The config file cannot be read or says something marsad does not understand."""


def config_file() -> Path | None:
    """The config file in use, if there is one."""
    user_config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "marsad" / "config.toml"
    return next((path for path in (Path("marsad.toml"), user_config) if path.is_file()), None)


def lexicon_paths(command_line: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """The user lexicon files, in the order they apply (a later one wins): the config file's,
    then MARSAD_LEXICONS', then those given on the command line."""
    from_env = [Path(p) for p in os.environ.get(ENV_LEXICONS, "").split(os.pathsep) if p.strip()]
    return _configured_lexicons() + from_env + [Path(p) for p in command_line]


def _configured_lexicons() -> list[Path]:
    path = config_file()
    if path is None:
        return []
    try:
        with open(path, "rb") as f:
            settings = tomllib.load(f)
    except OSError as err:
        raise ConfigError(f"{path}: cannot be read ({err.strerror or err})") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML ({err})") from None
    paths = settings.get("lexicons", [])
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ConfigError(f"{path}: 'lexicons' must be a list of file paths, e.g. lexicons = [\"people.tsv\"]")
    return [path.parent / Path(p).expanduser() for p in paths]
