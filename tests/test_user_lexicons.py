"""User lexicons: TSV files in a packaged table's format that add entries or override them,
given to `extract(lexicons=…)`, `--lexicon`, MARSAD_LEXICONS or a config file."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad.config import ENV_LEXICONS, lexicon_paths
from marsad.document import Entity
from marsad.lexicons import LexiconError
from marsad.lexicons.gazetteer import gazetteer
from marsad.pipeline import load_lexicons

RIFI = "وانتقد أشرف ريفي حزب الله اللبناني بشدة، أمس."
FIDAN = "والتقى وزير الخارجية التركي هاكان فيدان نظيره الروسي سيرغي لافروف في أنقرة. وقال فيدان إن اللقاء كان مثمرا."
JOLANI = "وانتقد أبو محمد الجولاني الحكومة التركية. وقال أحمد الشرع إن الحل سياسي."
REBUKE = "ووبخت تركيا إسرائيل بسبب الغارة على غزة."
SHELLING = "وقصفت قوات النظام السوري بلدة تلكلخ في ريف حمص، أمس."

PEOPLE_HEADER = "name\tforms_ar\tshort_ar\tcountry\tsector\toffice\tstart\tend\twikidata\n"
RIFI_PEOPLE = PEOPLE_HEADER + "Ashraf Rifi\tأشرف ريفي|اللواء أشرف ريفي\tريفي\tLBN\tGOV\tjustice_minister\t2014\t2016\t\n"


@pytest.fixture(autouse=True)
def no_configuration(tmp_path, monkeypatch):
    """Every test starts with no config file and no MARSAD_LEXICONS, in a folder of its own."""
    monkeypatch.delenv(ENV_LEXICONS, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    monkeypatch.chdir(tmp_path)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def entities(text: str, *lexicons: Path, published: str = "2015-07-21") -> dict[str, Entity]:
    return {e.name: e for e in marsad.extract(text, published=published, lexicons=lexicons).entities}


def events(text: str, *lexicons: Path) -> list[tuple[str, str | None, str | None]]:
    doc = marsad.extract(text, published="2015-07-21", lexicons=lexicons)
    return [(e.cameo, e.actor and e.actor.name, e.target and e.target.name) for e in doc.events]


def test_a_person_no_lexicon_lists_becomes_an_entity_and_an_actor(tmp_path):
    people = write(tmp_path / "lebanon.tsv", RIFI_PEOPLE)
    unlisted = entities(RIFI)  # without the lexicon only the NER model finds him: no country, no office
    assert "Ashraf Rifi" not in unlisted
    assert [(e.key, e.country) for e in unlisted.values() if e.kind == "PER"] == [("model:PER:اشرف ريفي", None)]
    rifi = entities(RIFI, people)["Ashraf Rifi"]
    assert (rifi.kind, rifi.country, rifi.sector, rifi.office) == ("PER", "LBN", "GOV", "justice_minister")
    assert RIFI[rifi.mentions[0].start:rifi.mentions[0].end] == "أشرف ريفي"
    assert events(RIFI, people) == [("111", "Ashraf Rifi", "Hezbollah")]
    assert "Ashraf Rifi" in {e.name for e in marsad.extract(RIFI, lexicons=str(people)).entities}  # one path


def test_the_packaged_lexicons_are_unchanged_for_a_call_without_user_lexicons(tmp_path):
    people = write(tmp_path / "lebanon.tsv", RIFI_PEOPLE)
    assert "Ashraf Rifi" in entities(RIFI, people)
    assert "Ashraf Rifi" not in entities(RIFI)
    assert gazetteer() is gazetteer(()) and gazetteer() is not gazetteer(load_lexicons([people]))


def test_an_entry_with_a_packaged_key_replaces_the_packaged_entry(tmp_path):
    fidan = write(tmp_path / "fidan.tsv", "name\tforms_ar\tcountry\tsector\toffice\tstart\n"
                                          "Hakan Fidan\tهاكان فيدان\tTUR\tGOV\tforeign_minister\t2010\n")
    packaged = entities(FIDAN)["Hakan Fidan"]
    assert packaged.sector == "SPY" and len(packaged.mentions) == 2  # head of intelligence in 2015; فيدان too
    user = entities(FIDAN, fidan)["Hakan Fidan"]
    assert (user.sector, user.office) == ("GOV", "foreign_minister")
    assert len(user.mentions) == 1  # the whole entry is replaced: the packaged short form went with it


def test_a_user_form_loses_the_meaning_the_packaged_lexicons_give_it(tmp_path):
    jolani = write(tmp_path / "jolani.tsv", "# marsad: people\nname\tforms_ar\tcountry\tsector\n"
                                            "Abu Mohammad al-Jolani\tأبو محمد الجولاني\tSYR\tREB\n")
    assert events(JOLANI) == [("111", "Ahmed al-Sharaa", "Government of Turkey")]
    assert events(JOLANI, jolani) == [("111", "Abu Mohammad al-Jolani", "Government of Turkey")]
    found = entities(JOLANI, jolani)
    assert found["Abu Mohammad al-Jolani"].country == "SYR"
    assert [m.text for m in found["Ahmed al-Sharaa"].mentions] == ["أحمد الشرع"]  # its other forms stay


def test_a_user_place_with_coordinates_locates_an_event(tmp_path):
    places = write(tmp_path / "places.tsv", "name\tforms_ar\ttype\tcountry\tlat\tlon\n"
                                            "Talkalakh\tتلكلخ|تل كلخ\tcity\tSYR\t34.67\t36.26\n")
    (event,) = marsad.extract(SHELLING, published="2015-07-21").events
    assert event.location["name"] == "Homs"
    (event,) = marsad.extract(SHELLING, published="2015-07-21", lexicons=[places]).events
    assert (event.location["name"], event.location["lat"], event.location["lon"]) == ("Talkalakh", 34.67, 36.26)


def test_a_user_trigger_codes_a_new_event_and_overrides_a_packaged_one(tmp_path):
    rebuke = write(tmp_path / "rebuke.tsv", "forms_ar\tcameo\tpos\nوبخ|وبخت|يوبخ|توبخ\t111\tverb\n")
    assert events(REBUKE) == []
    assert events(REBUKE, rebuke) == [("111", "Turkey", "Israel")]
    accuse = write(tmp_path / "accuse.tsv", "forms_ar\tcameo\nانتقد|انتقدت\t112\n")
    assert events(JOLANI, accuse) == [("112", "Ahmed al-Sharaa", "Government of Turkey")]


def test_a_file_may_hold_several_tables(tmp_path):
    both = write(tmp_path / "both.tsv", "# marsad: people\n" + RIFI_PEOPLE + "\n# marsad: places\n"
                 "name\tforms_ar\ttype\tcountry\tlat\tlon\nTalkalakh\tتلكلخ\ttown\tSYR\t34.67\t36.26\n")
    found = entities(RIFI + " " + SHELLING, both)
    assert found["Ashraf Rifi"].country == "LBN"
    assert found["Talkalakh"].kind == "LOC"


def test_a_later_user_file_wins_over_an_earlier_one(tmp_path):
    first = write(tmp_path / "first.tsv", RIFI_PEOPLE)
    second = write(tmp_path / "second.tsv", "# marsad: people\nname\tforms_ar\tcountry\tsector\nAshraf Rifi\tأشرف ريفي\tLBN\tOPP\n")
    assert entities(RIFI, first, second)["Ashraf Rifi"].sector == "OPP"
    assert entities(RIFI, second, first)["Ashraf Rifi"].sector == "GOV"


def test_a_user_spelling_of_a_packaged_person_carries_through_the_seed_article(seed_text, tmp_path):
    asad = write(tmp_path / "asad.tsv", "# marsad: people\n" + PEOPLE_HEADER +
                 "Bashar al-Asad\tبشار الأسد|بشار حافظ الأسد\tالأسد\tSYR\tGOV\thead_of_state\t2000\t2024\t\n")
    doc = marsad.extract(seed_text, published="2024-07-25", lexicons=[asad])
    names = {e.name for e in doc.entities}
    assert "Bashar al-Asad" in names and "Bashar al-Assad" not in names
    assert any(e.actor is not None and e.actor.name == "Bashar al-Asad" for e in doc.events)


BAD = [
    ("nom\tarabe\nX\tسوريا\n", r"bad\.tsv:1: the header fits none of the tables"),
    ("name\tforms_ar\tcountry\nX\tسسس\tLBN\n", r"bad\.tsv:1: the header fits the tables places, people, .*# marsad:"),
    ("name\tforms_ar\toffice\tcontry\nX\tسسس\tminister\tLBN\n", r"bad\.tsv:1: field 'contry': not a column"),
    ("# marsad: persons\nname\tforms_ar\n", r"bad\.tsv: '# marsad: persons' names no table"),
    ("# marsad: people\nname\tcountry\nX\tLBN\n", r"bad\.tsv:2: header lacks the column\(s\) forms_ar"),
    (RIFI_PEOPLE.replace("LBN", "LBX"), r"bad\.tsv:2: field 'country': 'LBX' is no country code"),
    (PEOPLE_HEADER + "X\tسسس\t\tLBN\tgov\n", r"bad\.tsv:2: field 'sector': 'gov' is not a CAMEO sector code"),
    ("iso3\tname\tforms_ar\nKoS\tKosovo\tكوسوفو\n", r"bad\.tsv:2: field 'iso3': 'KoS' is not a three-capital-letter"),
    ("forms_ar\tcameo\nوبخ\t999\n", r"bad\.tsv:2: field 'cameo': '999' is not a CAMEO code"),
    ("forms_ar\tcameo\tpos\nوبخ\t111\tverbe\n", r"bad\.tsv:2: field 'pos': 'verbe' is not one of verb, noun, phrase"),
    ("name\tforms_ar\tshort_ar\tcountry\nAshraf Rifi\tأشرف ريفي\tريفي\tLBN\tGOV\n",
     r"bad\.tsv:2: 5 fields, the header has 4: field 5 \('GOV'\) has no column"),
    ("name\tforms_ar\ttype\tcountry\tlat\tlon\nX\tسسس\tcity\tSYR\tnorth\t36\n", r"bad\.tsv:2: field 'lat': 'north' is not a number"),
    ("name\tforms_ar\ttype\tcountry\tlat\tlon\nX\tسسس\tcity\tSYR\t134\t36\n", r"bad\.tsv:2: field 'lat': 134.0 is outside ±90"),
    (PEOPLE_HEADER + "Ashraf Rifi\t\tريفي\tLBN\n", r"bad\.tsv:2: field 'forms_ar': empty: give at least one Arabic form"),
    (PEOPLE_HEADER + "\tأشرف ريفي\n", r"bad\.tsv:2: field 'name': empty"),
    (PEOPLE_HEADER + "Ashraf Rifi\tأشرف ريفي\t\tLBN\tGOV\tminister\tsince 2014\n", r"bad\.tsv:2: field 'start': 'since 2014'"),
    # the second table of a file of two: its own header, its own line numbers
    ("# marsad: people\n" + RIFI_PEOPLE + "\n# marsad: places\nname\tforms_ar\tcountry\nX\tسسس\tLBX\n",
     r"bad\.tsv:7: field 'country': 'LBX' is no country code"),
    ("# marsad: people\n" + RIFI_PEOPLE + "# marsad: places\n", r"bad\.tsv:4: no header line"),
]


@pytest.mark.parametrize(("content", "message"), BAD)
def test_a_bad_user_lexicon_is_named_by_file_line_and_field(tmp_path, content, message):
    with pytest.raises(LexiconError, match=message):
        load_lexicons([write(tmp_path / "bad.tsv", content)])


def test_a_missing_user_lexicon_is_an_error(tmp_path):
    with pytest.raises(LexiconError, match=r"nowhere\.tsv: cannot be read"):
        marsad.extract(RIFI, lexicons=[tmp_path / "nowhere.tsv"])


def cli(*args: str) -> subprocess.CompletedProcess:
    """The command, run with this test's environment and current folder."""
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=120)


