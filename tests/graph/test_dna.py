"""DNA import: a DNA 3 SQLite file built here, its statements in the store, its networks as DNA's."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.analysis.discourse import (
    Duplicates, Selection, affiliation_network, deduplicate, one_mode_network, stances,
)
from graph.coding.dna import DnaVariables, import_dna, read_dna
from graph.errors import SourceDataError
from graph.analysis.view import ViewFilter, stance_graph
from graph.analysis.evidence import who
from graph.analysis.listings import profile
from graph.store import Store

# The SQLite tables of DNA 3 (sql/Sql.java, createTables), trimmed of columns the importer ignores.
SCHEMA = """
CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL);
CREATE TABLE CODERS(ID INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL,
    Red INTEGER NOT NULL DEFAULT 0, Green INTEGER NOT NULL DEFAULT 0, Blue INTEGER NOT NULL DEFAULT 0,
    Password TEXT NOT NULL);
CREATE TABLE DOCUMENTS(ID INTEGER NOT NULL PRIMARY KEY, Title TEXT NOT NULL, Text TEXT NOT NULL,
    Coder INTEGER, Author TEXT NOT NULL DEFAULT '', Source TEXT NOT NULL DEFAULT '',
    Section TEXT NOT NULL DEFAULT '', Notes TEXT NOT NULL DEFAULT '', Type TEXT NOT NULL DEFAULT '',
    Date INTEGER NOT NULL);
CREATE TABLE STATEMENTTYPES(ID INTEGER NOT NULL PRIMARY KEY, Label TEXT NOT NULL,
    Red INTEGER NOT NULL DEFAULT 0, Green INTEGER NOT NULL DEFAULT 0, Blue INTEGER NOT NULL DEFAULT 0);
CREATE TABLE VARIABLES(ID INTEGER NOT NULL PRIMARY KEY, Variable TEXT NOT NULL,
    DataType TEXT NOT NULL DEFAULT 'short text', StatementTypeId INTEGER,
    UNIQUE (Variable, StatementTypeId));
CREATE TABLE STATEMENTS(ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER,
    Start INTEGER NOT NULL, Stop INTEGER NOT NULL, Coder INTEGER, CHECK (Start < Stop));
CREATE TABLE DATABOOLEAN(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 1, UNIQUE (StatementId, VariableId));
CREATE TABLE DATAINTEGER(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 0, UNIQUE (StatementId, VariableId));
CREATE TABLE DATALONGTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL, Value TEXT DEFAULT '', UNIQUE (StatementId, VariableId));
CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL,
    Value TEXT NOT NULL DEFAULT '', Red INTEGER, Green INTEGER, Blue INTEGER, ChildOf INTEGER,
    UNIQUE (VariableId, Value));
CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL, Entity INTEGER NOT NULL, UNIQUE (StatementId, VariableId));
CREATE TABLE ATTRIBUTEVARIABLES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL,
    AttributeVariable TEXT NOT NULL, UNIQUE(VariableId, AttributeVariable));
CREATE TABLE ATTRIBUTEVALUES(ID INTEGER PRIMARY KEY NOT NULL, EntityId INTEGER NOT NULL,
    AttributeVariableId INTEGER NOT NULL, AttributeValue TEXT NOT NULL DEFAULT '',
    UNIQUE (EntityId, AttributeVariableId));
