"""Reads of the 360 assessment, each within the caller's data scope.

Who sees what:
- a cycle: anyone of its agency (its name, dates and settings);
- one's inbox (forms one rates) and one's own list of raters;
- the lists to approve: the employee's superior in the cycle's snapshot, and HR;
- an employee's results: the employee, their superior in the snapshot, the heads of units above the
  employee's snapshot unit, and HR of the agency; no one of another agency;
- unit scores (heatmap): HR, and heads for their subtrees; the tracker (counts only): HR;
- NIPs in the nominee search: HR only.

Anonymity: no selector returns a rater next to answers. A report is built from stored ``Score`` rows
(visible groups only) and from comments of visible groups, ordered by their text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404

from berakhlak.accounts.scope import Scope
from berakhlak.analytics.feedback360 import OVERALL
from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.feedback360 import keys, rules
from berakhlak.feedback360.models import (
    Assignment,
    AssignmentStatus,
    Cycle,
    CycleStatus,
    Draft,
    Group,
    Item,
    NominationState,
    Participant,
    Score,
    Sheet,
    SheetComment,
    Spent,
    UnitScore,
)
from berakhlak.framework.models import CoreValue
from berakhlak.lib.anonymity import unseal
from berakhlak.org.models import Employee, Unit


def cycles_for(*, scope: Scope):
    return Cycle.objects.filter(scope.agencies_q("agency__")).select_related("agency").order_by("-year", "code")


def cycle_get(*, scope: Scope, pk: int) -> Cycle:
    cycle = cycles_for(scope=scope).filter(pk=pk).first()
    if cycle is None:
        raise Http404
    return cycle


def is_hr(scope: Scope, cycle: Cycle) -> bool:
    return scope.platform_admin or cycle.agency_id in scope.hr_agency_ids


# --- the employee's own pages ------------------------------------------------------------------------


def inbox(*, scope: Scope, cycle: Cycle | None = None) -> list[Assignment]:
    """The forms the user rates in running cycles (open, sent or declined; not those awaiting approval),
    each with its state computed here with the secret: ``form_key`` (the form's URL), ``sent``,
    ``has_draft`` and ``state`` (``OPEN``, ``SENT`` or ``DECLINED``). Whether an anonymous form was sent
    is known only through its spent key: the assignment never records it."""
    if scope.employee_id is None:
        return []
    qs = Assignment.objects.filter(rater_id=scope.employee_id, cycle__status=CycleStatus.OPEN).exclude(
        status=AssignmentStatus.NOMINATED)
    if cycle is not None:
        qs = qs.filter(cycle=cycle)
    forms = list(qs.select_related("cycle", "ratee", "ratee__unit").order_by("cycle", "relationship", "ratee__name"))
    if not forms:
        return []
    k = {a.pk: keys.keys_of(a) for a in forms}
    spent = set(Spent.objects.filter(key__in=[x.spent for x in k.values()]).values_list("key", flat=True))
    drafts = set(Draft.objects.filter(key__in=[x.draft for x in k.values()]).values_list("key", flat=True))
    for a in forms:
        a.form_key = k[a.pk].form
        a.sent = a.status == AssignmentStatus.SUBMITTED or (
            a.status == AssignmentStatus.OPEN and k[a.pk].spent in spent)
        a.has_draft = not a.sent and k[a.pk].draft in drafts
        a.state = "DECLINED" if a.status == AssignmentStatus.DECLINED else "SENT" if a.sent else "OPEN"
    order = {"OPEN": 0, "SENT": 1, "DECLINED": 2}
    forms.sort(key=lambda a: (a.cycle_id, order[a.state]))
    return forms


def form_get(*, scope: Scope, key: str) -> Assignment:
    """One of the user's own forms by its form key (404 for anyone else's, and for a key that is not one
    of the user's forms: the key is resolved only among the signed-in rater's own assignments)."""
    for a in inbox(scope=scope):
        if keys.is_form_key(key, a.cycle_id, a.pk):
            return a
    raise Http404


def participant_get(*, scope: Scope, cycle: Cycle, employee_id: int) -> Participant:
    """A participant whose list or results the user may see (themselves, their superior, heads above,
    HR); 404 otherwise."""
    p = (Participant.objects.filter(cycle=cycle, employee_id=employee_id)
         .select_related("employee", "employee__position", "unit", "superior", "cycle", "cycle__agency").first())
    if p is None or not may_see(scope, p):
        raise Http404
    return p


def may_see(scope: Scope, p: Participant) -> bool:
    if is_hr(scope, p.cycle):
        return True
    if scope.employee_id is not None and scope.employee_id in (p.employee_id, p.superior_id):
        return True
    return any(p.unit.path.startswith(path) for path in scope.head_paths)


@dataclass
class ListView:
    """A participant's list of raters as the employee and approver see it: names (they chose them),
    relationship and whether declined (with the reason); never who has sent a form."""

    participant: Participant
    by_relationship: dict[str, list[Assignment]]
    submitted: dict[str, int]  # relationship -> forms sent (counts only)
    quotas: dict[str, int]


def rater_list(*, participant: Participant) -> ListView:
    rows = list(Assignment.objects.filter(cycle=participant.cycle, ratee_id=participant.employee_id)
                .select_related("rater", "rater__unit").order_by("relationship", "rater__name"))
    by_rel: dict[str, list[Assignment]] = {r: [] for r in rules.RELATIONSHIPS}
    for a in rows:
        by_rel[a.relationship].append(a)
    # counts of sheets about the employee, per relationship: what the database holds anyway
    submitted = dict(Sheet.objects.filter(cycle=participant.cycle, ratee_id=participant.employee_id)
                     .values("relationship").annotate(n=Count("id")).values_list("relationship", "n"))
    return ListView(participant, by_rel, submitted, participant.cycle.quotas)


def to_approve(*, scope: Scope, cycle: Cycle):
    """Participants whose list the user approves: their direct reports in the snapshot (HR: everyone
    whose list waits)."""
    qs = Participant.objects.filter(cycle=cycle).select_related("employee", "unit")
    if is_hr(scope, cycle):
        return qs.filter(nomination=NominationState.SUBMITTED).order_by("employee__name")
    if scope.employee_id is None:
        return qs.none()
    return qs.filter(superior_id=scope.employee_id).order_by("nomination", "employee__name")


def candidates(*, scope: Scope, cycle: Cycle, query: str, limit: int = 20):
    """Participants of the cycle whose name matches ``query`` (to nominate a rater); HR may also search
    by NIP. Whoever else searches sees names and units only: a NIP encodes a birth date and sex, so
    neither is shown nor searched for them (a NIP prefix would find everyone born on a day)."""
    query = query.strip()
    if len(query) < 3:
        return Employee.objects.none()
    ids = Participant.objects.filter(cycle=cycle).values("employee_id")
    match = Q(name__icontains=query)
    if is_hr(scope, cycle):
        match |= Q(nip__startswith=query)
    return Employee.objects.filter(pk__in=ids).filter(match).select_related("unit").order_by("name")[:limit]


def items_of(cycle: Cycle) -> list[Item]:
    return list(Item.objects.filter(cycle=cycle).prefetch_related("anchors").order_by("order"))


def value_names(cycle: Cycle) -> dict[str, str]:
    return {v.code: v.localized("name") for v in CoreValue.objects.filter(version_id=cycle.framework_version_id)}


def draft_of(assignment: Assignment) -> dict | None:
    """The saved draft of one of the user's own forms (from ``form_get``/``inbox``), decrypted with its
    form key; ``None`` when there is none."""
    k = keys.keys_of(assignment)
    return unseal(k.form, Draft.objects.filter(key=k.draft).values_list("blob", flat=True).first())


# --- results -----------------------------------------------------------------------------------------


@dataclass
class Line:
    code: str
    label: str
    score: float | None = None  # weighted, others than self
    self_score: float | None = None
    by_group: dict[str, float | None] = field(default_factory=dict)
    spread: float | None = None
    raters: int = 0
    distribution: list[int] | None = None  # answers per level 1..5 (behaviours)

    @property
    def gap(self) -> float | None:
        """Self minus others (positive: one sees oneself better than others do)."""
        if self.score is None or self.self_score is None:
            return None
        return self.self_score - self.score


@dataclass
class Report:
    cycle: Cycle
    participant: Participant
    grouping: rules.Grouping
    shown_groups: list[str]  # visible groups other than self, in report order
    overall: Line
    values: list[Line]
    behaviours: list[Line]
    ranking: dict[str, list[tuple[str, float]]]
    comments: dict[str, list[tuple[str, str]]]  # value -> [(group code, text)]
    suggestion: str | None
    computed: bool

    @property
    def employee(self) -> Employee:
        return self.participant.employee


def _grouping(cycle: Cycle, employee_id: int) -> rules.Grouping:
    counts = dict(Sheet.objects.filter(cycle=cycle, ratee_id=employee_id).values("relationship")
                  .annotate(n=Count("id")).values_list("relationship", "n"))
    return rules.group_raters(counts, cycle.weights, cycle.min_raters)


def report(*, scope: Scope, cycle: Cycle, employee_id: int) -> Report:
    """The personal report of one employee (404 outside the caller's scope)."""
    participant = participant_get(scope=scope, cycle=cycle, employee_id=employee_id)
    grouping = _grouping(cycle, employee_id)
    rows = Score.objects.filter(cycle=cycle, employee_id=employee_id)
    table: dict[str, dict[str, Score]] = defaultdict(dict)
    for s in rows:
        table[s.code][s.grp] = s
    names = value_names(cycle)
    texts = {i.code: (i.text_en if i.text_en and _english() else i.text_id) for i in Item.objects.filter(cycle=cycle)}
    shown = [g for g in rules.GROUPS if g != rules.SELF and g in grouping.visible]

    def line(code: str, label: str) -> Line:
        by = table.get(code, {})
        everyone = by.get(rules.ALL)
        dist = None
        if everyone is not None and everyone.d1 is not None:
            dist = [everyone.d1, everyone.d2, everyone.d3, everyone.d4, everyone.d5]
        return Line(code=code, label=label, score=everyone.mean if everyone else None,
                    self_score=by[rules.SELF].mean if rules.SELF in by else None,
                    by_group={g: (by[g].mean if g in by else None) for g in shown},
                    spread=everyone.sd if everyone else None, raters=everyone.raters if everyone else 0,
                    distribution=dist)

    values = [line(v, names.get(v, v)) for v in VALUE_CODES]
    behaviours = [line(c, texts.get(c, c)) for c in BEHAVIOUR_CODES]
    overall = line(OVERALL, "")
    ranking = rules.rank({b.code: b.score for b in behaviours})
    suggestion = rules.suggest_rating(overall.score, {v.code: v.score for v in values}, cycle.suggestion_rule)
    return Report(cycle=cycle, participant=participant, grouping=grouping, shown_groups=shown, overall=overall,
                  values=values, behaviours=behaviours, ranking=ranking,
                  comments=_comments(cycle, employee_id, grouping), suggestion=suggestion,
                  computed=cycle.computed_at is not None and bool(rows))


def _english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "id")[:2] == "en"


