"""The answer form a question asks for (closed, which-one, count, list …), read from its opening words and the cue table."""

from __future__ import annotations

import re

from rolegraph.ask import text as tx
from rolegraph.ask.parse.vocabulary import Cues, _scope, cues, loose, score
from rolegraph.ask.plan import Plan, PlanRole

_WH = tx.word_set("question_words")


#: A count and its noun: a plural at most three words after the count words ("how many levels", "number of ic levels",
#: "count the social network companies", "counting the uk government product levels").
_COUNTED = re.compile(r"\b(?:how many|number of|count(?:ing)?(?: of| the)?)\s+(?:\w+\s+){0,3}?(\w+s)\b")


def _counted_noun(question: str, intents: list[str], form: str) -> str:
    """The noun a count asks about ('how many levels …': levels; 'social networks named …, how many': networks); a count
    of a ladder that names none ('dropbox tpm ladder length?') counts its levels (the first word of ``[answer_words].rungs``); "" when no count is asked."""
    said = tx.words(question)
    m = _COUNTED.search(" ".join(said))
    if m:
        return m.group(1)
    if said[-2:] == ["how", "many"]:  # "social networks named as employers, how many": the first plural of what comes before
        return next((n for w in tx.content_words(said[:-2]) for n in (w, *tx.synonyms(w)[:1]) if _plural(n)), "")
    return tx.vocabulary()["answer_words"]["rungs"][0] if form == "count" and "levels" in intents else ""


def _plural(word: str) -> bool:
    """Whether ``word`` reads as a plural noun ('companies'; not 'its', 'cos', 'process')."""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss")


#: An arrow between two roles: a move from one to the other.
_ARROW = re.compile(r"-+>|→|=>|⇒")


#: Words that open a place, setting or standpoint before the question itself ("at amazon, does …", "in a startup do …",
#: "as a pm-t will i …").
_PLACE = tx.word_set("place")


#: Words that open a condition before the question itself ("if a launch slips is it on the tpgm").
_CONDITION = tx.word_set("condition")
#: Words that open a clause the question takes as given, up to its comma ("since …, who owns the when").
_GRANTING = tx.word_set("granting")


#: Words that can follow the opener of a closed question as its subject ("is it", "will i", "does the").
_SUBJECT = tx.word_set("subject")


#: Two role mentions (``|``) with an "or" between them, a word or two apart: "a tech pm thing or a tech pgm thing".
_ROLE_OR_ROLE = re.compile(r"\| (?:[^|\s]+ ){0,2}or (?:[^|\s]+ ){0,2}\|")


def _after_condition(c: Cues, words: list[str]) -> str:
    """The opener of the closed question after a condition ('a launch slips is it …' → 'is') or of a choice ('i love
    talking to customers which tpm …' → 'which'), '' when there is none before another question word ('we launch but …
    who gets blamed')."""
    for i, w in enumerate(words[:-1]):
        if w in _WH:
            return w if w == "which" else ""
        if w in c.yes_no and words[i + 1] in _SUBJECT:
            return w
    return ""


def _alternative(words: list[str], stemmed: list[str]) -> set[str]:
    """The words only the alternative of a closed question has ('on the rise or dying out', 'true or false'): the first
    reading decides it, so they are no subject the graph must know; none when a role follows the 'or' (a choice)."""
    if "or" not in words[2:]:
        return set()
    at = len(words) - 1 - words[::-1].index("or")
    return set() if "|" in stemmed[at:] else set(words[at + 1 :]) - set(words[:at])


def _closing_yes_no(c: Cues, question: str) -> bool:
    """Whether the question's last clause is a closed one ('…, do they exist?')."""
    clauses = [tx.words(part) for part in question.split(",")[1:]]
    return bool(clauses and clauses[-1] and clauses[-1][0] in c.yes_no and not set(clauses[-1]) & _WH)


_LOW, _HIGH = tx.word_set("low"), tx.word_set("high")


def _end_to_end(words: list[str], at: int) -> bool:
    """Whether an order from one end to the other starts at ``at``: 'least technical to most', 'most to least'."""
    ends = (_LOW, _HIGH) if words[at] in _LOW else (_HIGH, _LOW) if words[at] in _HIGH else None
    if ends is None:
        return False
    to = next((i for i in range(at + 1, min(at + 4, len(words))) if words[i] == "to"), None)
    return to is not None and words[to + 1 : to + 2] != [] and words[to + 1] in ends[1]


#: A question mark at the end, or before a few words of the asker's guess ("…? i think not").
_ASKED = re.compile(r"\?(?:\W*\w+){0,4}\W*$")


