"""Readable reasons for a match: codes and parameters, rendered in the viewer's language."""

from datetime import date

import numpy as np
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.matching.normalise import Term, read_data_csv
from app.matching.score import (
    ANYWHERE,
    AUTHORISED_STATUSES,
    EDUCATION_RANK,
    CandidatePool,
    JobSpec,
    Match,
    _candidate_codes,
    permit_case,
)
from app.text import fold

MAX_LISTED = 6
_REGULATED: dict[str, dict] | None = None


def _day(text: str) -> str:
    """A day stored as YYYY-MM-DD in a reason, as people read it ("15 janvier 2027")."""
    from datetime import date

    from app.i18n import long_date

    try:
        return long_date(date.fromisoformat(text))
    except (TypeError, ValueError):
        return text


def regulated_order(noc: str) -> dict | None:
    """The professional order regulating an occupation ({'fr': ..., 'en': ...}), or None."""
    global _REGULATED
    if _REGULATED is None:
        _REGULATED = {
            r["noc"]: {"fr": r["order_fr"], "en": r["order_en"]}
            for r in read_data_csv("regulated_occupations.csv")
        }
    return _REGULATED.get(noc or "")


def _label(pool: CandidatePool, term: Term) -> dict[str, str]:
    """A skill's name in both languages (the vocabulary's labels when the concept is known)."""
    if term.concept is None:
        return {"fr": term.text, "en": term.text}
    skill = pool.vocab.skills[term.concept]
    return {"fr": skill.label_fr, "en": skill.label_en}


def explain(pool: CandidatePool, job: JobSpec, match: Match) -> list[dict]:
    """Return the reasons behind one match as {'code': ..., 'params': {...}} dictionaries."""
    return explain_many(pool, job, [match])[0]


def explain_many(pool: CandidatePool, job: JobSpec, matches: list[Match]) -> list[list[dict]]:
    """Return the reasons of many matches of one job, comparing the skills once for all."""
    skills = []
    for written in (job.skills_required, job.skills_nice):
        terms = pool.vocab.terms(written)
        best, best_term = pool.skill_best(terms)
        skills.append(([_label(pool, t) for t in terms], best, best_term))
    return [_reasons(pool, job, m, skills) for m in matches]


def _skills_of(pool, skills, index: int) -> tuple[list[dict], list[dict]]:
    """The job's skills the candidate has (with the word they wrote) and those they lack."""
    labels, best, best_term = skills
    matched = [
        {"skill": labels[j], "word": pool.terms[best_term[j, index]].text}
        for j in range(len(labels))
        if best[j, index] > 0
    ]
    missing = [labels[j] for j in range(len(labels)) if best[j, index] == 0]
    return matched, missing