def _comments(cycle: Cycle, employee_id: int, grouping: rules.Grouping) -> dict[str, list[tuple[str, str]]]:
    """Comments per value from visible groups only, labelled by group (the superior's is named as the
    superior's), in text order within a group: nothing about who wrote which or when."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for rel, value, text in (SheetComment.objects.filter(sheet__cycle=cycle, sheet__ratee_id=employee_id)
                             .values_list("sheet__relationship", "value_code", "text")):
        group = grouping.group_of.get(rel)
        if group is None or not rules.comments_shown(group, grouping):
            continue
        out[value][group].append(text)
    result = {}
    for value in VALUE_CODES:
        if value in out:
            result[value] = [(g, t) for g in rules.GROUPS if g in out[value]
                             for t in rules.order_comments(out[value][g])]
    return result


def group_labels() -> dict[str, str]:
    return {k: str(v) for k, v in Group.choices}


def team_results(*, scope: Scope, cycle: Cycle, limit: int = 500):
    """Participants whose report the user may open, with their weighted overall score (HR: everyone of
    the agency; heads: their subtrees; a superior: their direct reports)."""
    qs = Participant.objects.filter(cycle=cycle).select_related("employee", "unit")
    if not is_hr(scope, cycle):
        q = Q(superior_id=scope.employee_id) if scope.employee_id else Q(pk__in=[])
        for path in scope.head_paths:
            q |= Q(unit__path__startswith=path)
        qs = qs.filter(q).exclude(employee_id=scope.employee_id)
    score = Subquery(Score.objects.filter(cycle=cycle, employee_id=OuterRef("employee_id"), grp=rules.ALL,
                                          code=OVERALL).values("mean")[:1])
    return qs.annotate(score=score).order_by("unit__path", "employee__name")[:limit]


# --- leaders and HR --------------------------------------------------------------------------------------


def led_units(*, scope: Scope, cycle: Cycle):
    """The units whose heatmap the user may open: HR the agency's root; heads their headed units."""
    qs = Unit.objects.filter(agency_id=cycle.agency_id)
    if is_hr(scope, cycle):
        return qs.filter(parent__isnull=True)
    return qs.filter(path__in=scope.head_paths)