def _form(c: Cues, words: list[str], stemmed: list[str], intents: list[str], roles: list[PlanRole], question: str) -> str:
    question_mark = bool(_ASKED.search(question))
    opener = next((w for w in words if w not in ("and", "so", "but", "ok", "okay", "hey", "hi", "well", "also", "then", "now")), "")
    if opener in _PLACE and (after := [w for w in words[words.index(opener) + 1 : words.index(opener) + 10] if w in c.yes_no or w in _WH]):
        opener = after[0]  # "at dropbox is a tpm the product one", "between A and B, who …": the question opens after it
    if opener not in _WH and opener not in c.yes_no and (after_colon := tx.words(_BREAK.split(question, maxsplit=1)[1:][0] if _BREAK.search(
            question) else "")) and (after_colon[0] in _WH or after_colon[0] in c.yes_no):
        opener = after_colon[0]  # "tpgm vs tech pm: who needs deeper architecture chops", "dependency mgmt - which tpm": the
        # question opens after the colon or dash
    scoped, _, rest = question.partition(",")
    if opener not in _WH and opener not in c.yes_no and rest and _scope(c, _seedless(tx.words(scoped))) != "any" and (
            after_scope := tx.words(rest)) and (after_scope[0] in _WH or after_scope[0] in c.yes_no):
        opener = after_scope[0]  # "going only by the seed, does a tpgm decide …": the question opens after its scope
    if opener not in _WH and opener not in c.yes_no and (after_seed := _after_seed(c, words)):
        opener = after_seed  # "per the article is the tech pm still a pm": the question opens after the seed is named
    after_given = tx.words(question.split(",", 1)[1]) if opener in _GRANTING and "," in question else []
    asks_role = False  # "if the tech pm has the what, who owns the when": the roles named are given, one is asked for
    if after_given and (after_given[0] in _WH or after_given[0] in c.yes_no):
        opener = after_given[0]  # "so if the tech pm has the what, who owns the when": the question after the condition,
        given = len(words) - len(after_given)  # whose words ask for no form ("the why" asks no reason)
        stemmed = ["·"] * given + stemmed[given:]
        asks_role = opener in ("who", "whose", "which") and "|" not in stemmed[given:]
    elif opener in _CONDITION and (closed := _after_condition(c, words[words.index(opener) + 1 :])):
        opener = closed  # "if a launch slips is it on the tpgm": the closed question after the condition
    stemmed = [s if s != "no" or stemmed[i + 1 : i + 2] in ([], ["or"]) else "" for i, s in enumerate(stemmed)]  # "with no
    # reports", "no code": a determiner, no answer word ("yes or no", "…, no?" still are)
    forms = score(c.forms, stemmed)
    forms = {n: max(forms.get(n, 0), w) for n, w in score(c.forms, loose(c, stemmed)).items()}
    if any(_end_to_end(words, i) for i in range(len(words))):
        forms["rank"] = max(forms.get("rank", 0), 3)  # "least technical to most", "most senior to least": an order
    if len([r for r in roles if r.part != "source"]) >= 2 and any(s == "which" and stemmed[i + 1 : i + 2] == ["|"] for i, s in enumerate(stemmed)):
        forms["which-one"] = max(forms.get("which-one", 0), 3)  # "…across 6 teams, which tpm do we need": one of the roles
    joined = " ".join(words)
    choice = len([r for r in roles if r.part != "source"]) >= 2 and (opener in ("which", "who", "whose", "is", "are", "does", "do") or question_mark)
    if choice and _OR_CHOICE.search(joined) and not forms.get("rank") and not _narrowed(words):  # not "yes or no", "or not"
        return "which-one"
    if len([r for r in roles if r.part != "source"]) >= 2 and _ROLE_OR_ROLE.search(" ".join(stemmed)) and not forms.get("rank") and not _narrowed(
            words):
        return "which-one"  # "dependency map - a tech pm thing or a tech pgm thing": the roles are the choices
    request = re.search(r"\b(?:can|could|would|will) (?:you|u) (\w+)", joined)  # "can you name …" asks for a list
    the_one = any(tx.find_phrase(stemmed, tx.phrase_stems(p)) >= 0 for p in tx.vocabulary()["yes_no"].get("the_one", []))
    if opener in c.yes_no and (not forms.get("which-one") or the_one) and not forms.get("count") and not _open_tail(words) and not (
            request and request.group(1) in _WH):  # "is the tpgm the one who does …" asks about the role named
        return "yes-no"
    if not forms and opener not in _WH and _closing_yes_no(c, question):
        return "yes-no"  # "spotify tech pm openings, do they exist"
    if question_mark and not set(words) & _WH and not (set(forms) - {"yes-no"}) and "s" not in words and _claims(
            c, question, words, stemmed):  # "tpgm's team?", "tech pm planning horizons?": a noun phrase asks for the thing
        return "yes-no"  # "tpgm owns product roadmap?", "tech pm = a kind of pm?"
    if (opener == "who" and not roles) or asks_role:
        return "which-one"
    if opener in ("which", "who") and len(roles) >= 2 and not forms and (
            not intents or (set(intents) <= {"compare"} and _asks_which(words))):
        return "which-one"  # "which tpm talks to customers more", "A vs B: who needs deeper …": one of the roles
    if forms:
        best = max(forms.items(), key=lambda kv: (kv[1], -list(c.forms).index(kv[0])))[0]
        if best == "define" and intents and intents[0] not in ("definition", "abbreviation"):
            return "list"
        return best
    if intents and intents[0] in ("definition", "abbreviation"):
        return "define"
    if intents and intents[0] == "transitions" and any(r.part == "source" for r in roles) and any(r.part == "target" for r in roles):
        return "route"
    return "list"


