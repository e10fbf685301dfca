"""A claim the question puts in the seed's mouth ('the seed says you need an MBA — true?', 'since the article
recommends …'), checked against what the seed's own texts say; not against the graph as a whole."""

from __future__ import annotations

import re
from functools import cache

from rolegraph.ask.answer.base import FUNCTION_WORDS, Answer, hit_text, negated_claim, stems_of, tx_stopwords, tx_words, without_roles
from rolegraph.ask.answer.search import ANSWER_KINDS
from rolegraph.ask.plan import Plan, PlanRole
from rolegraph.ask.retrieve import index
from rolegraph.kb import KnowledgeBase
from rolegraph.provenance import asked_concerns

#: Words that ask ('what does the seed say …'): before the writer, the clause asks what the seed says, it claims nothing
#: ('why does the seed say …' asks the reason of a claim it takes as said).
_ASKING = re.compile(r"\b(what|which|who|whom|whose|how|where|when|whats|hows)\b")
#: Where a claim stops: the question about it ('— true?', ', so …', 'right?').
_CLAIM_END = re.compile(r"\s(?:so|true|right|correct|yeah|yes|or not|is that|is it|isn t it|confirm)\b.*|[,;?!:—–].*| - .*")
#: A claim of what a role is ('a tech pm is no longer a product manager'), not of what it does.
_IDENTITY = re.compile(r"\b(is|are|be|being|isn t|aren t|isnt|arent)\b")
#: Adverbs between the writer and the verb, or hedges in the claim, that claim nothing ('basically', 'really').
_HEDGES = re.compile(r"\b(basically|really|just|essentially|actually|apparently|supposedly|literally|clearly|kind of|sort of)\b")


@cache
def _pattern() -> re.Pattern[str]:
    """'<writer> [adverb] <claim verb> [that] <claim>', from cues.toml's ``[attribution]`` writers and claim verbs."""
    from rolegraph.ask.text import vocabulary

    words = vocabulary()["attribution"]
    writers = "|".join(re.escape(w) for w in sorted(words["writers"], key=len, reverse=True))
    verbs = "|".join(re.escape(v) for v in sorted(words["claims"], key=len, reverse=True))
    return re.compile(rf"\b(?:{writers})(?: s \w+)?(?: \w+ly)? (?:{verbs})\b(?: that)? (?P<claim>.+)")


def seed_claim(q: str) -> str:
    """The claim a question attributes to the seed ('you basically need an mba to become a tech pm'), '' for none: a
    question asking what the seed says ('what does the seed say a tpgm does') attributes nothing."""
    for clause in re.split(r"[,;(]", q):
        m = _pattern().search(clause.strip())
        if m and not _ASKING.search(clause[: m.start()]):
            return _CLAIM_END.sub("", q[q.index(m.group("claim")):]).strip()
    return ""


def check_seed_claim(kb: KnowledgeBase, plan: Plan, ans: Answer, q: str) -> bool:
    """Check a claim the question attributes to the seed against the seed's texts: its ownership rows for a concern
    ('the seed says tech pgms own the what'), else the texts that state the claim: an outside view the seed disagrees
    with, or words no seed text has. Sets a 'No' lead and returns True when the seed does not say it."""
    from rolegraph.resolve import find_roles_in_text

    claim = seed_claim(q)
    if not claim:
        return False
    found = [m[2][0] for m in find_roles_in_text(kb, claim) if len(m[2]) == 1]
    roles = [PlanRole(r.iri, r.label) for r in found] or [r for r in plan.roles if len(plan.roles) == 1]
    concerns = asked_concerns(without_roles(kb, claim))  # 'product' in 'technical product manager' names no concern
    why = (_ownership(kb, ans, roles[0], concerns) if concerns and len(roles) == 1 else _kind_denied(kb, ans, claim, roles)
           or _texts(kb, plan, ans, claim, roles))
    if not why:
        return False
    verdict = f"No: the seed does not say that; {why}"
    if plan.form == "yes-no":
        ans.lead = verdict
    else:
        ans.notes.insert(0, f"Premise not supported: {why}")
        ans.lead = verdict if ans.abstained else f"{verdict} {ans.lead}".strip()  # not "… nothing on that" after it
    ans.abstained = False  # the correction is the answer
    return True


