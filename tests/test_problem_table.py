"""ui.problems.problem_table: a data check's problems as a table whose messages wrap (a grid cut a long message at its
cell's edge), the file named once when all are in one, a row or field column only where a problem has one, and a long
list as a grid to search in; each message in the page's language."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ui.problems import LONG_LIST


def _shown(count: int, files: int, lang: str = "nl", rows: bool = True) -> AppTest:
    def script(count, files, lang, rows):
        from nla_data.problems import Problem, said
        from ui.problems import problem_table

        long = "een lange melding die de cel van een raster ver te buiten gaat " * 3
        problems = [Problem(f"bestand{n % files}.csv", said(f"melding {n}: {long}", f"message {n}"),
                            n + 2 if rows else None, "veld" if n % 2 else None) for n in range(count)]
        problem_table("problems", problems, lang)

    return AppTest.from_function(script, args=(count, files, lang, rows)).run()


def test_one_files_problems_wrap_in_a_table_under_its_name():
    at = _shown(3, files=1)
    assert not at.exception
    assert next(c.value.replace("\\", "") for c in at.caption) == "In bestand0.csv:"
    table = at.table[0].value.map(lambda cell: cell.replace("\\", ""))  # cells are markdown, escaped
    assert list(table.columns) == ["Rij", "Veld", "Probleem"]
    assert table.to_numpy().tolist()[:2] == [["2", "", table.iloc[0, 2]], ["3", "veld", table.iloc[1, 2]]]
    assert table.iloc[0, 2].startswith("melding 0: een lange melding") and len(table.iloc[0, 2]) > 150  # whole
    assert not at.dataframe


def test_several_files_keep_their_column_and_no_empty_row_column():
    at = _shown(4, files=2, lang="en", rows=False)
    table = at.table[0].value.map(lambda cell: cell.replace("\\", ""))
    assert list(table.columns) == ["File (resource)", "Field", "Problem"]
    assert list(table["File (resource)"]) == ["bestand0.csv", "bestand1.csv", "bestand0.csv", "bestand1.csv"]
    assert list(table["Problem"]) == ["message 0", "message 1", "message 2", "message 3"]  # in the page's language
    assert not [c for c in at.caption if c.value.startswith("In ")]


def test_a_long_list_is_a_grid_to_search_in():
    at = _shown(LONG_LIST + 1, files=1)
    assert not at.table
    grid = at.dataframe[0].value
    assert len(grid) == LONG_LIST + 1
    assert list(grid.columns) == ["Bestand (resource)", "Rij", "Veld", "Probleem"]
    assert grid["Rij"].iloc[0] == 2
    at = _shown(LONG_LIST, files=1)
    assert len(at.table[0].value) == LONG_LIST and not at.dataframe


def test_what_a_message_quotes_from_the_file_stays_text():
    def script():
        from nla_data.problems import Problem, quote, said
        from ui.problems import problem_table

        cell = "**vet** [klik](https://example.org) ![x](https://example.org/x.png)"
        problem_table("problems", [Problem("a.csv", said(f"waarde {quote(cell)}", f"value {quote(cell)}"), 2)], "nl")

    shown = AppTest.from_function(script).run().table[0].value.iloc[0, 1]
    assert "\\*\\*vet\\*\\*" in shown and "\\[klik\\]" in shown and "\\!\\[x\\]" in shown, shown