#: An "or" that offers a choice: not before a word of an answer's own alternative ("…? yes or no", "or not").
_OR_CHOICE = re.compile(rf"\bor (a |an |the )?(?!(?:{'|'.join(map(re.escape, tx.word_list('answer_alternatives')))})\b)[a-z]")


#: Words that ask a closed question of several roles at once ('both', 'all'), and words after an 'or' that narrow it.
_EVERY, _NARROWING = frozenset(tx.vocabulary()["yes_no"]["every"]) - {"neither", "nor"}, tx.word_set("narrowing")


def narrowing_at(words: list[str]) -> set[int]:
    """Where the 'or' of the question narrows a claim made of several roles at once ('do both need technical depth or
    only the program one', 'are they both ICs or does one have reports'): the places of its narrowing words, none when
    it does not. The claim is asked: the roles are no choice, and 'only one' asks for no one-sided skills."""
    if "or" not in words:
        return set()
    at = words.index("or")
    return {i for i in range(at + 1, min(at + 4, len(words))) if words[i] in _NARROWING} if _EVERY & set(words[:at]) else set()


def _narrowed(words: list[str]) -> bool:
    """Whether the 'or' of the question narrows a claim made of several roles at once (:func:`narrowing_at`)."""
    return bool(narrowing_at(words))


#: How far into a question a phrase naming the seed may end for the question to open after it ('according to the seed').
_SEED_LEAD = 5


def _after_seed(c: Cues, words: list[str]) -> str:
    """The question word or closed opener right after a phrase naming the seed near the start ('per the article is …',
    'according to the seed does …'); '' when there is none."""
    stemmed = tx.stems(words[:_SEED_LEAD])  # as typed: the words citing the seed are no cue of the plan's reading
    ends = [at + len(p) for p in c.seed if (at := tx.find_phrase(stemmed, p)) >= 0 and at + len(p) <= _SEED_LEAD]
    after = words[max(ends)] if ends and max(ends) < len(words) else ""
    return after if after in _WH or after in c.yes_no else ""


#: What sets a topic before its question apart: a colon or a free-standing dash ('dependency mgmt - which tpm').
_BREAK = re.compile(r":|\s[-\u2013\u2014]\s")


def _open_tail(words: list[str]) -> bool:
    """Whether the question ends asking for the items ('…, like what?', 'what are they?'; ``[yes_no].open_tails``)."""
    return any(words[-len(p.split()) :] == p.split() for p in tx.vocabulary()["yes_no"]["open_tails"])


def _asks_which(words: list[str]) -> bool:
    """Whether 'who' or 'which' is followed by a comparative ('who talks to customers more', 'who needs deeper …')."""
    at = next((i for i, w in enumerate(words) if w in ("who", "which")), None)
    said = tx.word_set("more") | tx.word_set("fewer") | tx.word_set("comparatives")
    return at is not None and any(w in said for w in words[at + 1 :])


#: Cue words that ask what a name means: of a full title ("tech product manager meaning?") they ask for its definition.
_MEANING = tx.word_set("meaning")


#: An '=' with something after it ('tech pm = a kind of pm?'), not '= ?'.
_EQUALS_SOMETHING = re.compile(r"=\s*[^\s?]")


def _claims(c: Cues, question: str, words: list[str], stemmed: list[str]) -> bool:
    """Whether a question with no question word asserts something to confirm: an '=', a yes/no word after the
    first ('…, can that work?', '… possible?') or a claim verb ('owns', 'codes'); a bare noun phrase asks for a list,
    and so does one set equal to nothing ('tech pm short form = ?')."""
    return bool(_EQUALS_SOMETHING.search(question)) or bool(set(words[1:]) & c.yes_no) or any(s in c.claims for s in stemmed)


_NOT_SEED = [p.split() for p in tx.word_list("not_seed")]


def _seedless(words: list[str], stemmed: list[str] | None = None) -> list[str]:
    """The stems ``_scope`` reads: words that share a stem with a name of the seed but name no text ('a job posting',
    'posted', 'post-launch': `[word_sets].not_seed`, against 'the post') are left out."""
    stems = list(tx.stems(words) if stemmed is None else stemmed)
    for phrase in _NOT_SEED:
        for i in range(len(words) - len(phrase) + 1):
            if words[i : i + len(phrase)] == phrase:
                stems[i : i + len(phrase)] = ["·"] * len(phrase)
    return stems


def seed_only(plan: Plan) -> bool:
    """Whether a seed-scoped question rules the other sources out ('seed only', 'no outside sources', 'strictly …'):
    then its answer counts the outside items but shows none."""
    c = cues()
    stemmed = tx.stems(tx.words(plan.question))
    return any(tx.find_phrase(stemmed, p) >= 0 for p in c.exclusive + c.outside)
