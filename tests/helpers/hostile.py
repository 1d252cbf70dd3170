"""Hypothesis strategies that build hostile ladder YAML: what an attacker or a careless user
would write. Used by ``tests/security/test_fuzz.py`` (bounded, in CI) and ``fuzz/fuzz_load.py``
(atheris, by hand).

Each strategy builds *text*, not data, so it reaches the parser, the resolver and the loader
with what a file can hold: deep nesting, explicit tags, anchors, aliases and ``<<`` merges,
control characters and extreme numbers; and :func:`mutated_examples` breaks the example ladders
of ``ladders/`` in small ways, so the rules and the renderer get ladders that *almost* hold.
"""

from __future__ import annotations

from hypothesis import strategies as st
from paths import KESTREL, ROOT

EXAMPLES = sorted((ROOT / "ladders").rglob("*.yaml"))

#: Characters that have broken a reader, a terminal or a log format: C0 and C1 controls, DEL,
#: line and paragraph separators, bidirectional overrides, a BOM, non-characters, a lone
#: surrogate's neighbours, and characters YAML gives a meaning to.
HOSTILE_CHARS = (
    [chr(c) for c in range(0x20)]
    + ["\x7f", "\x85", "\xa0", "\u2028", "\u2029", "\u202e", "\u2066", "\u200f", "\ufeff"]
    + ["\ufffe", "\uffff", "\U0001f600", "\ud7ff", "\ue000"]
    + list(":-?[]{},#&*!|>'\"%@`")
)
hostile_char = st.sampled_from(HOSTILE_CHARS)

#: Scalars that YAML 1.1 reads as something surprising.
SURPRISING_SCALARS = [
    "~", "null", "", "yes", "no", "on", "off", "y", "n", "true", "False",
    "0x1", "0b1", "0o7", "017", "+1", "1_", "1_000", "1:40:00", "190:20:30.15", "-1:00",
    ".nan", ".inf", "-.inf", ".NaN", "1e3", "1.0e+3", "1.0e-3", "2026-01-01", "2026-13-45",
    "2001-12-14t21:59:43.10-05:00", "=", "<<", "!", "&", "*", "10%", "eur", "\"1\"",
]

#: Escapes a double-quoted YAML string may end with: none, and three it does not allow.
BAD_ESCAPES = ["", "\\q", "\\x", "\\u12"]

#: Text that looks like a number to a reader, or to YAML 1.1.
NUMBER_LIKE = r"[-+]?[0-9_]{1,12}(\.[0-9_]{0,8})?([eE][-+]?[0-9]{1,12})?"
#: How a hostile document starts, and the keys its values go under.
HEADERS = ["dualladder: 1\n", "dualladder: 1\norganization: A\nfamily: B\n", ""]
KEYS = ["organization", "currency", "x", "levels", "policy", "tracks"]
#: YAML syntax a mutation inserts into a line.
YAML_SYNTAX = ["&x ", "*x ", "<<: ", "!!int ", "[", "{", "\t"]

#: Explicit tags, standard and not.
TAGS = [
    "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!str", "!!binary", "!!set",
    "!!omap", "!!pairs", "!!seq", "!!map", "!!merge", "!!value", "!!yaml",
    "!!python/object:os.system", "!!python/name:os.system", "!custom", "!<tag:x.org,2002:y>",
    "!e!tag%21",
]


@st.composite
def extreme_numbers(draw: st.DrawFn) -> str:
    """Numbers at and past every bound: huge and tiny exponents, long digit strings, signs,
    special values, and the YAML 1.1 spellings."""
    kind = draw(st.integers(0, 6))
    if kind == 0:
        mantissa = draw(st.sampled_from(["1", "1.0", "2.0", "9.99", "0.5", "-1.0"]))
        exponent = draw(
            st.one_of(st.integers(-30, 30), st.integers(-1_000_000_000, 1_000_000_000))
        )
        return f"{mantissa}e{exponent:+d}"
    if kind == 1:
        return draw(st.sampled_from(["1", "9", "123"])) + "0" * draw(st.integers(10, 6000))
    if kind == 2:
        return "0." + "0" * draw(st.integers(4, 3000)) + "1"
    if kind == 3:
        return draw(st.sampled_from(SURPRISING_SCALARS))
    if kind == 4:
        return str(draw(st.decimals(allow_nan=True, allow_infinity=True)))
    if kind == 5:
        return str(draw(st.integers(-(10**20), 10**20)))
    return draw(st.from_regex(NUMBER_LIKE, fullmatch=True))


