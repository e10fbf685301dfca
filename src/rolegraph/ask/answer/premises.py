"""What a question takes for granted (an identity, sameness, a claim about a role), checked against the graph."""

from __future__ import annotations

import re

from rolegraph import compare
from rolegraph.ask.answer.base import (
    FUNCTION_WORDS,
    Answer,
    hit_text,
    is_negative,
    join_names,
    negated_claim,
    stems_of,
    synonyms_of,
    tx_stopwords,
    tx_words,
    without_roles,
)
from rolegraph.ask.answer.library import RACI_WORDS
from rolegraph.ask.answer.search import ANSWER_KINDS
from rolegraph.ask.answer.seedclaims import check_seed_claim
from rolegraph.ask.plan import TPM_ROLES, Plan, PlanRole
from rolegraph.ask.retrieve import index
from rolegraph.ask.text import answer_words, word_set
from rolegraph.kb import KnowledgeBase
from rolegraph.provenance import CONCERNS, asked_concerns

#: Words that mark a clause the question takes for granted ("since …,", "X is basically Y, so …").
_PREMISE_OPENER = re.compile(r"\b(since|given that|given|because|as|now that|assuming)\b|\b(basically|just|really|essentially|"
                             r"simply|actually|identical|the same|one role|same job|a kind of|the one|the ones|equals)\b")


#: A first clause opening with an auxiliary asks ('is the tech pm the one who …, or is that the tpgm'); it assumes nothing.
_ASKS = re.compile(r"(do|does|did|is|are|can|could|should|will|would)\b")


#: Words that make a bare 'TPMs' both roles ("both tpms are one role").
_BOTH = word_set("both")


_SAME = re.compile(r"\b(same|identical|one role|one and the same|interchangeable|basically the same)\b")