"""

# Four documents. D1 and D2 fall in ISO week 9 of 2021, D3 in April 2021, D4 in week 9 of 2022.
DOCUMENTS = {
    1: ("2021-03-01", "Debate on climate", "Alpha Party backs a carbon tax. Beta Union agrees on "
        "the carbon tax. Alpha Party rejects a coal exit. Alpha Party repeats its support for a carbon tax."),
    2: ("2021-03-03", "Coal", "Beta Union opposes a coal exit. Gamma Group rejects the carbon tax. "
        "Gamma Group wants a coal exit. Alpha Party still backs a carbon tax."),
    3: ("2021-04-20", "Nuclear", "Beta Union supports nuclear power. Gamma Group supports nuclear "
        "power too. Alpha Party backs a carbon tax once more. Bob Jones likes nuclear power."),
    4: ("2022-03-02", "A year on", "Alpha Party backs a carbon tax, a year on. Beta Union now "
        "rejects nuclear power. 🌍 Gamma Group backs a coal exit."),
}
ALPHA, BETA, GAMMA, ANN, BOB, ENERGY, CARBON, COAL, NUCLEAR = 4, 5, 6, 7, 8, 9, 10, 11, 12
# (statement id, document, quote, organization, person, concept, agreement)
STATEMENTS = [
    (1, 1, "Alpha Party backs a carbon tax", ALPHA, ANN, CARBON, 1),
    (2, 1, "Beta Union agrees on the carbon tax", BETA, None, CARBON, 1),
    (3, 1, "Alpha Party rejects a coal exit", ALPHA, None, COAL, 0),
    (4, 1, "Alpha Party repeats its support for a carbon tax", ALPHA, None, CARBON, 1),
    (5, 2, "Beta Union opposes a coal exit", BETA, None, COAL, 0),
    (6, 2, "Gamma Group rejects the carbon tax", GAMMA, BOB, CARBON, 0),
    (7, 2, "Gamma Group wants a coal exit", GAMMA, None, COAL, 1),
    (8, 2, "Alpha Party still backs a carbon tax", ALPHA, None, CARBON, 1),
    (9, 3, "Beta Union supports nuclear power", BETA, None, NUCLEAR, 1),
    (10, 3, "Gamma Group supports nuclear power too", GAMMA, None, NUCLEAR, 1),
    (11, 3, "Alpha Party backs a carbon tax once more", ALPHA, None, CARBON, 1),
    (12, 3, "Bob Jones likes nuclear power", None, BOB, NUCLEAR, 1),
    (14, 4, "Alpha Party backs a carbon tax, a year on", ALPHA, None, CARBON, 1),
    (15, 4, "Beta Union now rejects nuclear power", BETA, None, NUCLEAR, 0),
    (16, 4, "Gamma Group backs a coal exit", GAMMA, None, COAL, 1),
]


def _epoch(day: str) -> int:
    return int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp())


def _utf16(text: str, index: int) -> int:
    """A Python string index as Java's UTF-16 offset."""
    return len(text[:index].encode("utf-16-le")) // 2