@st.composite
def scalars(draw: st.DrawFn) -> str:
    """One hostile scalar as YAML text (plain, quoted or tagged)."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(extreme_numbers())
    if kind == 1:
        value = draw(st.sampled_from([*SURPRISING_SCALARS, "1", "x"]))
        return f"{draw(st.sampled_from(TAGS))} {value}"
    if kind == 2:  # a double-quoted string with escapes YAML allows and does not allow
        body = draw(st.text(alphabet=hostile_char, max_size=8))
        escaped = "".join(
            c if c.isprintable() and c not in '"\\' else f"\\x{ord(c):02x}" if ord(c) < 256
            else f"\\u{ord(c):04x}"
            for c in body
        )
        return '"' + escaped + draw(st.sampled_from(BAD_ESCAPES)) + '"'
    if kind == 3:  # raw hostile characters in a plain scalar
        return "a" + draw(st.text(alphabet=hostile_char, min_size=1, max_size=6))
    if kind == 4:
        return "x" * draw(st.integers(0, 3000))
    return draw(st.sampled_from(SURPRISING_SCALARS))


@st.composite
def nested(draw: st.DrawFn) -> str:
    """Deep nesting: flow lists and mappings, block mappings, or a mix, up to past every
    parser's limit."""
    depth = draw(st.one_of(st.integers(0, 80), st.integers(300, 1100)))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return "[" * depth + "]" * depth
    if kind == 1:
        return "{a: " * depth + "1" + "}" * depth
    if kind == 2:
        opener = draw(st.lists(st.sampled_from(["[", "{a: "]), min_size=depth, max_size=depth))
        closer = "".join("]" if o == "[" else "}" for o in reversed(opener))
        return "".join(opener) + "1" + closer
    depth = min(depth, 200)  # block nesting: the text grows with the square of the depth
    return "\n" + "".join(" " * (i + 1) + "a:\n" for i in range(depth)) + " " * (depth + 1) + "1"


@st.composite
def alias_structures(draw: st.DrawFn) -> str:
    """Anchors, aliases and ``<<`` merges: chains that multiply (alias and merge bombs),
    self-references, merges of non-mappings, and aliases that are never defined."""
    levels = draw(st.integers(1, 8))
    width = draw(st.integers(1, 8))
    merge = draw(st.booleans())
    lines = ["a0: &a0 {k0: 1, v: [1, 2, 3]}" if merge else "a0: &a0 [1, 2, 3, 4, 5]"]
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * width)
        lines.append(
            f"a{i}: &a{i} {{<<: [{refs}], k{i}: {i}}}" if merge else f"a{i}: &a{i} [{refs}]"
        )
    extra = draw(st.sampled_from([
        "", "self: &s [*s]", "m: {<<: 1}", "m: {<<: [1, 2]}", "u: *undefined",
        "m: &m {<<: *m}", "d: &a0 2", "<<: *a0",
    ]))
    return "\n".join([*lines, extra])


@st.composite
def hostile_documents(draw: st.DrawFn) -> str:
    """A whole document: a ladder header followed by hostile values and structures."""
    header = draw(st.sampled_from(HEADERS))
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            key = draw(st.sampled_from(KEYS))
            parts.append(f"{key}: {draw(scalars())}")
        elif kind == 1:
            parts.append(f"x{len(parts)}: {draw(nested())}")
        else:
            parts.append(draw(alias_structures()))
    return header + "\n".join(parts) + "\n"


def _example_lines() -> list[list[str]]:
    return [path.read_text(encoding="utf-8").splitlines(keepends=True) for path in EXAMPLES]


_EXAMPLE_LINES = _example_lines()