def _reasons(pool, job: JobSpec, match: Match, skills) -> list[dict]:
    candidate = pool.candidates[match.index]
    reasons: list[dict] = []
    if job.work_permit_required and candidate.work_status not in AUTHORISED_STATUSES:
        reasons.append({"code": "needs_permit", "params": {}})
    elif job.work_permit_required:
        case = permit_case(job, candidate)
        if case == "permit_expired":
            expiry = candidate.permit_expiry.isoformat() if candidate.permit_expiry else ""
            reasons.append({"code": case, "params": {"expiry": expiry}})
        elif case:
            reasons.append({"code": case, "params": {}})
    for lang, need, have in (
        ("fr", job.french_min, candidate.french or 0),
        ("en", job.english_min, candidate.english or 0),
    ):
        if need > have:
            reasons.append(
                {"code": "language_gap", "params": {"language": lang, "need": need, "have": have}}
            )
    level = match.components.get("occupation", 0)
    named = _candidate_codes(candidate, pool.vocab)
    target = int(job.noc) if job.noc and job.noc.isdigit() else -1
    if job.noc in candidate.nocs or level >= 27:
        reasons.append({"code": "occupation_same", "params": {}})
    elif level > 0 and any(code // 1000 == target // 1000 for code in named):
        reasons.append({"code": "occupation_related", "params": {}})
    elif level > 0:
        # No occupation of the candidate is near: a title close to the job's, or its skills.
        reasons.append({"code": "occupation_close", "params": {}})
    matched, missing = _skills_of(pool, skills[0], match.index)
    if matched:
        reasons.append({"code": "skills_matched", "params": {"items": matched[:MAX_LISTED]}})
    if missing:
        reasons.append({"code": "skills_missing", "params": {"items": missing[:MAX_LISTED]}})
    nice, _missing = _skills_of(pool, skills[1], match.index)
    if nice:
        reasons.append({"code": "nice_matched", "params": {"items": nice[:MAX_LISTED]}})
    in_region = ANYWHERE in candidate.regions or job.region in candidate.regions
    # What fits is said where it earned points (without occupational fit, context earns none);
    # what does not fit is always said, since it is something the candidate can change.
    counted = match.components.get
    if not in_region:
        reasons.append({"code": "region_no", "params": {"region": job.region}})
    elif counted("region", 1) > 0:
        reasons.append({"code": "region_yes", "params": {"region": job.region}})
    # Availability (the same rule as the engine's).
    if job.start_date and candidate.available and candidate.available > job.start_date:
        reasons.append(
            {
                "code": "available_late",
                "params": {
                    "available": candidate.available.isoformat(),
                    "start": job.start_date.isoformat(),
                },
            }
        )
    elif counted("availability", 1) > 0:
        reasons.append({"code": "available_yes", "params": {}})
    if job.experience_min and (candidate.experience or 0) < job.experience_min:
        reasons.append(
            {
                "code": "experience_gap",
                "params": {"need": job.experience_min, "have": candidate.experience or 0},
            }
        )
    need = EDUCATION_RANK.get(job.education_min or "", 0)
    have = EDUCATION_RANK.get(candidate.education or "", -1)
    if need > 0 and have < need:
        reasons.append(
            {
                "code": "education_gap",
                "params": {"need": job.education_min, "have": candidate.education or ""},
            }
        )
    order = regulated_order(job.noc)
    if order:
        status = candidate.credential_recognition or "none"
        reasons.append({"code": "regulated", "params": {"order": order, "status": status}})
    return reasons


# The reason that suggests each step, and the step.
_STEPS = {
    "language_gap": "raise_language",
    "skills_missing": "add_skills",
    "region_no": "add_region",
    "permit_expired": "renew_permit",
    "closed_permit_no_support": "new_permit",
    "closed_permit_unknown": "new_permit",
    "regulated": "get_recognition",
}


def improvements(reasons: list[dict]) -> list[dict]:
    """What would raise the candidate's score, derived from the reasons (with the points each
    step adds, `gain`, and `unlocks` when it alone would meet the job's requirements)."""
    out = []
    for reason in reasons:
        code, params = reason["code"], reason["params"]
        step = _STEPS.get(code)
        if step is None or (code == "regulated" and params.get("status") == "recognized"):
            continue
        if step in ("renew_permit", "new_permit"):
            params = {k: v for k, v in params.items() if k in ("gain", "unlocks")}
        out.append({"code": step, "params": params})
    return out


def _counterfactual(candidate, job: JobSpec, reason: dict):
    """The candidate (and job) as they would be once the step a reason suggests is taken."""
    from dataclasses import replace
    from datetime import timedelta

    code, params = reason["code"], reason["params"]
    if code == "language_gap":
        field = "french" if params["language"] == "fr" else "english"
        return replace(candidate, **{field: params["need"]}), job
    if code == "skills_missing":
        added = [item.get("fr") or item.get("en") for item in params["items"]]
        return replace(candidate, skills=[*candidate.written_skills(), *added]), job
    if code == "region_no":
        return replace(candidate, regions=[*candidate.regions, job.region]), job
    if code == "permit_expired":
        start = job.start_date or date.today()
        return replace(candidate, permit_expiry=start + timedelta(days=365)), job
    if code in ("closed_permit_no_support", "closed_permit_unknown"):
        return candidate, replace(job, permit_support="lmia_obtained")
    if code == "regulated" and params.get("status") != "recognized":
        return replace(candidate, credential_recognition="recognized"), job
    return None


def add_gains(pool: CandidatePool, items: list[tuple[JobSpec, Match, list[dict]]]) -> None:
    """Write into each reason that suggests a step the points taking it would add (`gain`),
    measured by scoring the changed profile against the same job; `items`: (job, match,
    reasons) of candidates of `pool`. Every changed profile goes into one pool, scored once per
    job (or job as changed): the same steps recur from job to job, and one small pool scored
    fifty times costs far less than hundreds of pools of one."""
    steps, position, variants = [], {}, []
    for job, match, reasons in items:
        candidate = pool.candidates[match.index]
        for reason in reasons:
            changed = _counterfactual(candidate, job, reason)
            if changed is None:
                continue
            key = repr(changed[0])
            if key not in position:
                position[key] = len(variants)
                variants.append(changed[0])
            steps.append((reason, match, position[key], changed[1]))
    if not steps:
        return
    changed_pool = CandidatePool(variants, pool.vocab)
    scored: dict[str, tuple] = {}
    for reason, match, i, job in steps:
        key = repr(job)
        if key not in scored:
            eligible, points, _ = changed_pool.score(job)
            scored[key] = (eligible, np.rint(points).astype(np.int16))
        eligible, scores = scored[key]
        reason["params"]["gain"] = max(int(scores[i]) - int(match.score), 0)
        if eligible[i] and not match.eligible:
            reason["params"]["unlocks"] = True


def _education(level: str) -> str:
    labels = {
        "none": _("no diploma"),
        "secondary": _("secondary school"),
        "college": _("college diploma"),
        "bachelor": _("bachelor’s degree"),
        "master": _("master’s degree"),
        "doctorate": _("doctorate"),
    }
    return labels.get(level, _("not stated"))


# The criteria a score is made of, in the order a card lists their points.
CRITERIA = {
    "occupation": _l("Occupation"),
    "required_skills": _l("Required skills"),
    "nice_skills": _l("Nice-to-have skills"),
    "region": _l("Region"),
    "experience": _l("Experience"),
    "availability": _l("Availability"),
    "education": _l("Education"),
    "permit": _l("Work permit"),
}


def points(components: dict) -> list[tuple[str, int]]:
    """The points of each criterion of a stored match, labelled in the reader's language; they
    add up to its score (the engine apportions them so)."""
    return [
        (str(label), int(components[key])) for key, label in CRITERIA.items() if key in components
    ]


def _pick(value: dict | str, lang: str) -> str:
    return value.get(lang) or next(iter(value.values()), "") if isinstance(value, dict) else value


def _matched_items(items: list[dict], lang: str) -> str:
    """The skills, each followed by the words the person wrote when they differ from its name."""
    out = []
    for item in items:
        skill = _pick(item["skill"], lang)
        same = fold(item["word"]).strip() == fold(skill).strip()
        out.append(skill if same else _("%(skill)s (“%(word)s”)", skill=skill, word=item["word"]))
    return "; ".join(out)


def render_reason(reason: dict, lang: str, region_names: dict[str, str] | None = None) -> str:
    """Render one reason as a sentence in the current language (lang picks bilingual labels)."""
    code, p = reason["code"], reason["params"]
    region = (region_names or {}).get(p.get("region", ""), p.get("region", ""))
    if code == "needs_permit":
        return _("The job requires a Canadian work permit.")
    if code == "language_gap":
        if p["language"] == "fr":
            return _(
                "French: level %(need)s asked, level %(have)s declared.",
                need=p["need"],
                have=p["have"],
            )
        return _(
            "English: level %(need)s asked, level %(have)s declared.",
            need=p["need"],
            have=p["have"],
        )
    if code == "occupation_same":
        return _("Same occupation as the job.")
    if code == "occupation_close":
        return _("Title or skills close to this occupation.")
    if code == "occupation_related":
        return _("Related occupation.")
    if code == "skills_matched":
        items = _matched_items(p["items"], lang)
        return ngettext(
            "Matched skill: %(items)s", "Matched skills: %(items)s", len(p["items"]), items=items
        )
    if code == "skills_missing":
        items = ", ".join(_pick(i, lang) for i in p["items"])
        return ngettext(
            "Missing skill: %(items)s", "Missing skills: %(items)s", len(p["items"]), items=items
        )
    if code == "nice_matched":
        items = _matched_items(p["items"], lang)
        return ngettext(
            "Nice-to-have skill: %(items)s",
            "Nice-to-have skills: %(items)s",
            len(p["items"]),
            items=items,
        )
    if code == "available_yes":
        return _("Available when the job starts.")
    if code == "available_late":
        return _(
            "Available from %(available)s; the job starts on %(start)s.",
            available=_day(p["available"]),
            start=_day(p["start"]),
        )
    if code == "region_yes":
        return _("Ready to settle in %(region)s.", region=region)
    if code == "region_no":
        return _("%(region)s is not among the preferred regions.", region=region)
    if code == "experience_gap":
        return _(
            "Experience: %(need)s years asked, %(have)s declared.", need=p["need"], have=p["have"]
        )
    if code == "permit_expired":
        return _(
            "The work permit expires on %(expiry)s, before the job starts: it does not "
            "authorise this job.",
            expiry=_day(p.get("expiry", "")),
        )
    if code == "closed_permit_this_employer":
        return _("The employer-specific work permit names this employer.")
    if code == "closed_permit_supported":
        return _(
            "The work permit names another employer: this employer would need to support a new "
            "work permit, and it says it can."
        )
    if code == "closed_permit_no_support":
        return _(
            "The work permit names another employer, and this employer cannot support a new "
            "work permit."
        )
    if code == "closed_permit_unknown":
        return _(
            "The work permit is employer-specific and may not name this employer; the employer "
            "would need to support a new work permit."
        )
    if code == "education_gap":
        return _(
            "Education: %(need)s asked, %(have)s declared.",
            need=_education(p["need"]),
            have=_education(p["have"]),
        )
    if code == "regulated":
        order = _pick(p["order"], lang)
        if p.get("status") == "recognized":
            return _("Regulated occupation (%(order)s): credentials recognised.", order=order)
        if p.get("status") == "in_progress":
            return _(
                "Regulated occupation (%(order)s): credential recognition in progress.",
                order=order,
            )
        return _(
            "Regulated occupation: practising requires recognition of credentials by %(order)s.",
            order=order,
        )
    if code == "renew_permit":
        return _("Renew your work permit so that it is valid when the job starts.")
    if code == "new_permit":
        return _("Ask the employer whether it can support a new work permit for you.")
    if code == "get_recognition":
        return _(
            "Start the recognition of your credentials with %(order)s.",
            order=_pick(p["order"], lang),
        )
    if code == "raise_language":
        language = _("French") if p["language"] == "fr" else _("English")
        return _("Reach level %(need)s in %(language)s.", need=p["need"], language=language)
    if code == "add_skills":
        items = ", ".join(_pick(i, lang) for i in p["items"])
        return _("Add these skills if you have them: %(items)s.", items=items)
    if code == "add_region":
        return _("Add %(region)s to the regions where you would settle.", region=region)
    return code