def cli_names(run: subprocess.CompletedProcess) -> set[str]:
    assert run.returncode == 0, run.stderr
    return {e["name"] for e in json.loads(run.stdout)["entities"]}


def test_the_command_reports_a_bad_lexicon_in_one_line_and_exits_2(tmp_path):
    write(tmp_path / "x.txt", RIFI)
    write(tmp_path / "bad.tsv", RIFI_PEOPLE.replace("LBN", "LBX"))
    run = cli("extract", "--lexicon", "bad.tsv", "x.txt")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [
        f"marsad: {tmp_path / 'bad.tsv'}:2: field 'country': 'LBX' is no country code of countries.tsv or your lexicons"]
    run = cli("extract", "--lexicon", "nowhere.tsv", "x.txt")
    assert run.returncode == 2 and len(run.stderr.splitlines()) == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith("marsad: ") and "nowhere.tsv: cannot be read" in run.stderr


def test_the_command_reads_lexicons_from_the_option_the_environment_and_the_config_file(tmp_path, monkeypatch):
    write(tmp_path / "x.txt", RIFI)
    write(tmp_path / "lebanon.tsv", RIFI_PEOPLE)
    assert "Ashraf Rifi" not in cli_names(cli("extract", "x.txt"))
    assert "Ashraf Rifi" in cli_names(cli("extract", "--lexicon", "lebanon.tsv", "x.txt"))
    monkeypatch.setenv(ENV_LEXICONS, str(tmp_path / "lebanon.tsv"))
    assert "Ashraf Rifi" in cli_names(cli("extract", "x.txt"))
    monkeypatch.delenv(ENV_LEXICONS)
    write(tmp_path / "marsad.toml", 'lexicons = ["lebanon.tsv"]\n')
    assert "Ashraf Rifi" in cli_names(cli("extract", "x.txt"))