@st.composite
def mutated_examples(draw: st.DrawFn) -> str:
    """An example ladder with a few small mutations: a value replaced by a hostile one, a line
    deleted, repeated or moved, hostile characters inserted, the text cut short."""
    lines = list(draw(st.sampled_from(_EXAMPLE_LINES)))
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.integers(0, 6))
        line = lines[i]
        if op == 0 and ": " in line:  # replace a value
            key = line.split(": ", 1)[0]
            lines[i] = f"{key}: {draw(st.one_of(scalars(), extreme_numbers()))}\n"
        elif op == 1:
            del lines[i]
        elif op == 2:
            lines.insert(i, line)
        elif op == 3:
            j = draw(st.integers(0, len(lines) - 1))
            lines.insert(j, lines.pop(i))
        elif op == 4:
            at = draw(st.integers(0, len(line)))
            inserted = draw(st.text(alphabet=hostile_char, min_size=1, max_size=3))
            lines[i] = line[:at] + inserted + line[at:]
        elif op == 5:
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(YAML_SYNTAX)) + line[at:]
        else:
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
    return "".join(lines)


#: Everything at once, for the fuzz tests.
hostile_texts = st.one_of(hostile_documents(), mutated_examples())


# -- the other readers: rosters, column mappings, company files, plan sheets (issue 20) ----------

#: The columns a roster may have, and a few the audit does not read (where personal data sits).
ROSTER_COLUMNS = [
    "employee_id", "track", "level", "base_pay", "fte", "variable_pay", "equity", "gender",
    "family", "zone", "currency", "hire_date", "name", "email",
]
#: Cells that have broken a roster reader: numbers past every bound and in other scripts,
#: separators, quotes, delimiters, line breaks and controls.
ROSTER_CELLS = [
    "", "E1", "E1", "technical", "management", "L3", "L5", "100000", "85000.50", "1", "0.8",
    "female", "male", "x", "USD", "eur", "2026-01-01", "2026-13-45", "1_000", "85,000",
    "\u0661\u0662\u0663", "\uff11\uff12\uff13", "NaN", "-Infinity", "1e-999999999", "2e+999999999",
    "1e-30", "0", "-5", "999999999999999", "1" + "0" * 40, "0." + "0" * 30 + "1", '"', '"x',
    'a,"b', "a;b;c", "a\tb", "a|b", "line\nbreak", "\x1b]0;x\x07", "\u2028", "\x85", "\ufeff",
    "Ada Lovelace",
]


#: Numbers at a roster's bounds: an fte or a pay that is tiny, huge or spelt oddly.
ROSTER_NUMBERS = [
    "1e-30", "1e-999999999", "0.0001", "0.00001", "999999999999999", "20040000000", "1e3",
    "1_000", "0.8000000000000000000001", "-0", "+1", ".5", "5.", "1E+5",
]

#: A good value of each roster column (rows start from these, so most of them are read and
#: the hostile cells reach the audit's arithmetic and every report format).
GOOD_CELLS: dict[str, list[str]] = {
    "employee_id": ["E{n}"], "track": ["technical", "management"],
    "level": ["L3", "L4", "L5", "L6", "L7"], "base_pay": ["100000", "150000.50", "240000"],
    "fte": ["1", "0.8", ""], "variable_pay": ["", "10000"], "equity": ["", "5000"],
    "gender": ["female", "male", "x", ""], "family": [""], "zone": [""], "currency": ["USD", ""],
    "hire_date": ["2020-01-01", ""], "name": ["Ada Lovelace"], "email": ["a@example.com"],
}


@st.composite
def roster_rows(draw: st.DrawFn) -> list[list[str]]:
    """A header (the required columns and some others, now and then one twice or missing) and
    rows of good values with hostile cells put in, some rows ragged."""
    header = ["employee_id", "track", "level", "base_pay"]
    header += draw(st.lists(st.sampled_from(ROSTER_COLUMNS[4:]), max_size=5, unique=True))
    if "fte" not in header and draw(st.booleans()):
        header.append("fte")
    if draw(st.integers(0, 9)) == 0:
        header.pop(draw(st.integers(0, len(header) - 1)))
    if draw(st.integers(0, 9)) == 0:
        header.append(draw(st.sampled_from(header)))
    hostile = st.one_of(st.sampled_from(ROSTER_CELLS), st.sampled_from(ROSTER_NUMBERS),
                        draw_extreme_cells())
    rows = []
    for n in range(draw(st.integers(0, 12))):
        row = [draw(st.sampled_from(GOOD_CELLS.get(c, [""]))).format(n=n) for c in header]
        for index in range(len(row)):
            if draw(st.integers(0, 4)) == 0:
                row[index] = draw(hostile)
        if draw(st.integers(0, 9)) == 0:
            row = row[: draw(st.integers(0, len(row)))]
        rows.append(row)
    return [header, *rows]