def _kind_denied(kb: KnowledgeBase, ans: Answer, claim: str, roles: list[PlanRole]) -> str:
    """Why the seed does not say that one role is not a kind of the other ('a tech pm is no longer a product manager'):
    the role is recorded as a kind of it; '' when the claim denies no recorded kind."""
    from rolegraph.compare import role_info

    if len(roles) != 2 or not _IDENTITY.search(claim) or not negated_claim(claim):
        return ""
    a, b = roles
    if {str(r["role"]): str(r["kind_of"] or "") for r in role_info(kb, a.iri, b.iri)}.get(a.iri) != b.label:
        return ""
    ans.add(kb, f"The {a.label} is a kind of {b.label}.", [a.iri])
    return f"the {a.label} is recorded as a kind of {b.label}."


def _ownership(kb: KnowledgeBase, ans: Answer, role: PlanRole, concerns: list[str]) -> str:
    """What the seed's ownership rows say of ``role`` and the concerns claimed, when one of them is not the role's there."""
    said = []
    for concern in concerns:
        rows = [r for r in kb.named("concern-owners", concern=concern).records() if "seed" in str(r["basis"])]
        mine = [r for r in rows if r["role"] == role.iri]
        if any(r["stance"] == "owns" for r in mine):
            continue
        owners = [str(r["role_label"]) for r in rows if r["stance"] == "owns"]
        stance = "does not own" if mine else "gives no stance on"
        said.append(f"it says the {role.label} {stance} the {concern}" + (f"; it gives the {concern} to the {' and the '.join(owners)}"
                                                                          if owners else ""))
        for r in mine + [r for r in rows if r["stance"] == "owns"]:
            ans.add(kb, f"{r['role_label']} {'owns' if r['stance'] == 'owns' else 'does not own'} the {concern} (the seed).", [str(r["link"])])
    return "; ".join(said) + "." if said else ""


def _texts(kb: KnowledgeBase, plan: Plan, ans: Answer, claim: str, roles: list[PlanRole]) -> str:
    """Why the seed does not say ``claim``: the texts that state it best are outside views, on the outside side of a
    recorded disagreement (the seed's position follows) or with words that no seed text has."""
    from rolegraph.ask.parse.vocabulary import cues
    from rolegraph.ask.text import stem

    words = [w for w in tx_words(_HEDGES.sub(" ", without_roles(kb, claim))) if w not in FUNCTION_WORDS and w not in tx_stopwords()]
    asked = sorted(stems_of(" ".join(words)))
    if not asked:
        return ""
    idx = index(kb)
    hits = [h for h in idx.search(asked, roles=[r.iri for r in roles], kinds=ANSWER_KINDS, limit=10) if h.sources]
    if not hits:
        return ""
    cued = {st for i in plan.intents for p, _ in cues().intents.get(i, []) for st in p}  # 'become': how the question asks
    if "seed" in hits[0].basis:  # "the post says the most popular route is business school": the seed's text on it
        unsaid = [w for w in words if stem(w) not in cued | stems_of(hits[0].text) and idx.has(stem(w))
                  and not idx.search([stem(w)], seed_only=True, limit=1)]
        if not unsaid or hits[0].matched < 2:
            return ""
        ans.add(kb, hit_text(hits[0]), [hits[0].statement])
        return f"no seed text mentions {', '.join(unsaid)}; the seed says: {hit_text(hits[0])}"
    best = [h for h in hits if h.matched == hits[0].matched and "seed" not in h.basis]
    if disputed := next((h.disputed_by for h in best if h.disputed_by), ""):
        seed = _seed_positions(kb, disputed)
        if seed:
            for text, statement in seed:
                ans.add(kb, text, [statement])
            return (f"that is an outside view ({hits[0].id or ', '.join(hits[0].sources)}), and sources disagree ({disputed}); the seed's "
                    f"position: {' '.join(t for t, _ in seed)}")
    unsaid = sorted(w for w in words if stem(w) in stems_of(hits[0].text) - cued and not idx.search([stem(w)], seed_only=True, limit=1))
    if not unsaid:
        return ""
    return f"no seed text mentions {', '.join(unsaid)}; outside sources do ({', '.join(hits[0].sources)}: {hit_text(hits[0])})"


def _seed_positions(kb: KnowledgeBase, disagreement: str) -> list[tuple[str, str]]:
    """(text, statement) of the positions of a disagreement that a seed source holds."""
    rows = kb.named("disagreements-of", id=(disagreement,)).records()
    return [(str(r["position_text"]), str(r["position"])) for r in rows
            if any(ref.tier.startswith("seed") for ref in kb.statement_refs([str(r["position"])]))]