def test_a_user_file_named_like_a_packaged_one_does_not_stand_in_for_it(tmp_path):
    write(tmp_path / "x.txt", "بيروت - (رويترز) - " + RIFI)
    write(tmp_path / "outlets.tsv", "name\tkind\tforms_ar\nAl-Mustaqbal\toutlet\tالمستقبل|تلفزيون المستقبل\n")
    run = cli("extract", "--lexicon", "outlets.tsv", "x.txt")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["source"]["agency"] == "Reuters"  # the packaged outlets.tsv, read as well


def test_a_user_outlet_is_the_source_a_dateline_or_the_site_names(tmp_path):
    outlets = write(tmp_path / "mine.tsv", "name\tkind\tforms_ar\tkeys\n"
                    "Future TV\toutlet\tتلفزيون المستقبل\tfuturetvnetwork.com\n")
    dateline = "بيروت - تلفزيون المستقبل: " + RIFI
    assert marsad.extract(dateline).source.outlet != "Future TV"
    assert marsad.extract(dateline, lexicons=[outlets]).source.outlet == "Future TV"
    site = marsad.extract(RIFI, url="https://www.futuretvnetwork.com/news/1", lexicons=[outlets])
    assert site.source.outlet == "Future TV"


def test_the_order_is_config_then_environment_then_command_line(tmp_path, monkeypatch):
    config = tmp_path / "no-config" / "marsad"  # $XDG_CONFIG_HOME/marsad, set by the fixture
    config.mkdir(parents=True)
    write(config / "config.toml", 'lexicons = ["mine.tsv", "/abs/other.tsv"]\n')
    monkeypatch.setenv(ENV_LEXICONS, os.pathsep.join(["env1.tsv", "", "env2.tsv"]))
    expected = [config / "mine.tsv", Path("/abs/other.tsv"), Path("env1.tsv"), Path("env2.tsv"), Path("cli.tsv")]
    assert lexicon_paths(["cli.tsv"]) == expected
    write(tmp_path / "marsad.toml", 'lexicons = ["here.tsv"]\n')  # the current folder's file comes first
    assert lexicon_paths() == [Path("here.tsv"), Path("env1.tsv"), Path("env2.tsv")]


def test_a_bad_config_file_is_one_line_and_exit_2(tmp_path):
    write(tmp_path / "x.txt", RIFI)
    write(tmp_path / "marsad.toml", "lexicons = lebanon.tsv\n")
    run = cli("extract", "x.txt")
    assert run.returncode == 2 and len(run.stderr.splitlines()) == 1
    assert run.stderr.startswith("marsad: marsad.toml: not valid TOML")
    write(tmp_path / "marsad.toml", 'lexicons = "lebanon.tsv"\n')
    run = cli("extract", "x.txt")
    assert run.returncode == 2 and "'lexicons' must be a list of file paths" in run.stderr