def unit_in_scope(*, scope: Scope, cycle: Cycle, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id, agency_id=cycle.agency_id).first()
    if unit is None or not (is_hr(scope, cycle) or any(unit.path.startswith(p) for p in scope.head_paths)):
        raise Http404
    return unit


@dataclass
class HeatRow:
    unit: Unit
    employees: int
    suppressed: bool
    cells: dict[str, float | None]  # value code / OVERALL -> mean weighted score
    self_cells: dict[str, float | None]


def heatmap(*, scope: Scope, cycle: Cycle, unit: Unit) -> list[HeatRow]:
    """The unit itself and each sub-unit (with its subtree) × the 7 values and overall: the mean of the
    employees' weighted scores, suppressed where the stored run says so. Two queries."""
    units = [unit, *Unit.objects.filter(parent=unit).order_by("code")]
    stored = defaultdict(dict)
    for s in UnitScore.objects.filter(cycle=cycle, unit__in=units):
        stored[s.unit_id][s.code] = s
    rows = []
    for u in units:
        cells = stored.get(u.pk, {})
        any_row = next(iter(cells.values()), None)
        suppressed = any_row is None or any_row.suppressed
        rows.append(HeatRow(unit=u, employees=any_row.employees if any_row else 0, suppressed=suppressed,
                            cells={c: (None if suppressed or c not in cells else cells[c].mean)
                                   for c in (*VALUE_CODES, OVERALL)},
                            self_cells={c: (None if suppressed or c not in cells else cells[c].self_mean)
                                        for c in (*VALUE_CODES, OVERALL)}))
    return rows


