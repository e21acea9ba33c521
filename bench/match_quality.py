"""Measure the matching engine's ranking quality on a labelled bilingual benchmark.

Usage: .venv/bin/python bench/match_quality.py [--worst 5] [--per-job] [--diagnose] [--data DIR]

Data: bench/data/quality.json (exchange format) and quality_labels.json ({job: {candidate:
grade 0..3}}, missing = 0), made by bench/make_quality_data.py from each candidate's hidden truth,
never from the engine. Labels grade the *skills and occupation* fit; the hard requirements
(French and English minimums, work authorisation when required) are checked here, on their own:
an ineligible candidate counts as grade 0 for the metrics of every method.

Methods: the engine (CandidatePool built once, pool.rank(job) per job); baseline 1, rapidfuzz
token_set_ratio between folded texts; baseline 2, Okapi BM25 (k1=1.5, b=0.75) over folded tokens.
Each baseline is also shown with the hard requirements applied as a filter (eligible first).

Metrics, averaged over jobs: NDCG@10 (gain 2^g - 1), MRR of the first candidate of grade >= 2,
recall of the grade-3 candidates within the top 50.
"""

import argparse
import json
import math
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from app.matching.exchange import candidate_from_exchange, job_from_exchange  # noqa: E402
from app.matching.normalise import (  # noqa: E402
    FUZZY_CUTOFF,
    default_vocabulary,
    normalise_text,
)
from app.matching.score import CandidatePool  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
AUTHORISED = {"citizen", "permanent_resident", "open_work_permit", "employer_specific_work_permit"}
MRR_GRADE = 2
RECALL_AT = 50
NDCG_AT = 10
TARGET_NDCG = 0.90
TARGET_MARGIN = 0.20


# ---------------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """Lower-case and strip accents (rapidfuzz does not fold them)."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[str]:
    return re.findall(r"[0-9a-z+#]+", fold(text))


def eligible(job: dict, cand: dict) -> bool:
    """The hard requirements, checked independently of the engine."""
    if (cand.get("french_level") or 0) < (job.get("french_level_min") or 0):
        return False
    if (cand.get("english_level") or 0) < (job.get("english_level_min") or 0):
        return False
    if job.get("work_permit_required", True) is not False:
        return cand.get("work_status") in AUTHORISED
    return True


def job_text(job: dict) -> str:
    return " ".join([job["title"], *job["skills_required"], *job["skills_nice"]])


def candidate_text(cand: dict) -> str:
    return " ".join([*cand["desired_titles"], *cand["skills"], cand.get("summary") or ""])


def order_by(scores: np.ndarray) -> list[int]:
    """Indices by descending score, ties by input order."""
    return list(np.lexsort((np.arange(len(scores)), -scores)))


def eligible_first(order: list[int], ok: list[bool]) -> list[int]:
    return [i for i in order if ok[i]] + [i for i in order if not ok[i]]


# ---------------------------------------------------------------------------------- metrics


def ndcg(grades: list[int], ideal: list[int], k: int = NDCG_AT) -> float:
    def dcg(gs):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gs[:k]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades) / best if best else 0.0


def reciprocal_rank(grades: list[int], threshold: int = MRR_GRADE) -> float:
    for i, g in enumerate(grades):
        if g >= threshold:
            return 1.0 / (i + 1)
    return 0.0


def recall(grades: list[int], total: int, k: int = RECALL_AT, grade: int = 3) -> float:
    return sum(1 for g in grades[:k] if g == grade) / total if total else 1.0


# ---------------------------------------------------------------------------------- methods