def check_premises(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """Check what the question takes for granted, for the roles it asserts something about: an identity
    ('a Tech PM is basically a program manager'), sameness ('the two are one role') or a claim ('a TPgM codes')."""
    from rolegraph.ask.fit import liked
    from rolegraph.ask.text import clip
    from rolegraph.resolve import find_roles_in_text

    q = " ".join(re.split(r"[^a-z0-9,]+", clip(plan.question).lower().replace("=", " equals ")))  # "tech pm = program manager"
    if plan.scope == "seed" and check_seed_claim(kb, plan, ans, q):
        return  # "the seed says you need an MBA": checked against the seed's own texts
    if liked(plan.question, choice=plan.form == "which-one") is not None:
        return  # "as a qa engineer who loves organizing releases, what should i aim for": the asker's liking, no premise
    head = re.split(r",|\bso\b", q, maxsplit=1)[0]
    concluded = re.match(r",?\s*so\b", q[len(head):]) is not None  # "the tpgm writes the product roadmap, so …": taken for granted
    if ("," not in q and " so " not in f" {q} ") or not (_PREMISE_OPENER.search(head) or concluded) or _ASKS.match(head):
        _presupposed(kb, plan, ans, q)
        return
    found = [m for m in find_roles_in_text(kb, head) if len(m[2]) == 1]
    roles = [PlanRole(m[2][0].iri, m[2][0].label) for m in found]
    if not roles and len(plan.roles) == 1:
        roles = list(plan.roles)  # "as the boss of the engineers, how does a TPgM run 1:1s": the role is in the question
    if len(roles) < 2 and _SAME.search(head) and len(plan.roles) >= 2 and (find_roles_in_text(kb, head) or set(head.split()) & _BOTH):
        roles = list(plan.roles)  # "both tpms are one role", "tpm is one role anyway" (not "at the same level, …")
    if len(roles) >= 2 and _SAME.search(head):
        _premise_note(kb, ans, f"the knowledge base records the {roles[0].label} and the {roles[1].label} as different roles",
                      ["different", "roles", "orthogonal", "completely"])
        if plan.status == "ambiguous-role" and {r.iri for r in roles[:2]} == set(TPM_ROLES):
            plan.status = "answered"  # "tpm is one role anyway": that its two readings are one role is what is answered
        return
    identity = re.search(r"\b(is|are|equals)\b", head)
    if len(roles) >= 2 and identity:
        a, b = roles[0], roles[1]
        kinds = {str(r["role"]): str(r["kind_of"] or "") for r in compare.role_info(kb, a.iri)}  # bound: not every role
        if kinds.get(a.iri) == b.label or a.iri == b.iri:
            return
        parent = kinds.get(a.iri, "")
        owned, links = _owned(kb, a.iri)
        _premise_note(kb, ans, f"the knowledge base does not record the {a.label} as a {b.label}"
                      + (f"; the {a.label} is a kind of {parent}" if parent else "")
                      + (f" and owns {owned}" if owned and parent else f"; the {a.label} owns {owned}" if owned else ""), [])
        ans.add(kb, f"The {a.label} is a kind of {parent}." if parent else f"The {a.label} is a separate role from the {b.label}.", [a.iri])
        if owned:  # what the role is, then what it answers for: "tech pm = program manager, so it owns timelines?"
            ans.add(kb, f"The {a.label} owns {owned}.", links)
        for r in kb.named("skill-profile", role=a.iri).records():  # "… basically a coder, how much is programming": its rating
            if r["label"] in plan.skills:
                ans.add(kb, f"{a.label} — {r['label']}: importance {r['importance']} of 5", [str(r["link"])])
        ans.abstained = False  # the correction is the answer
        return
    if len(roles) != 1 or _owns_concern(kb, ans, roles[0], head):
        return
    spans = {w for m in found for w in m[1].split()}
    words = [w for w in tx_words(head) if w not in spans and not _PREMISE_OPENER.fullmatch(w)]
    claim = [w for i, w in enumerate(words) if w not in FUNCTION_WORDS and (  # "owns the when", not "blamed when …"
        (w in CONCERNS and i and words[i - 1] in ("the", "and", "or")) or w not in tx_stopwords())]
    if claim and not negated_claim(head):  # "as an IC with no reports": a row saying none bears it out, and a row that
        # merely uses the word ("reports to engineering") does not contradict it
        _check_claim(kb, ans, roles[0], claim)


def _owned(kb: KnowledgeBase, role: str) -> tuple[str, list[str]]:
    """The concerns ``role`` is recorded as owning ('the what and the why') and the links that say so."""
    rows = [(c, r) for c in CONCERNS for r in kb.named("concern-owners", concern=c).records()
            if r["role"] == role and r["stance"] == "owns"]
    return join_names([f"the {c}" for c, _ in rows]), [str(r["link"]) for _, r in rows]


def _owns_concern(kb: KnowledgeBase, ans: Answer, role: PlanRole, head: str) -> bool:
    """A premise that ``role`` owns a concern ('since the tpgm owns the why', 'given tech pgms decide what gets built'),
    decided by the concern's recorded owners: unsupported when the role is not one of them, disputed when a
    disagreement is recorded on its row; one of an activity of the responsibility matrix by its row. False when the
    clause claims no ownership of either."""
    from rolegraph.ask.parse.named import matrix_activities
    from rolegraph.ask.parse.vocabulary import cues, score
    from rolegraph.ask.text import stems, vocabulary

    said = stems(tx_words(head))
    owns = score({"own": cues().intents.get("ownership", [])}, said).get("own", 0) >= 2
    claims = {st for w in vocabulary()["yes_no"]["claims"] for st in stems([w])}
    does = bool(claims & set(stems(tx_words(without_roles(kb, head)))))  # "the tpgm writes …" ("manager" is no "manages")
    activities = matrix_activities(kb, said) if owns or does else []
    if activities:  # "as the owner of the product roadmap", "the tpgm writes the product roadmap": a row of the matrix
        _owns_activity(kb, ans, role, activities, "A" if owns else "AR")
        return True
    if not owns:
        return False
    concerns = asked_concerns(head)
    if not concerns:
        return False
    unsupported = []
    for concern in concerns:
        rows = kb.named("concern-owners", concern=concern).records()
        mine = [r for r in rows if r["role"] == role.iri]
        owners = sorted({str(r["role_label"]) for r in rows if r["stance"] == "owns"})
        if any(r["stance"] == "owns" for r in mine):
            disputed = sorted({str(r["disputed_by"]) for r in mine if r["disputed_by"]})
            if disputed:
                ans.notes.insert(0, f"Premise disputed ({', '.join(disputed)}): the {role.label} owns the {concern}.")
                ans.notes += [n for n in compare.disagreement_notes(kb, disputed) if n not in ans.notes]
            continue
        stance = compare.STANCE.get(str(mine[0]["stance"]), str(mine[0]["stance"])) if mine else "has no recorded stance on"
        unsupported.append(f"the {role.label} {stance} the {concern}; " + (
            join_names([f"the {o}" for o in owners]) + (" own" if len(owners) > 1 else " owns") + " it" if owners else "no modelled role owns it"))
        ans.add(kb, f"The {role.label} {stance} the {concern}.", [str(r["link"]) for r in mine + [r for r in rows if r["stance"] == "owns"]])
    if unsupported:
        _premise_note(kb, ans, "; ".join(unsupported), [])
        ans.abstained = False  # the correction is the answer
    return True


def _owns_activity(kb: KnowledgeBase, ans: Answer, role: PlanRole, activities: list[str], held: str = "A") -> None:
    """A premise that ``role`` owns an activity of the responsibility matrix ('as the owner of the product roadmap'):
    unsupported unless the matrix makes the role accountable for it (or, for a premise that it does the work, 'the
    tpgm writes the product roadmap', responsible: ``held`` 'AR'); disputed when the row is."""
    rows = kb.named("raci").records()
    unsupported = []
    for activity in activities:
        row = [r for r in rows if r["activity"] == activity]
        if not row:
            continue
        label = str(row[0]["activity_label"])
        codes = [str(r["code"]) for r in row if r["party"] == role.iri]
        disputed = sorted({str(r["disputed_by"]) for r in row if r["disputed_by"]})
        dispute = f" (disputed: {', '.join(disputed)})" if disputed else ""
        if set(codes) & set(held):
            if disputed:
                ans.notes.insert(0, f"Premise disputed ({', '.join(disputed)}): the matrix makes the {role.label} accountable for the {label}.")
                ans.notes += [n for n in compare.disagreement_notes(kb, disputed) if n not in ans.notes]
            continue
        accountable = join_names([f"the {r['party_label']}" for r in row if r["code"] == "A"]) or "no party"
        part = " and ".join(RACI_WORDS[c] for c in codes) or "not part of it"
        unsupported.append(f"in the responsibility matrix the {role.label} is {part} for the {label}; {accountable} is accountable{dispute}")
        ans.add(kb, f"{label}: {accountable} is accountable; the {role.label} is {part}.", [str(r["responsibility"]) for r in row])
    if unsupported:
        _premise_note(kb, ans, "; ".join(unsupported), [])
        ans.abstained = False  # the correction is the answer


def _presupposed(kb: KnowledgeBase, plan: Plan, ans: Answer, question: str) -> None:
    """A claim taken for granted without a 'since …' clause: people management ('hiring and firing for their team',
    ``[premises]`` in cues.toml) for the one role asked about."""
    from rolegraph.ask.text import find_phrase, phrase_stems, stems, vocabulary

    asked = stems(tx_words(question))
    for claim, phrases in vocabulary().get("premises", {}).items():
        if len(plan.roles) == 1 and any(find_phrase(asked, phrase_stems(p)) >= 0 for p in phrases):
            _check_claim(kb, ans, plan.roles[0], claim.split("-"))


def _check_claim(kb: KnowledgeBase, ans: Answer, role: PlanRole, claim: list[str]) -> None:
    """Say what the graph records against (or disputes about) ``claim`` ('manage engineers') for ``role``, or ties to
    another role."""
    claim = [w for w in claim if w not in answer_words("light")] or claim  # "gets blamed": the claim is the blame
    verb = stems_of(" ".join([claim[0], *synonyms_of(claim[:1])]))  # what the role is said to do: "codes", "manage", "decide"
    wanted = stems_of(" ".join(claim + synonyms_of(claim)))
    idx = index(kb)
    found = {h.statement: h for terms in (claim + synonyms_of(claim), [claim[0], *synonyms_of(claim[:1])])
             for h in idx.search(terms, roles=[role.iri], kinds=ANSWER_KINDS, limit=25) if h.sources}
    plain = {h.statement: without_roles(kb, h.text) for h in found.values()}  # "Program Manager" says nothing of "manage"
    hits = [h for h in found.values() if verb & stems_of(plain[h.statement]) or (set(claim) & set(CONCERNS) and h.disputed_by)]
    if not hits:
        _misattributed(kb, ans, role, claim)
        return
    best = max(hits, key=lambda h: (is_negative(plain[h.statement], verb), bool(h.disputed_by), len(wanted & stems_of(h.text)), -h.score))
    if is_negative(plain[best.statement], verb):
        _premise_note(kb, ans, f"for the {role.label} the knowledge base says: {hit_text(best)}", [])
        ans.abstained = False  # the correction is the answer
        ans.add(kb, hit_text(best), [best.statement])
    elif best.disputed_by:
        ans.notes.insert(0, f"Premise disputed ({best.disputed_by}): {hit_text(best)}")
        ans.notes += [n for n in compare.disagreement_notes(kb, [best.disputed_by]) if n not in ans.notes]
        ans.add(kb, hit_text(best), [best.statement])
    else:
        _misattributed(kb, ans, role, claim)


def _misattributed(kb: KnowledgeBase, ans: Answer, role: PlanRole, claim: list[str]) -> None:
    """A claim the graph ties to another role: 'since the Tech PM gets blamed when launches are late' against the row
    'Technical Program Manager: blamed for a late launch'. Said when a text about one other role alone has more of the
    claim's words (at least two), and does not deny it, than any text about the role asserted."""
    words = [w for w in claim if w not in answer_words("light")]
    terms = words + [s for s in synonyms_of(words) if s not in words]
    if len(words) < 2:
        return
    hits = [h for h in index(kb).search(terms, kinds=ANSWER_KINDS, limit=25) if h.sources and len(h.roles) == 1 and h.matched >= 2]
    own = max((h.matched for h in hits if h.roles[0] == role.iri), default=0)
    other = max((h for h in hits if h.roles[0] != role.iri and not is_negative(without_roles(kb, h.text))),  # it affirms the claim
                key=lambda h: (h.matched, -h.score), default=None)
    if other is None or other.matched <= own:
        return
    label = compare.role_labels(kb, other.roles[0]).get(other.roles[0])
    if label is None:
        return  # a text about a level or a team, not about another role
    _premise_note(kb, ans, f"the knowledge base ties that to the {label}: {hit_text(other)}", [])
    ans.add(kb, f"{label}: {hit_text(other)}", [other.statement])
    mine = max((h for h in hits if h.roles[0] == role.iri), key=lambda h: (h.matched, -h.score), default=None)
    if mine is not None:
        ans.add(kb, f"{role.label}: {hit_text(mine)}", [mine.statement])
    ans.abstained = False  # the correction is the answer


def _premise_note(kb: KnowledgeBase, ans: Answer, text: str, disagreement_words: list[str]) -> None:
    """Say the premise is not supported, in the notes and before the lead; add a disagreement on the point if one is recorded."""
    text = text.rstrip(".")
    ans.notes.insert(0, f"Premise not supported: {text}.")
    ans.lead = f"Premise not supported: {text}. " + ans.lead
    if disagreement_words:
        found = [h for h in index(kb).search(disagreement_words, kinds=("disagreement",), limit=2) if h.matched >= 2]
        ans.notes += [n for n in compare.disagreement_notes(kb, [h.id for h in found[:1]]) if n not in ans.notes]
