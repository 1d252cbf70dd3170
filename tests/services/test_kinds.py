"""The registry of document kinds (docs/architecture.md, "The kinds of document"): each kind's
entry carries every verb or says why it does not apply, the verbs are the kinds' own functions,
files are told apart by the entries' ``detect``, and every command reads each file once."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from paths import ACME, DATA, EXAMPLES, KESTREL, LADDERS

import dualladder
import dualladder.company
import dualladder.people
import dualladder.plan
from dualladder._internal.io.documents import YAML_KINDS, Document, Unreadable, collect
from dualladder._internal.services.check.run import CheckRun
from dualladder._internal.services.kinds import (
    KINDS,
    NotApplicable,
    kind_of_model,
    schema_kinds,
)
from dualladder._internal.util.files import files_read, recording_reads
from dualladder.cli.main import main

LADDER = ACME
ROSTER = EXAMPLES / "roster.csv"
PLANS = sorted((DATA / "plans" / "positive").rglob("*.yaml"))

VERBS = ("read", "check", "render", "save", "dump", "diff", "schema")


def test_every_kind_is_in_the_registry_with_every_verb() -> None:
    assert list(KINDS) == ["ladder", "company", "family", "plan", "roster"]
    for name, kind in KINDS.items():
        assert kind.name == name and kind.title
        assert callable(kind.detect)
        for verb in VERBS:
            value = getattr(kind, verb)
            # a verb is a function, or says in words why it does not apply
            assert callable(value) or (isinstance(value, NotApplicable) and len(value.why) > 20), (
                name, verb)


def test_what_does_not_apply_is_said_explicitly() -> None:
    missing = {(name, verb) for name, kind in KINDS.items() for verb in VERBS
               if isinstance(getattr(kind, verb), NotApplicable)}
    assert missing == {
        ("family", "dump"), ("plan", "diff"),
        ("roster", "render"), ("roster", "save"), ("roster", "dump"), ("roster", "diff"),
        ("roster", "schema"),
    }


def test_every_kind_names_its_public_reader() -> None:
    for kind in KINDS.values():
        module, _, name = kind.reader.rpartition(".")
        package = {"dualladder": dualladder, "dualladder.company": dualladder.company,
                   "dualladder.plan": dualladder.plan, "dualladder.people": dualladder.people}
        assert callable(getattr(package[module], name)), kind.reader


def _yaml_files() -> list[Path]:
    return sorted(p for p in [*DATA.rglob("*.yaml"), *LADDERS.rglob("*.yaml")]
                  if "hostile" not in p.parts)


def test_each_file_is_detected_as_exactly_the_kind_it_is_read_as() -> None:
    files = _yaml_files()
    assert len(files) > 50
    seen: set[str] = set()
    for doc in collect(files):
        assert isinstance(doc, Document)
        from dualladder._internal.io.parse import parse

        data = parse(doc.path).data
        said = [name for name, kind in KINDS.items() if kind.detect(doc.path, data, b"")
                and name in YAML_KINDS]
        assert said == [doc.kind], doc.path
        seen.add(doc.kind)
    assert seen == set(YAML_KINDS)


def test_a_roster_is_detected_by_its_name_or_header(tmp_path: Path) -> None:
    roster = KINDS["roster"]
    assert roster.detect(ROSTER, None, b"")
    assert roster.detect(tmp_path / "people.XLSX", None, b"")
    assert roster.detect(tmp_path / "export", None, b"PK\x03\x04rest")  # a workbook's header
    assert not roster.detect(LADDER, {"dualladder": 1}, b"dualladder: 1\n")


def test_a_roster_is_read_only_where_one_is_asked_for(tmp_path: Path) -> None:
    copy = tmp_path / "roster.txt"
    shutil.copy(ROSTER, copy)
    (doc,) = collect([ROSTER])  # validate's kinds: read as YAML, which it is not
    assert isinstance(doc, Document) and doc.kind == "ladder" and doc.ladder is None
    ladder, roster = collect([LADDER, ROSTER], only=("ladder", "roster"))
    assert isinstance(ladder, Document) and ladder.kind == "ladder"
    assert isinstance(roster, Document) and roster.kind == "roster" and roster.roster is not None
    # asked for a roster alone, any file is read as one (the audit's last argument)
    doc = KINDS["roster"].read(copy)
    assert doc.kind == "roster" and doc.roster is not None and len(doc.roster) > 10
    assert doc.source.name == str(copy)
    with pytest.raises(FileNotFoundError):
        KINDS["roster"].read(tmp_path / "missing.csv")


def test_a_roster_is_checked_against_the_runs_ladders() -> None:
    doc = KINDS["roster"].read(ROSTER)
    check = KINDS["roster"].check
    assert not isinstance(check, NotApplicable)
    from dualladder._internal.io.company.read import CompanyCache

    with pytest.raises(ValueError, match="checked against ladders"):
        check(doc, CheckRun(CompanyCache()))
    from dualladder._internal.model.placement import Scale
    from dualladder._internal.services.check.run import AuditSetup

    run = CheckRun(CompanyCache(), audit=AuditSetup(Scale.of([dualladder.load(LADDER)]),
                                                    dualladder.AuditOptions()))
    check(doc, run)
    assert run.audits[0] == dualladder.audit(dualladder.load(LADDER), ROSTER)


def test_each_kinds_read_verb_reads_one_file_as_that_kind() -> None:
    assert KINDS["ladder"].read(LADDER).ladder == dualladder.load(LADDER)
    company = KINDS["company"].read(KESTREL / "company.yaml")
    assert company.kind == "company" and company.company is not None
    family = KINDS["family"].read(KESTREL / "data.yaml")
    assert family.kind == "family" and family.ladder is not None
    assert family.ladder.company_link is not None
    plan = KINDS["plan"].read(PLANS[0])
    assert plan.kind == "plan" and plan.plan == dualladder.plan.load_plan(PLANS[0])
    # a file of another kind read as a ladder gets the ladder reader's finding naming it
    wrong = KINDS["ladder"].read(PLANS[0])
    assert wrong.ladder is None
    assert "dualladder.plan.read_plan" in wrong.findings[0].message
    assert callable(dualladder.plan.read_plan)  # the function the message names exists


def test_dump_then_read_gives_the_same_model() -> None:
    for name, path in (("ladder", LADDER), ("company", KESTREL / "company.yaml"),
                       ("plan", PLANS[0])):
        kind = KINDS[name]
        assert not isinstance(kind.dump, NotApplicable)
        model = kind.read(path).model
        text = kind.dump(model)
        from dualladder._internal.io.company.read import CompanyCache
        from dualladder._internal.io.documents import read_document
        from dualladder._internal.io.parse import parse_text

        again = read_document(parse_text(text, f"<{name}>"), Path(f"<{name}>"), CompanyCache())
        assert again.kind == name and again.model == model, name


@pytest.mark.parametrize("name", ["ladder", "company", "family", "plan"])
def test_save_of_an_unchanged_document_keeps_the_file(name: str, tmp_path: Path) -> None:
    shutil.copytree(KESTREL, tmp_path / "kestrel")
    source = {"ladder": LADDER, "company": KESTREL / "company.yaml",
              "family": tmp_path / "kestrel" / "design.yaml", "plan": PLANS[0]}[name]
    kind = KINDS[name]
    model = kind.read(source).model
    save = kind.save
    assert not isinstance(save, NotApplicable)
    if name == "family":  # its own file, beside its company: saved in place
        target = source
        before = source.read_bytes()
        save(model, target)
        assert target.read_bytes() == before
        return
    target = tmp_path / source.name
    save(model, target)
    assert kind.read(target).model == model


def test_schema_verbs_are_the_published_schemas() -> None:
    assert schema_kinds() == ["ladder", "company", "family", "plan"]
    for name in schema_kinds():
        verb = KINDS[name].schema
        assert not isinstance(verb, NotApplicable)
        assert verb() == dualladder.schema(name)


def test_diff_verbs_compare_as_the_diff_does() -> None:
    from dualladder.diff import diff_ladders

    old = dualladder.load(LADDER)
    new = dualladder.load(LADDER)
    new.levels[0].name = "Renamed"
    verb = KINDS["ladder"].diff
    assert not isinstance(verb, NotApplicable)
    assert verb(old, new) == diff_ladders(old, new) != []
    # a company and a family compare as the public functions of dualladder.diff do
    from dualladder.diff import diff_companies, diff_families

    before, after = dualladder.load_company(KESTREL), dualladder.load_company(KESTREL)
    after.zones[0].factor = after.zones[0].factor * 2 if after.zones[0].factor else None
    company, family = KINDS["company"].diff, KINDS["family"].diff
    assert not isinstance(company, NotApplicable) and not isinstance(family, NotApplicable)
    assert company(before, after) == diff_companies(before, after)
    assert family(before.families[0], after.families[0]) == diff_families(
        before.families[0], after.families[0])


def test_every_applicable_verb_has_a_public_function() -> None:
    """The kinds' public APIs: what the registry does for each kind, a script can do too."""
    import dualladder.diff

    public = {
        "read": [dualladder.read, dualladder.company.read_company, dualladder.plan.read_plan,
                 dualladder.people.read_roster],
        "render": [dualladder.render, dualladder.plan.render_plan],
        "save": [dualladder.save, dualladder.company.save_company, dualladder.plan.save_plan],
        "dump": [dualladder.dumps, dualladder.company.dumps_company, dualladder.plan.dumps_plan],
        "diff": [dualladder.diff.diff_ladders, dualladder.diff.diff_families,
                 dualladder.diff.diff_companies],
        "check": [dualladder.check, dualladder.plan.check_plan, dualladder.audit],
    }
    for functions in public.values():
        assert all(callable(f) for f in functions)