class BM25:
    """Okapi BM25 over folded tokens."""

    def __init__(self, docs: list[list[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.tf = [Counter(d) for d in docs]
        self.len = np.array([len(d) for d in docs], dtype=np.float64)
        self.avg = float(self.len.mean()) if docs else 0.0
        df = Counter(t for d in self.tf for t in d)
        n = len(docs)
        self.idf = {t: math.log((n - f + 0.5) / (f + 0.5) + 1) for t, f in df.items()}

    def scores(self, query: list[str]) -> np.ndarray:
        norm = self.k1 * (1 - self.b + self.b * self.len / self.avg)
        out = np.zeros(len(self.tf))
        for term in set(query):
            idf = self.idf.get(term)
            if idf is None:
                continue
            tf = np.array([d.get(term, 0) for d in self.tf], dtype=np.float64)
            out += idf * tf * (self.k1 + 1) / (tf + norm)
        return out


def rank_engine(jobs, cands):
    """Return ({job_id: [candidate index...]}, {job_id: [Match...]}, build time, rank time)."""
    t0 = time.perf_counter()
    pool = CandidatePool([candidate_from_exchange(c) for c in cands], default_vocabulary())
    t1 = time.perf_counter()
    orders, matches = {}, {}
    for job in jobs:
        ranked = pool.rank(job_from_exchange(job))
        orders[job["id"]] = [m.index for m in ranked]
        matches[job["id"]] = ranked
    return orders, matches, t1 - t0, time.perf_counter() - t1


def rank_fuzz(jobs, cands):
    sims = process.cdist(
        [job_text(j) for j in jobs],
        [candidate_text(c) for c in cands],
        scorer=fuzz.token_set_ratio,
        processor=fold,
        workers=-1,
    )
    return {j["id"]: order_by(sims[i]) for i, j in enumerate(jobs)}


def rank_bm25(jobs, cands):
    index = BM25([tokens(candidate_text(c)) for c in cands])
    return {j["id"]: order_by(index.scores(tokens(job_text(j)))) for j in jobs}


# ---------------------------------------------------------------------------------- report


def evaluate(order, effective, n3):
    grades = [effective[i] for i in order]
    return (
        ndcg(grades, effective),
        reciprocal_rank(grades),
        recall(grades, n3),
    )


def describe(cand: dict, meta: dict, width: int = 150) -> str:
    m = meta.get(cand["id"], {})
    text = (
        f"[{m.get('occupation', '?')} {m.get('kind', '?')}@{m.get('made_for') or '-'}] "
        f"titles={cand['desired_titles']} noc={cand['noc']} skills={cand['skills']}"
    )
    return text if len(text) <= width else text[: width - 1] + "…"


def diagnose(document: dict, meta: dict, top: int = 25) -> None:
    """Print the written forms the vocabulary gets wrong, from the benchmark's hidden truth.

    A candidate string and a job skill of the same true concept should match: same vocabulary
    concept, or (when either is unknown) a fuzzy ratio above the engine's cutoff. Strings of
    another concept should not. Desired titles should map to the candidate's true NOC code.
    """
    vocab = default_vocabulary()
    truth, jobs_truth = meta["candidates"], meta["jobs"]

    def same(a: str, b: str) -> bool:
        ca, cb = vocab.skill_concept(a), vocab.skill_concept(b)
        if ca is not None and cb is not None:
            return ca == cb
        return fuzz.ratio(normalise_text(a), normalise_text(b)) >= FUZZY_CUTOFF

    misses, false_credits, pairs, credited = Counter(), Counter(), 0, 0
    for job in document["jobs"]:
        required = jobs_truth[job["id"]]["required"]
        for cand in document["candidates"]:
            written = list(zip(cand["skills"], truth[cand["id"]]["skill_concepts"], strict=True))
            for job_skill, concept in zip(job["skills_required"], required, strict=True):
                for text, true_concept in written:
                    if true_concept == concept:
                        pairs += 1
                        if same(job_skill, text):
                            credited += 1
                        else:
                            misses[(job_skill, text)] += 1
                    elif same(job_skill, text):
                        false_credits[(job_skill, text, true_concept)] += 1
    print(f"\nRequired skills credited (same true concept): {credited}/{pairs}")
    print("Most frequent misses (job skill <- candidate wrote):")
    for (a, b), n in misses.most_common(top):
        print(f"  {n:>3}  {a!r} <- {b!r}")
    print("False credits (job skill <- candidate wrote, true concept):")
    for (a, b, c), n in false_credits.most_common(top):
        print(f"  {n:>3}  {a!r} <- {b!r} ({c})")
    nocs = meta.get("occupations", {})
    wrong, titles = Counter(), 0
    for cand in document["candidates"]:
        noc = nocs.get(truth[cand["id"]]["occupation"])
        for title in cand["desired_titles"] if noc else []:
            titles += 1
            got = vocab.occupation_for_title(title)
            if got != noc:
                wrong[(title, noc, got)] += 1
    print(f"Desired titles not mapped to the true NOC: {sum(wrong.values())}/{titles}")
    for (title, noc, got), n in wrong.most_common(top):
        print(f"  {n:>3}  {title!r}: true {noc}, got {got}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--worst", type=int, default=5, help="jobs to analyse (0: none)")
    parser.add_argument("--per-job", action="store_true", help="print NDCG@10 per job")
    parser.add_argument(
        "--diagnose", action="store_true", help="list skill and title forms the vocabulary misses"
    )
    args = parser.parse_args()

    start = time.perf_counter()
    document = json.loads((args.data / "quality.json").read_text(encoding="utf-8"))
    labels = json.loads((args.data / "quality_labels.json").read_text(encoding="utf-8"))
    meta_path = args.data / "quality_meta.json"
    full_meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    meta = full_meta.get("candidates", {})
    jobs, cands = document["jobs"], document["candidates"]
    ids = [c["id"] for c in cands]

    ok = {j["id"]: [eligible(j, c) for c in cands] for j in jobs}
    effective = {
        j["id"]: [
            labels.get(j["id"], {}).get(cid, 0) if ok[j["id"]][i] else 0
            for i, cid in enumerate(ids)
        ]
        for j in jobs
    }
    n3 = {jid: sum(1 for g in gs if g == 3) for jid, gs in effective.items()}

    engine, matches, t_build, t_rank = rank_engine(jobs, cands)
    t_base = time.perf_counter()
    fz = rank_fuzz(jobs, cands)
    bm = rank_bm25(jobs, cands)
    t_base = time.perf_counter() - t_base
    methods = {
        "engine": engine,
        "fuzz token_set": fz,
        "BM25": bm,
        "fuzz + hard filter": {jid: eligible_first(o, ok[jid]) for jid, o in fz.items()},
        "BM25 + hard filter": {jid: eligible_first(o, ok[jid]) for jid, o in bm.items()},
    }
    results = {
        name: {j["id"]: evaluate(orders[j["id"]], effective[j["id"]], n3[j["id"]]) for j in jobs}
        for name, orders in methods.items()
    }
    means = {
        name: tuple(float(np.mean([r[k] for r in per_job.values()])) for k in range(3))
        for name, per_job in results.items()
    }

    total_grades = Counter(g for lab in labels.values() for g in lab.values())
    print(
        f"Benchmark: {len(jobs)} jobs, {len(cands)} candidates, labelled pairs "
        f"g3={total_grades[3]} g2={total_grades[2]} g1={total_grades[1]}; "
        f"eligible grade-3 per job: {min(n3.values())}..{max(n3.values())}"
    )
    print(f"Vocabulary: {len(default_vocabulary().skills)} skills")
    print("Ineligible candidates (own check of the hard requirements) count as grade 0.\n")
    header = f"{'method':<22}{'NDCG@10':>9}{'MRR(g>=2)':>11}{'R@50(g3)':>10}"
    print(header)
    print("-" * len(header))
    for name, (nd, mrr, rec) in means.items():
        print(f"{name:<22}{nd:>9.3f}{mrr:>11.3f}{rec:>10.3f}")

    # Engine-only checks.
    violations, disagreements = 0, 0
    for job in jobs:
        flags = [ok[job["id"]][i] for i in engine[job["id"]]]
        if False in flags and True in flags[flags.index(False) :]:
            violations += 1
        disagreements += sum(1 for m in matches[job["id"]] if m.eligible != ok[job["id"]][m.index])
    engine_ndcg = means["engine"][0]
    raw = {k: means[k][0] for k in ("fuzz token_set", "BM25")}
    filtered = {k: means[k][0] for k in ("fuzz + hard filter", "BM25 + hard filter")}
    best_raw, best_filtered = max(raw, key=raw.get), max(filtered, key=filtered.get)
    margin = engine_ndcg - raw[best_raw]
    print()
    print(f"Jobs with an ineligible candidate above an eligible one (engine): {violations}")
    print(f"Engine 'eligible' flags disagreeing with the benchmark's check: {disagreements}")
    print(f"Engine NDCG@10 - best baseline ({best_raw}): {margin:+.3f}")
    print(
        f"Engine NDCG@10 - best baseline given the hard filter ({best_filtered}): "
        f"{engine_ndcg - filtered[best_filtered]:+.3f}"
    )
    verdict = engine_ndcg >= TARGET_NDCG and margin >= TARGET_MARGIN and violations == 0
    print(
        f"Targets (NDCG@10 >= {TARGET_NDCG}, >= {TARGET_MARGIN} above the best baseline, "
        f"0 violations): {'MET' if verdict else 'MISSED'}"
    )
    print(
        f"Time: engine pool {t_build:.2f} s + ranking {t_rank:.2f} s for {len(jobs)} jobs; "
        f"baselines {t_base:.2f} s; total {time.perf_counter() - start:.2f} s"
    )

    if args.per_job:
        print("\nNDCG@10 per job:")
        print(f"{'job':<20}" + "".join(f"{n[:12]:>14}" for n in methods))
        for job in jobs:
            row = "".join(f"{results[n][job['id']][0]:>14.3f}" for n in methods)
            print(f"{job['id']:<20}{row}")

    if args.worst:
        by_id = {j["id"]: j for j in jobs}
        worst = sorted(jobs, key=lambda j: results["engine"][j["id"]][0])[: args.worst]
        print(f"\nThe engine's {args.worst} worst jobs (grade shown is after the hard check):")
        for job in worst:
            jid = job["id"]
            nd, mrr, rec = results["engine"][jid]
            print(
                f"\n{jid} '{by_id[jid]['title']}' noc={job['noc']} NDCG@10={nd:.3f} "
                f"MRR={mrr:.2f} R@50={rec:.2f}\n  required={job['skills_required']}"
            )
            ranked = matches[jid]
            position = {m.index: r for r, m in enumerate(ranked, start=1)}
            for r, m in enumerate(ranked[:5], start=1):
                g = effective[jid][m.index]
                print(f"  #{r:<3} g={g} s={m.score:<3} {m.components} ")
                print(f"       {describe(cands[m.index], meta)}")
            missed = [i for i, g in enumerate(effective[jid]) if g == 3 and position[i] > NDCG_AT]
            for i in sorted(missed, key=position.get)[:3]:
                m = ranked[position[i] - 1]
                print(f"  missed g=3 at #{position[i]} s={m.score} {m.components}")
                print(f"       {describe(cands[i], meta)}")

    if args.diagnose and full_meta:
        diagnose(document, full_meta)


if __name__ == "__main__":
    main()