def build_dna(path: Path) -> Path:
    """A DNA 3 file: the default statement types, variables, attributes and the data above."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.executescript("""
        INSERT INTO SETTINGS VALUES ('version', '3.0.10');
        INSERT INTO CODERS (ID, Name, Password) VALUES (1, 'Admin', 'x');
        INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (1, 'DNA Statement', 239, 208, 51);
        INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (2, 'Annotation', 211, 211, 211);
        INSERT INTO VARIABLES VALUES (1, 'person', 'short text', 1);
        INSERT INTO VARIABLES VALUES (2, 'organization', 'short text', 1);
        INSERT INTO VARIABLES VALUES (3, 'concept', 'short text', 1);
        INSERT INTO VARIABLES VALUES (4, 'agreement', 'boolean', 1);
        INSERT INTO VARIABLES VALUES (5, 'note', 'long text', 2);
    """)
    attribute = itertools.count(1)
    for variable in (1, 2, 3):
        for name in ("Type", "Alias", "Notes"):
            db.execute("INSERT INTO ATTRIBUTEVARIABLES VALUES (?, ?, ?)", (next(attribute), variable, name))
    entities = [(1, 1, "", None, None), (2, 2, "", None, None), (3, 3, "", None, None),
                (ALPHA, 2, "Alpha Party", (255, 0, 0), None), (BETA, 2, "Beta Union", None, None),
                (GAMMA, 2, "Gamma Group", None, None), (ANN, 1, "Ann Smith", None, None),
                (BOB, 1, "Bob Jones", None, None), (ENERGY, 3, "Energy policy", None, None),
                (CARBON, 3, "Carbon tax", None, ENERGY), (COAL, 3, "Coal exit", None, ENERGY),
                (NUCLEAR, 3, "Nuclear power", None, None)]
    for entity, variable, value, color, parent in entities:
        red, green, blue = color or (None, None, None)
        db.execute("INSERT INTO ENTITIES VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (entity, variable, value, red, green, blue, parent))
    # attribute variables: person 1-3, organization 4-6, concept 7-9 (Type, Alias, Notes)
    for entity, attribute_variable, value in ((ALPHA, 4, "Party"), (ALPHA, 5, "AP"),
                                              (BETA, 4, "Organization"), (CARBON, 9, "A levy on CO2")):
        db.execute("INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) "
                   "VALUES (?, ?, ?)", (entity, attribute_variable, value))
    for doc, (day, title, text) in DOCUMENTS.items():
        db.execute("INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Date) "
                   "VALUES (?, ?, ?, 1, ?, 'Daily Planet', ?)", (doc, title, text, "Lois Lane", _epoch(day)))
    for sid, doc, quote, org, person, concept, agreement in STATEMENTS:
        text = DOCUMENTS[doc][2]
        start = text.index(quote)
        db.execute("INSERT INTO STATEMENTS VALUES (?, 1, ?, ?, ?, 1)",
                   (sid, doc, _utf16(text, start), _utf16(text, start + len(quote))))
        for variable, entity in ((1, person or 1), (2, org or 2), (3, concept)):
            db.execute("INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                       (sid, variable, entity))
        db.execute("INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, 4, ?)",
                   (sid, agreement))
    db.execute("INSERT INTO STATEMENTS VALUES (13, 2, 3, 0, 10, 1)")
    db.execute("INSERT INTO DATALONGTEXT (StatementId, VariableId, Value) VALUES (13, 5, 'a note')")
    db.commit()
    db.close()
    return path


@pytest.fixture(scope="module")
def dna_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dna(tmp_path_factory.mktemp("dna") / "fixture.dna")


@pytest.fixture(scope="module")
def imported(dna_file: Path) -> Store:
    store = Store(None)
    import_dna(store, dna_file)
    return store


@pytest.fixture(scope="module")
def view(imported: Store):
    return stance_graph(imported, ViewFilter(hierarchy=True))


# --- DNA's own algorithm, transliterated from export/Exporter.java (boolean qualifier) ----------


def _dna_rows(dna_file: Path) -> list[tuple[str, str, int, int, dt.date]]:
    """(organization, concept, agreement, document, date) of each statement DNA exports."""
    db = sqlite3.connect(dna_file)
    rows = db.execute("""
        SELECT o.Value, c.Value, b.Value, s.DocumentId, d.Date FROM STATEMENTS s
        JOIN DOCUMENTS d ON d.ID = s.DocumentId
        JOIN DATASHORTTEXT so ON so.StatementId = s.ID AND so.VariableId = 2
        JOIN ENTITIES o ON o.ID = so.Entity
        JOIN DATASHORTTEXT sc ON sc.StatementId = s.ID AND sc.VariableId = 3
        JOIN ENTITIES c ON c.ID = sc.Entity
        JOIN DATABOOLEAN b ON b.StatementId = s.ID AND b.VariableId = 4
        WHERE s.StatementTypeId = 1 ORDER BY d.Date, s.ID""").fetchall()
    db.close()
    return [(o, c, q, doc, dt.datetime.fromtimestamp(day, dt.UTC).date())
            for o, c, q, doc, day in rows if o and c]


def _dna_filter(rows, duplicates: str, ignore_qualifier: bool, year_aware: bool = True):
    """DNA's filterStatements; with ``year_aware`` false its week and month rules ignore the year."""
    kept = []
    for row in rows:
        o, c, q, doc, day = row
        for o2, c2, q2, doc2, day2 in reversed(kept):
            same_year = day.year == day2.year or not year_aware
            if ((duplicates == "document" and doc == doc2) or duplicates == "range"
                    or (duplicates == "year" and day.year == day2.year)
                    or (duplicates == "month" and day.month == day2.month and same_year)
                    or (duplicates == "week" and day.isocalendar()[1] == day2.isocalendar()[1]
                        and (day.isocalendar()[0] == day2.isocalendar()[0] or not year_aware))) \
                    and o == o2 and c == c2 and (ignore_qualifier or q == q2):
                break
        else:
            kept.append(row)
    return kept


def _dna_array(rows):
    names1 = sorted({r[0] for r in rows})
    names2 = sorted({r[1] for r in rows})
    array = np.zeros((len(names1), len(names2), 2))
    for o, c, q, *_ in rows:
        array[names1.index(o), names2.index(c), q] += 1
    return names1, names2, array