def draw_extreme_cells() -> st.SearchStrategy[str]:
    return extreme_numbers().map(lambda text: text[:200])


@st.composite
def roster_csv(draw: st.DrawFn) -> bytes:
    """A roster as CSV bytes: hostile cells, written with a delimiter that may not be the
    header's, quotes that may not close, and now and then bytes that are not UTF-8."""
    rows = draw(roster_rows())
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    lines = []
    for row in rows:
        sep = delimiter if draw(st.integers(0, 5)) else draw(st.sampled_from([",", ";"]))
        lines.append(sep.join(
            f'"{c}"' if draw(st.integers(0, 3)) == 0 else c for c in row
        ))
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        data = draw(st.sampled_from([b"\xef\xbb\xbf", b"", b"\xff"])) + data
    return data


def roster_xlsx(rows: list[list[str]], dimension: str | None = None) -> bytes:
    """``rows`` as an XLSX workbook (numbers where a cell reads as one), its ``<dimension>``
    optionally rewritten to lie."""
    import io
    import re
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    illegal = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
    for row in rows:
        cells: list[object] = []
        for text in row:
            try:
                number = float(text) if text.replace(".", "", 1).isdigit() else None
            except ValueError:
                number = None
            cells.append(number if number is not None else illegal.sub("?", text))
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                part = re.sub(rb'<dimension ref="[^"]*"\s*/>',
                              f'<dimension ref="{dimension}"/>'.encode(), part)
            target.writestr(item, part)
    return out.getvalue()


@st.composite
def column_mappings(draw: st.DrawFn) -> str:
    """A ``--columns`` mapping file: flat mappings of known and unknown columns to hostile
    header names, nesting, aliases, lists, several documents, hostile scalars."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        pairs = draw(st.lists(st.tuples(st.sampled_from([*ROSTER_COLUMNS, "x"]), scalars()),
                              max_size=5))
        return "\n".join(f"{k}: {v}" for k, v in pairs) + "\n"
    if kind == 1:
        return f"level: {draw(nested())}\n"
    if kind == 2:
        return draw(alias_structures()) + "\n"
    if kind == 3:
        return "level: Grade\n---\nlevel: Other\n"
    return draw(nested()) + "\n"


#: A company file's lines that hostile numbers replace (kestrel's zone and differentials).
FACTOR_LINES = ["    factor: 1.15", "    round_to: 1000", "    factor: 1.06"]


@st.composite
def company_numbers(draw: st.DrawFn) -> dict[str, str]:
    """The kestrel company folder with its factors and ``round_to`` replaced by hostile numbers:
    file name -> new text."""
    files: dict[str, str] = {}
    for name in ("company.yaml", "data.yaml"):
        text = (KESTREL / name).read_text(encoding="utf-8")
        for line in FACTOR_LINES:
            if line in text and draw(st.booleans()):
                key = line.split(":")[0]
                text = text.replace(line, f"{key}: {draw(scalars())}", 1)
        files[name] = text
    return files


#: What the cells of a tracking sheet may hold: statuses, dates, evidence, formulas, controls.
SHEET_CELLS = [
    "", "open", "in progress", "done", "waived", "DONE", "x", "2026-01-01", "2026-13-45",
    "https://example.com/e", "=HYPERLINK(\"x\")", "+1", "@x", "'=1", "\x1b[2J", "\u2028",
    "a\nb", "E1", "S1", "S99", "step", "expectation", "x" * 5000,
]


@st.composite
def sheet_rows(draw: st.DrawFn, sheet: list[list[str]]) -> list[list[str]]:
    """A tracking sheet as ``plan sheet`` wrote it (``sheet``), filled in badly: cells replaced
    by hostile ones, rows deleted, repeated or cut short, columns moved."""
    header, *rows = sheet
    out = [list(row) for row in rows]
    for row in out:
        for index in range(len(row)):
            if draw(st.integers(0, 3)) == 0:
                row[index] = draw(st.sampled_from(SHEET_CELLS))
    if out and draw(st.booleans()):
        out.insert(draw(st.integers(0, len(out))), out[draw(st.integers(0, len(out) - 1))])
    if out and draw(st.booleans()):
        del out[draw(st.integers(0, len(out) - 1))][draw(st.integers(0, 3)):]
    if draw(st.integers(0, 4)) == 0:
        header = list(reversed(header))
    return [header, *out]
