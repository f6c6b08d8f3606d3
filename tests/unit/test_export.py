import csv
import io

from search.export import COLUMNS, csv_chunks, jsonl_chunks


def _row(**fields):
    return {"id": "a1", "title": "عنوان", "source": "ایرنا", "published": "2023-08-22",
            "published_jalali": "1402-05-31", "url": None, "countries": ["ایران", "ترکیه"], "officials": [],
            "organizations": [], "topics": [], **fields}


def test_csv_has_a_bom_a_header_and_joined_labels():
    text = "".join(csv_chunks(iter([_row()])))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == list(COLUMNS)
    assert rows[1][COLUMNS.index("countries")] == "ایران; ترکیه" and rows[1][COLUMNS.index("url")] == ""


def test_csv_cells_cannot_run_as_formulas():
    text = "".join(csv_chunks(iter([_row(title='=HYPERLINK("http://x","y")', source="@SUM(1)")])))
    row = list(csv.reader(io.StringIO(text[1:])))[1]
    assert row[COLUMNS.index("title")].startswith("'=") and row[COLUMNS.index("source")] == "'@SUM(1)"


def test_chunks_stream_instead_of_building_the_whole_file():
    chunks = csv_chunks(_row(id=str(n)) for n in range(1000))
    assert len(list(chunks)) > 3
    lines = list(jsonl_chunks(iter([_row(), _row(id="a2")])))
    assert len(lines) == 2 and all(line.endswith("\n") for line in lines)