def dna_one_mode(rows, aggregation: str, normalization: str) -> tuple[list[str], np.ndarray]:
    """computeOneModeMatrix for qualifier values {0, 1} (range 1)."""
    names1, names2, a = _dna_array(rows)
    n = len(names1)
    m = np.zeros((n, n))
    for i1, i2 in itertools.permutations(range(n), 2):
        congruence = conflict = 0.0
        for j in range(len(names2)):
            if aggregation == "ignore":
                congruence += a[i1, j].sum() * a[i2, j].sum()
            for k1, k2 in itertools.product(range(2), repeat=2):
                congruence += a[i1, j, k1] * a[i2, j, k2] * (1 - abs(k1 - k2)) * (aggregation != "ignore")
                conflict += a[i1, j, k1] * a[i2, j, k2] * abs(k1 - k2)
        c1, c2 = a[i1].sum(), a[i2].sum()
        norm = {"none": 1.0, "average": (c1 + c2) / 2, "dna-cosine": np.sqrt(c1 * c1) * np.sqrt(c2 * c2),
                "jaccard": (np.where(a[i2] == 0, a[i1], 0).sum() + np.where(a[i1] == 0, a[i2], 0).sum()
                            + np.where((a[i1] > 0) & (a[i2] > 0), a[i1] * a[i2], 0).sum())}[normalization]
        congruence, conflict = (congruence / norm, conflict / norm) if norm else (0.0, 0.0)
        m[i1, i2] = {"ignore": congruence, "congruence": congruence, "conflict": conflict,
                     "subtract": congruence - conflict}[aggregation]
    return names1, m


def dna_two_mode(rows, aggregation: str) -> tuple[list[str], list[str], np.ndarray]:
    """computeTwoModeMatrix, without normalisation."""
    names1, names2, a = _dna_array(rows)
    if aggregation == "ignore":
        return names1, names2, a.sum(axis=2)
    if aggregation == "subtract":
        return names1, names2, a[:, :, 1] - a[:, :, 0]
    # combine: lexical rank of the binary vector over the qualifier values [0, 1]
    return names1, names2, 2 * (a[:, :, 0] > 0) + 1 * (a[:, :, 1] > 0)


# --- the import --------------------------------------------------------------------------


def test_import_reads_documents_entities_and_statements(dna_file: Path) -> None:
    dna = read_dna(dna_file)
    assert sorted(dna.documents) == [1, 2, 3, 4]
    assert dna.documents[4].date == dt.date(2022, 3, 2)
    assert ("Author", "Lois Lane") in dna.documents[1].metadata
    assert dna.other_statements == 1
    alpha = dna.entities[ALPHA]
    assert (alpha.value, alpha.color, alpha.attribute("alias")) == ("Alpha Party", "#ff0000", "AP")
    assert dna.entities[CARBON].parent == ENERGY
    first = dna.statements[0]
    assert ([e.value for e in first.actors], [e.value for e in first.speakers],
            [e.value for e in first.targets], first.qualifier) == (["Alpha Party"], ["Ann Smith"], ["Carbon tax"], 1)


def test_statements_keep_their_provenance(imported: Store) -> None:
    rows = who(imported, "supports", "carbon-tax")
    first = next(e for e in rows if e.quote == "Alpha Party backs a carbon tax")
    assert (first.actor, first.actor_label, first.speaker, first.speaker_label) == \
        ("alpha-party", "Alpha Party", "ann-smith", "Ann Smith")
    assert (first.quote_start, first.quote_end, first.date) == (0, 30, "2021-03-01")
    assert first.source == "dna-fixture-doc-1" and first.source_title == "Debate on climate"
    opposed = who(imported, "opposes", "carbon-tax")
    assert [(e.actor, e.speaker) for e in opposed] == [("gamma-group", "bob-jones")]
    # offsets after an astral character are converted from UTF-16 to code points
    late = next(e for e in who(imported, "supports", "coal-exit") if e.date == "2022-03-02")
    text = DOCUMENTS[4][2]
    assert text[late.quote_start:late.quote_end] == late.quote == "Gamma Group backs a coal exit"