@dataclass
class Progress:
    """HR's tracker: counts only. ``forms``: forms to fill (approved lists, not declined and declined
    counted apart); ``sent``: sheets received; per first-level unit of the *rated* employees."""

    participants: int
    nominations: dict[str, int]
    forms: int
    sent: int
    declined: int
    units: list[dict]

    @property
    def open(self) -> int:
        return self.forms - self.sent

    @property
    def rate(self) -> float | None:
        return 100.0 * self.sent / self.forms if self.forms else None


def tracker(*, scope: Scope, cycle: Cycle) -> Progress:
    """HR's completion tracker: lists by state, forms to fill, sent (the sheets) and declined, and the same
    per first-level unit (with its subtree) of the employees rated. Counts only: no list of who still has
    forms open, and nothing per rater (who has sent is not in the database; the reminders compute it with
    the secret). A handful of queries whatever the size."""
    if not is_hr(scope, cycle):
        raise Http404
    nominations = dict(Participant.objects.filter(cycle=cycle).values("nomination").annotate(n=Count("id"))
                       .values_list("nomination", "n"))
    root = Unit.objects.filter(agency_id=cycle.agency_id, parent__isnull=True).first()
    tops = [root, *Unit.objects.filter(parent=root).order_by("code")] if root else []
    per_unit = defaultdict(lambda: defaultdict(int))
    forms = (Assignment.objects.filter(cycle=cycle).exclude(status=AssignmentStatus.NOMINATED)
             .values("status", "ratee__unit__path").annotate(n=Count("id")))
    sheets = Sheet.objects.filter(cycle=cycle).values("ratee__unit__path").annotate(n=Count("id"))
    totals = defaultdict(int)
    for rows, what in ((forms, None), (sheets, "sent")):
        for r in rows:
            kind = what or ("declined" if r["status"] == AssignmentStatus.DECLINED else "forms")
            totals[kind] += r["n"]
            for u in tops:
                if r["ratee__unit__path"].startswith(u.path):
                    per_unit[u.pk][kind] += r["n"]
    units = []
    for u in tops:
        c = per_unit[u.pk]
        units.append({"unit": u, "open": c["forms"] - c["sent"], "submitted": c["sent"], "declined": c["declined"],
                      "rate": 100.0 * c["sent"] / c["forms"] if c["forms"] else None})
    return Progress(participants=sum(nominations.values()), nominations=nominations, forms=totals["forms"],
                    sent=totals["sent"], declined=totals["declined"], units=units)


