"""What the recogniser reads: prose paragraphs, and table lines no rule read."""

from reportparse.ner.segments import is_prose_line, prose_share, select_segments
from reportparse.table.lines import split_lines


def test_prose_lines_and_table_lines_are_told_apart():
    lines = split_lines("Gentile collega, la paziente presenta emoglobina 11,2 g/dL e ferritina bassa.\n"
                        "Emoglobina        13,5      g/dL      12,0 - 16,0\n"
                        "Glicemia: 112 mg/dl (70-100)\n")
    assert [is_prose_line(line) for line in lines if line.text.strip()] == [True, False, False]


def test_a_letter_is_read_in_paragraphs_a_table_report_by_its_lines():
    text = ("Her hemoglobin was 11.2 g/dL and the ferritin\n"
            "level was low at 8 ng/mL (ref 15-150), so iron was started.\n"
            "\n"
            "Sodium        140     mmol/L     135 - 145\n"
            "Potassium     4.1     mmol/L     3.5 - 5.1\n"
            "Page 1 of 2\n")
    lines = split_lines(text)
    sodium = text.index("Sodium")
    covered = [(sodium, text.index("\n", sodium))]  # the rules read the sodium row
    furniture = {5: "repeated footer"}
    # read as a letter: wrapped lines join one paragraph; the row the rules read in columns is contested (the
    # rules keep it unless the recogniser reads more records in it: a sentence with a double space in it)
    segments = select_segments(lines, covered, furniture, "prose")
    assert [(s.kind, text[s.start:s.end].split()[0]) for s in segments] == [
        ("prose", "Her"), ("contested", "Sodium"), ("prose", "Potassium")]
    assert "so iron was started." in text[segments[0].start:segments[0].end]
    # read as a table report: its notes in prose are not read, the line no rule read is
    segments = select_segments(lines, covered, furniture, "auto")
    assert [(s.kind, text[s.start:s.end].split()[0]) for s in segments] == [("line", "Potassium")]
    assert [s.kind for s in select_segments(lines, covered, furniture, "table")] == ["line", "line", "line"]
    sizes = [len(line.text.strip()) for line in lines if line.text.strip()]
    assert prose_share(lines) == sum(sizes[:2]) / sum(sizes)  # characters on the two prose lines


def test_a_line_with_numbers_left_outside_its_rows_is_contested():
    text = "Emocromo: Hb 10,9 g/dL, PLT 450.000/mmc\n"
    lines = split_lines(text)
    covered = [(0, text.index(","))]  # the rules read "Emocromo: Hb 10,9 g/dL" only
    assert [s.kind for s in select_segments(lines, covered, {}, "auto")] == ["contested"]
    # read whole, but with no columns to guide the row grammar: still contested
    assert [s.kind for s in select_segments(lines, [(0, len(text) - 1)], {}, "auto")] == ["contested"]
    table = "Emoglobina        13,5      g/dL      12,0 - 16,0\n"
    assert select_segments(split_lines(table), [(0, len(table) - 1)], {}, "auto") == []


def test_huge_segments_are_cut_at_whitespace():
    from reportparse.ner.segments import Segment, bounded

    text = "Emoglobina 11,2 g/dL " * 5000  # one line of 105,000 characters
    pieces = bounded([Segment(0, len(text), "prose")], text, limit=20_000)
    assert all(p.end - p.start <= 20_000 for p in pieces) and len(pieces) >= 6
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(a.end == b.start and text[a.end] == " " for a, b in zip(pieces, pieces[1:]))