def test_entity_attributes_labels_and_hierarchy_are_kept(imported: Store) -> None:
    alpha = profile(imported, "AP")
    assert alpha.entity.id == "alpha-party" and alpha.actor.aliases == ["AP"]
    assert alpha.entity.type == "Organization"
    description = imported.select("SELECT ?d WHERE { ?x sg:slug 'alpha-party' ; skos:definition ?d }")
    assert "Type: Party" in description[0]["d"] and "Color: #ff0000" in description[0]["d"]
    carbon = profile(imported, "carbon-tax")
    assert carbon.issue.broader == ["energy-policy"] and "A levy on CO2" in carbon.issue.definition
    assert profile(imported, "ann-smith").entity.type == "Person"


def test_import_report_skips_and_relinks(dna_file: Path, tmp_path: Path) -> None:
    store = Store(None)
    report = import_dna(store, dna_file, directory=tmp_path / "out")
    assert report.statements == 14 and report.documents == 4
    assert report.skipped == {"other statement type": 1, "no actor": 1}
    assert (tmp_path / "out" / "sources" / "dna-fixture-doc-4.txt").read_text(encoding="utf-8") == DOCUMENTS[4][2]
    again = import_dna(store, dna_file)
    assert again.linked == [] and again.actors == report.actors  # re-import replaces, not links
    assert len(who(store, "supports", "carbon-tax")) == 6
    with_persons = import_dna(Store(None), dna_file, persons_as_actors=True)
    assert with_persons.statements == 15 and "no actor" not in with_persons.skipped


def test_entities_matching_store_ids_are_linked(mini_store: Store, tmp_path: Path) -> None:
    path = build_dna(tmp_path / "mini.dna")
    db = sqlite3.connect(path)
    db.execute("UPDATE ENTITIES SET Value = 'Ruritania' WHERE ID = ?", (ALPHA,))
    db.commit()
    db.close()
    report = import_dna(mini_store, path)
    assert report.linked == ["ruritania"] and "ruritania" not in report.actors
    assert {e.target for e in profile(mini_store, "ruritania").statements} >= {"carbon-tax", "ruritania"}


def test_bad_files_fail_clearly(tmp_path: Path, dna_file: Path) -> None:
    junk = tmp_path / "junk.dna"
    junk.write_text("not a database")
    with pytest.raises(SourceDataError, match="not a DNA"):
        read_dna(junk)
    with pytest.raises(SourceDataError, match="no statement type 'DNA statment'; did you mean DNA Statement"):
        read_dna(dna_file, statement_type="DNA statment")
    with pytest.raises(SourceDataError, match="has no variable 'actor'"):
        read_dna(dna_file, variables=DnaVariables(actor="actor"))
    with pytest.raises(SourceDataError, match="no such file"):
        read_dna(tmp_path / "missing.dna")


# --- networks equal DNA's --------------------------------------------------------------


def test_hand_checked_matrices(view) -> None:
    congruence = one_mode_network(view, "congruence")
    assert congruence.row_labels == ("Alpha Party", "Beta Union", "Gamma Group")
    assert congruence.dense().tolist() == [[0, 6, 0], [6, 0, 1], [0, 1, 0]]
    assert one_mode_network(view, "conflict").dense().tolist() == [[0, 0, 7], [0, 0, 4], [7, 4, 0]]
    assert one_mode_network(view, "subtract").dense().tolist() == [[0, 6, -7], [6, 0, -3], [-7, -3, 0]]
    assert one_mode_network(view, "ignore").dense().tolist() == [[0, 6, 7], [6, 0, 5], [7, 5, 0]]
    # n = 6, 4, 4 statements: average 6 / 5, 1 / 4; Jaccard 6 / (0 + 2 + 6), 1 / (3 + 3 + 1)
    np.testing.assert_allclose(one_mode_network(view, "congruence", normalization="average").dense(),
                               [[0, 1.2, 0], [1.2, 0, 0.25], [0, 0.25, 0]])
    np.testing.assert_allclose(one_mode_network(view, "congruence", normalization="jaccard").dense(),
                               [[0, 0.75, 0], [0.75, 0, 1 / 7], [0, 1 / 7, 0]])
    two = affiliation_network(view, aggregation="combine")
    assert two.column_labels == ("Carbon tax", "Coal exit", "Nuclear power")
    assert two.dense().tolist() == [[1, 2, 0], [1, 2, 3], [2, 1, 1]]
    assert affiliation_network(view).dense().tolist() == [[5, -1, 0], [1, -1, 0], [-1, 2, 1]]