# --- the SKP link -----------------------------------------------------------------------------------------


@dataclass
class SkpEvidence:
    cycle: Cycle
    overall: float | None
    values: dict[str, float | None]
    suggestion: str | None
    raters: int


def skp_evidence(*, employee_id: int, agency_id: int, year: int) -> SkpEvidence | None:
    """The 360 result offered beside the SKP rating of perilaku kerja: the latest computed cycle of the
    agency for that SKP year, the weighted scores, and the suggested rating by the cycle's rule. The
    caller has already been allowed to rate the SKP."""
    cycle = (Cycle.objects.filter(agency_id=agency_id, year=year, status=CycleStatus.CLOSED,
                                  computed_at__isnull=False).order_by("-computed_at").first())
    if cycle is None:
        return None
    rows = dict(Score.objects.filter(cycle=cycle, employee_id=employee_id, grp=rules.ALL,
                                     code__in=[*VALUE_CODES, OVERALL]).values_list("code", "mean"))
    if OVERALL not in rows:
        return SkpEvidence(cycle=cycle, overall=None, values={}, suggestion=None, raters=0)
    values = {v: rows.get(v) for v in VALUE_CODES}
    raters = Score.objects.filter(cycle=cycle, employee_id=employee_id, grp=rules.ALL, code=OVERALL).values_list(
        "raters", flat=True).first() or 0
    return SkpEvidence(cycle=cycle, overall=rows[OVERALL], values=values,
                       suggestion=rules.suggest_rating(rows[OVERALL], values, cycle.suggestion_rule), raters=raters)



def report_document(report: Report) -> dict:
    """The report as plain data: the ``berakhlak 360 show --format json`` document (docs/formats.md).
    Scores are rounded half-up to 2 decimals (``rules.display``); groups are those shown."""
    d = rules.display

    def entry(line: Line, behaviour: bool = False) -> dict:
        out = {"score": d(line.score), "self": d(line.self_score),
               "groups": {g: d(line.by_group.get(g)) for g in report.shown_groups},
               "spread": d(line.spread), "raters": line.raters}
        if behaviour:
            out["distribution"] = line.distribution
        return out

    p = report.participant
    return {
        "cycle": report.cycle.code, "agency": report.cycle.agency.code, "employee": p.employee.nip,
        "name": p.employee.name, "unit": p.unit.code, "scale": list(rules.SCALE),
        "min_raters": report.cycle.min_raters, "weights": report.cycle.weights,
        "raters": dict(report.grouping.raters), "visible": [g for g in rules.GROUPS if g in report.grouping.visible],
        "hidden_raters": report.grouping.hidden_raters,
        "overall": {k: v for k, v in entry(report.overall).items() if k != "spread"},
        "values": {v.code: entry(v) for v in report.values},
        "behaviours": {b.code: entry(b, behaviour=True) for b in report.behaviours},
        "strongest": [code for code, _ in report.ranking["strongest"]],
        "weakest": [code for code, _ in report.ranking["weakest"]],
        "suggestion": report.suggestion,
        "comments": {v: [{"group": g, "text": t} for g, t in rows] for v, rows in report.comments.items()},
    }