def test_which_kind_a_python_object_is() -> None:
    company = dualladder.load_company(KESTREL)
    assert kind_of_model(dualladder.load(LADDER)) == "ladder"
    assert kind_of_model(company) == "company"
    assert kind_of_model(company.families[0]) == "family"
    assert kind_of_model(dualladder.plan.load_plan(PLANS[0])) == "plan"
    assert kind_of_model(dualladder.people.read_roster(ROSTER).roster) == "roster"
    assert kind_of_model("ladder.yaml") is None
    with pytest.raises(TypeError, match="check\\(\\) takes a Ladder"):
        dualladder.render(dualladder.plan.load_plan(PLANS[0]), "out")  # type: ignore[arg-type]


def _reads(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    """Run the command line; the files it read (the record it keeps to check its output)."""
    read: list[str] = []

    @contextmanager
    def spy() -> Iterator[None]:
        with recording_reads():
            try:
                yield
            finally:
                read.extend(files_read())

    monkeypatch.setattr(sys.modules["dualladder.cli.main"], "recording_reads", spy)
    return main(argv), read


def _once(read: list[str]) -> None:
    resolved = [str(Path(p).resolve()) for p in read]
    twice = {p for p in resolved if resolved.count(p) > 1}
    assert not twice, twice


def test_validate_render_and_audit_read_each_file_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, read = _reads(["validate", str(KESTREL)], monkeypatch)
    assert code == 0 and len(read) == 4
    _once(read)
    code, read = _reads(["render", str(KESTREL), "-o", str(tmp_path / "site")], monkeypatch)
    assert code == 0 and len(read) == 4
    _once(read)
    # a company file given to the audit is read once, with the families below its folder
    roster = tmp_path / "roster.csv"
    roster.write_text("employee_id,family,track,level,base_pay,currency\n"
                      "E1,Engineering,technical,L3,100000,EUR\n", encoding="utf-8")
    code, read = _reads(["audit", str(KESTREL / "company.yaml"), str(roster)], monkeypatch)
    assert len(read) == 5
    _once(read)
    capsys.readouterr()


def test_diff_of_a_ladder_that_became_a_family(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    shutil.copytree(KESTREL, new)
    shutil.copy(LADDER, old / "data.yaml")
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "data.yaml: was a ladder, now a job family" in out
    assert "company.yaml: file added" in out


def test_collect_yields_an_unreadable_file(tmp_path: Path) -> None:
    (found,) = collect([tmp_path / "missing.yaml"])
    assert isinstance(found, Unreadable) and isinstance(found.error, FileNotFoundError)


def test_a_file_with_two_kinds_keys_is_one_kind_to_every_reader(tmp_path: Path) -> None:
    both = tmp_path / "both.yaml"
    both.write_text(PLANS[0].read_text(encoding="utf-8") + "dualladder-company: 1\n",
                    encoding="utf-8")
    (doc,) = collect([both])
    assert isinstance(doc, Document) and doc.kind == "plan"
    result = dualladder.read(both)  # read as a ladder, it says what it is: a plan
    assert result.ladder is None
    (said,) = [f for f in result.findings if f.code == "DL002"]
    assert said.message.startswith("this is a career plan") and said.loc == ("dualladder-plan",)