@pytest.mark.parametrize("duplicates", ["all", "document", "year", "range"])
def test_one_mode_networks_equal_dna(view, dna_file: Path, duplicates: str) -> None:
    rows = _dna_rows(dna_file)
    for aggregation, normalization in itertools.product(
            ("ignore", "congruence", "conflict", "subtract"), ("none", "average", "jaccard", "dna-cosine")):
        kept = _dna_filter(rows, duplicates, ignore_qualifier=aggregation == "ignore")
        labels, expected = dna_one_mode(kept, aggregation, normalization)
        ours = one_mode_network(view, aggregation, Selection(duplicates=Duplicates(duplicates)),
                                normalization)
        assert list(ours.row_labels) == labels
        np.testing.assert_allclose(ours.dense(), expected, err_msg=f"{aggregation} {normalization}")


@pytest.mark.parametrize("duplicates", ["all", "document", "week", "month", "year", "range"])
def test_two_mode_networks_equal_dna(view, dna_file: Path, duplicates: str) -> None:
    rows = _dna_rows(dna_file)
    for aggregation in ("ignore", "subtract", "combine"):
        kept = _dna_filter(rows, duplicates, ignore_qualifier=aggregation == "ignore")
        names1, names2, expected = dna_two_mode(kept, aggregation)
        ours = affiliation_network(view, Selection(duplicates=Duplicates(duplicates)), aggregation)
        assert (list(ours.row_labels), list(ours.column_labels)) == (names1, names2)
        np.testing.assert_array_equal(ours.dense(), expected)


def test_week_and_month_rules_keep_the_year_apart_unlike_dna(view, dna_file: Path) -> None:
    rows = _dna_rows(dna_file)
    for rule in ("week", "month"):
        ours = affiliation_network(view, Selection(duplicates=Duplicates(rule)), "ignore").dense()
        assert ours[0, 0] == 3  # Alpha on the carbon tax: 2021 W09 or March, 2021 W16 or April, 2022
        dna = dna_two_mode(_dna_filter(rows, rule, True, year_aware=False), "ignore")[2]
        assert dna[0, 0] == 2  # DNA merges March 2022 (week 9) into March 2021 (week 9)
    kept = deduplicate(stances(view), "week")
    assert sum(s.actor == "alpha-party" and s.target == "carbon-tax" for s in kept) == 3


def test_cli_import_dna(dna_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEGRAPH_STORE", str(tmp_path / "store"))
    runner = CliRunner()
    result = runner.invoke(app, ["import-dna", str(dna_file), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["statements"] == 14
    network = runner.invoke(app, ["network", "congruence", "--format", "json"])
    assert json.loads(network.stdout) == {"rows": ["Alpha Party", "Beta Union", "Gamma Group"],
                                          "columns": ["Alpha Party", "Beta Union", "Gamma Group"],
                                          "matrix": [[0, 6, 0], [6, 0, 1], [0, 1, 0]]}
    bad = runner.invoke(app, ["import-dna", str(tmp_path / "missing.dna")])
    assert bad.exit_code == 1 and "no such file" in bad.output


def test_integer_qualifier_and_spans_off_the_text(tmp_path: Path) -> None:
    path = build_dna(tmp_path / "integer.dna")
    db = sqlite3.connect(path)
    db.executescript("""
        UPDATE VARIABLES SET DataType = 'integer' WHERE ID = 4;
        INSERT INTO DATAINTEGER (StatementId, VariableId, Value)
            SELECT StatementId, VariableId, CASE Value WHEN 1 THEN 2 ELSE -1 END FROM DATABOOLEAN;
        UPDATE DATAINTEGER SET Value = 0 WHERE StatementId = 9;
        UPDATE STATEMENTS SET Stop = 9999 WHERE ID = 15;
    """)
    db.commit()
    db.close()
    store = Store(None)
    report = import_dna(store, path)
    assert report.statements == 13
    assert report.skipped == {"other statement type": 1, "no actor": 1, "span outside the text": 1}
    assert [e.actor for e in who(store, "is-hesitant-about", "nuclear-power")] == ["beta-union"]
    assert [e.actor for e in who(store, "opposes", "carbon-tax")] == ["gamma-group"]
    assert len(who(store, "supports", "carbon-tax")) == 6
