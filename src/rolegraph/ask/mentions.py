"""Ambiguous role mentions settled by the question's own words, never guessed.

A short form with several readings (TPM) is read as one role when the question says which:

- a qualifier beside it that only one reading's name has ("product tpm", "tpm program", "program tpms");
- a name in the question (a company) where the graph uses that short form for one reading only
  ("senior tpm at dropbox": every statement naming Dropbox that writes TPM is about the program role);

and "the program one" / "the product side" names the one of the two TPM roles whose name has that word.
Each such reading is said in an assumption note.
"""

from __future__ import annotations

import re
from collections import Counter

from rolegraph.ask import text as tx
from rolegraph.ask.plan import TPM_ROLES
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import RoleRef

Mention = tuple[int, str, list[RoleRef]]

#: Words that make "the program one" a role: the one, side, role … of the two TPM roles.
_SIDES = tx.word_set("sides")
_JOINERS = tx.word_set("joiners")
_DETERMINERS = tx.word_set("determiners")
#: Words beside a short form that make it both readings ("both tpms", "neither tpm type"), as parse reads them.
_BOTH = tx.word_set("both")
#: Statements a company must have (and no statement against) before its use of a short form settles the reading.
MIN_EVIDENCE = 2


def _choice(stemmed: list[str], at: int, step: int, qualifiers: dict[str, RoleRef]) -> bool:
    """Whether the word at ``at`` joins another qualifier: 'tpm product or program' asks which, it does not qualify."""
    beyond = at + step
    return 0 <= at < len(stemmed) and 0 <= beyond < len(stemmed) and stemmed[at] in _JOINERS and stemmed[beyond] in qualifiers


def _alternatives(stemmed: list[str], start: int, qualifiers: dict[str, RoleRef], taken: set[int]) -> list[RoleRef]:
    """'product or program tpm': the two readings qualified by the words joined before the short form, else none."""
    if start < 3 or taken & {start - 3, start - 2, start - 1} or stemmed[start - 2] not in _JOINERS:
        return []
    first, second = qualifiers.get(stemmed[start - 3]), qualifiers.get(stemmed[start - 1])
    return [first, second] if first is not None and second is not None and first != second else []


def _qualifies_next(stemmed: list[str], at: int, mentions: list[Mention]) -> bool:
    """Whether the word at ``at`` qualifies the short form right after it ("program tpm product tpm"): only when that
    one has several readings and the word picks one ("pm (product), pjm": 'pjm' has one reading, so 'product' is pm's)."""
    after = next((readings for start, _, readings in mentions if start == at + 1), [])
    return len(after) > 1 and stemmed[at] in _distinct(after)


def _distinct(readings: list[RoleRef]) -> dict[str, RoleRef]:
    """Stem → the one reading whose name has that word (words shared by readings are no qualifier)."""
    owners: dict[str, set[str]] = {}
    for ref in readings:
        for s in tx.phrase_stems(ref.label):
            owners.setdefault(s, set()).add(ref.iri)
    by_iri = {r.iri: r for r in readings}
    return {s: by_iri[next(iter(iris))] for s, iris in owners.items() if len(iris) == 1}


def named_reading(kb: KnowledgeBase, words: list[str], taken: set[int], phrase: str,
                   readings: list[RoleRef]) -> tuple[str, RoleRef] | None:
    """A name in the question (a word the graph always writes capitalised: Dropbox, Amazon) and the one reading
    the graph uses ``phrase`` for in the statements naming it, if only one."""
    from rolegraph.ask.retrieve import index

    short = re.compile(r"(?<![\w-])" + re.escape(phrase.rstrip("s")) + r"s?(?![\w-])", re.IGNORECASE)
    for i, word in enumerate(words):
        if i in taken or len(word) < 3 or word in tx.stopwords() or not word.isalpha():
            continue
        hits = index(kb).search([word], limit=200)
        said = re.compile(r"(?<![\w/.-])" + re.escape(word) + r"(?![\w/-])", re.IGNORECASE)  # not inside a web address
        found = [(h.text, m) for h in hits for m in said.finditer(h.text)]
        if any(m.group()[0].islower() for _, m in found):
            continue  # not a name: the graph writes it in lower case too
        if not found:
            continue  # no text writes the word itself, only another form of it ('having': 'has'): no name
        counts = Counter(r.iri for h in hits if short.search(h.text)
                         for r in readings if r.iri in h.roles and not any(o.iri in h.roles for o in readings if o != r))
        if len(counts) == 1 and next(iter(counts.values())) >= MIN_EVIDENCE:
            return word, next(r for r in readings if r.iri in counts)
    return None


def in_context(kb: KnowledgeBase, words: list[str], mentions: list[Mention]) -> tuple[list[Mention], list[str]]:
    """``mentions`` with ambiguous short forms settled where the question says which, plus "the program one" mentions;
    and a note for each reading so taken."""
    stemmed = tx.stems(words)
    taken = {i for start, phrase, _ in mentions for i in range(start, start + len(phrase.split()))}
    out: list[Mention] = []
    notes: list[str] = []
    for start, phrase, readings in mentions:
        if len(readings) < 2:
            out.append(_one_of_two(words, (start, phrase, readings)))
            continue
        qualifiers = _distinct(readings)
        end = start + len(phrase.split())
        before = qualifiers.get(stemmed[start - 1]) if start and start - 1 not in taken and not _choice(stemmed, start - 2, -1, qualifiers) else None
        after = qualifiers.get(stemmed[end]) if end < len(words) and end not in taken and not _qualifies_next(
            stemmed, end, mentions) and not _choice(stemmed, end + 1, 1, qualifiers) else None
        alternatives = _alternatives(stemmed, start, qualifiers, taken)
        side = _side_of(words, stemmed, start, qualifiers, taken)
        if side is not None:  # "the product flavour of tpm": the reading that word names
            at, ref = side
            out.append((at, " ".join(words[at:end]), [ref]))
            notes.append(f"'{' '.join(words[at:end])}' read as the {ref.label}.")
        elif alternatives:  # "product or program tpm": each reading named, as alternatives
            out += [(start - 1, f"{words[start - 1]} {phrase}", [alternatives[1]]), (start - 3, words[start - 3], [alternatives[0]])]
            notes.append(f"'{' '.join(words[start - 3 : end])}' read as the {alternatives[0].label} and the {alternatives[1].label}.")
        elif before is not None and (after is None or after == before):
            out.append((start - 1, f"{words[start - 1]} {phrase}", [before]))
            notes.append(f"'{words[start - 1]} {phrase}' read as the {before.label}.")
        elif after is not None:
            out.append((start, f"{phrase} {words[end]}", [after]))
            notes.append(f"'{phrase} {words[end]}' read as the {after.label}.")
        elif not _BOTH & set(words[max(0, start - 3) : end + 2]) and (
                named := named_reading(kb, words, taken, phrase, readings)) is not None:  # "neither tpm type … ICs": both
            out.append((start, phrase, [named[1]]))
            notes.append(f"'{phrase.upper()}' beside {named[0].title()} read as the {named[1].label}: "
                         "the knowledge base uses that short form there for this role only.")
        else:
            out.append((start, phrase, readings))
    out += _sides(kb, words, stemmed, taken, offered=all(len(readings) < 2 for _, _, readings in mentions))
    return sorted(out, key=lambda m: m[0]), notes


def usual_reading(kb: KnowledgeBase, phrase: str) -> str | None:
    """The role the graph records as what an ambiguous short form usually means (rg:usualReading: PM, the Product
    Manager), if any."""
    said = {phrase.upper(), phrase.upper().removesuffix("S")}
    return next((str(r["role"]) for r in kb.named("abbreviations").records() if r["usual"] and str(r["short_form"]) in said), None)


def _side_of(words: list[str], stemmed: list[str], start: int, qualifiers: dict[str, RoleRef],
             taken: set[int]) -> tuple[int, RoleRef] | None:
    """'the product flavour of tpm', 'program side of a tpm': where the qualifier stands and the reading it names."""
    at = start - 1 if start and words[start - 1] in _DETERMINERS else start
    if at < 3 or words[at - 1] != "of" or words[at - 2] not in _SIDES or taken & set(range(at - 3, start)):
        return None
    ref = qualifiers.get(stemmed[at - 3])
    return (at - 3, ref) if ref is not None else None


#: Words after "the program manager …" that make it one of the two TPM roles rather than the role of that name.
_ONE_OF = tx.word_set("one_of")


def _one_of_two(words: list[str], mention: Mention) -> Mention:
    """'the program manager one': of the two TPM roles, the one whose name ends with the role named."""
    start, phrase, readings = mention
    end = start + len(phrase.split())
    if not (start and words[start - 1] in _DETERMINERS and words[end : end + 1] and words[end] in _ONE_OF):
        return mention
    fits = [RoleRef(iri, label) for iri, label in TPM_ROLES.items() if label.endswith(f" {readings[0].label}")]
    return (start, f"{phrase} {words[end]}", fits) if len(fits) == 1 else mention


def _sides(kb: KnowledgeBase, words: list[str], stemmed: list[str], taken: set[int], offered: bool) -> list[Mention]:
    """'the program one', 'the product side': one of the two TPM roles, by the word only its name has; and, when
    ``offered`` (no short form of its own: 'is a tpm product or program' asks what TPM means), the two offered as a
    choice ('product or program side', 'product side or program side', '…: product or program?')."""
    qualifiers = _distinct([RoleRef(iri, label) for iri, label in TPM_ROLES.items()])  # no lookup: their labels are known
    found: list[Mention] = []
    for i in range(len(words) - 1):
        ref = qualifiers.get(stemmed[i])
        listed = i + 2 == len(words) or words[i + 2] in _JOINERS or (i and words[i - 1] in _JOINERS)  # "product one and program one"
        if ref is not None and ((i and words[i - 1] in _DETERMINERS) or listed) and words[i + 1] in _SIDES and not taken & {i, i + 1}:
            found.append((i, f"{words[i]} {words[i + 1]}", [ref]))  # "the program one"
    pairs = _offered_sides(words, stemmed, taken, qualifiers) if offered else []
    paired = {i for start, said, _ in pairs for i in range(start, start + len(said.split()))}
    return pairs + [m for m in found if m[0] not in paired]


def _offered_sides(words: list[str], stemmed: list[str], taken: set[int], qualifiers: dict[str, RoleRef]) -> list[Mention]:
    """'whose fault, product or program side', 'which do devs move into: product or program?': the two TPM roles
    offered by their telling words joined with 'or' / 'vs', a side word after each or the last, or nothing after them."""
    for i, first in enumerate(stemmed):
        ref = qualifiers.get(first)
        at = i + 1 + (words[i + 1 : i + 2] != [] and words[i + 1] in _SIDES)  # "product side or …"
        if ref is None or words[at : at + 1] == [] or words[at] not in _AGAINST:
            continue
        second = at + 1 + (words[at + 1 : at + 2] != [] and words[at + 1] in _DETERMINERS)  # "product or the program side"
        other = qualifiers.get(stemmed[second]) if second < len(words) else None
        end = second + 1 + (words[second + 1 : second + 2] != [] and words[second + 1] in _SIDES)
        closed = end == len(words) or words[end - 1] in _SIDES
        if other is not None and other != ref and closed and not taken & set(range(i, end)):
            return [(i, " ".join(words[i:at]), [ref]), (second, " ".join(words[second:end]), [other])]
    return []


#: Words that set one role against another: "devrel vs tech pm", "tech pgm or sre".
_AGAINST = tx.word_set("against")


def unknown_beside(kb: KnowledgeBase, words: list[str], mentions: list[Mention], known: frozenset[str]) -> list[str]:
    """Words set against a named role ('devrel vs tech pm', 'tpgm or sre') that no text of the graph and no cue uses:
    the name of a role the graph does not model, reported as such rather than searched for; so are such words in a role's
    place ([role_slots]: 'what does a devrel do')."""
    taken = {i for start, phrase, _ in mentions for i in range(start, start + len(phrase.split()))}
    found: list[str] = []
    for start, phrase, _ in mentions:
        for joiner, step in ((start - 1, -1), (start + len(phrase.split()), 1)):
            at = joiner + step
            if 0 <= at < len(words) and words[at] in _DETERMINERS:
                at += step  # "tech pm vs a devrel"
            if not (0 <= joiner < len(words) and 0 <= at < len(words)) or words[joiner] not in _AGAINST or at in taken:
                continue
            word = words[at]
            if _unknown_word(kb, word, known) and word not in found:
                found.append(word)
    for start, end in _slots(words):  # "what does a devrel do", "i want to become a growth hacker"
        slot = words[start:end]
        if (not taken & set(range(start, end)) and slot[0] not in tx.stopwords() and any(_unknown_word(kb, w, known) for w in slot)
                and " ".join(slot) not in found):
            found.append(" ".join(slot))
    return found


def _unknown_word(kb: KnowledgeBase, word: str, known: frozenset[str]) -> bool:
    """A word no text of the graph, no cue and no stop word uses (not a misspelling: those are put right before)."""
    from rolegraph.ask.retrieve import index

    return word.isalpha() and len(word) >= 3 and word not in tx.stopwords() and word not in known and not index(kb).known(word)


def _slots(words: list[str]) -> list[tuple[int, int]]:
    """Where a role's name stands in a frame of ``[role_slots]`` ("what does a * do", "become a *"): the one or two
    words in place of the ``*``."""
    out = []
    for frame in tx.vocabulary()["role_slots"]["frames"]:
        before, after = (part.split() for part in frame.split("*"))
        for width in (1, 2):
            for i in range(len(before), len(words) - width - len(after) + 1):
                if words[i - len(before) : i] == before and words[i + width : i + width + len(after)] == after:
                    if not after and width == 2:
                        continue  # an open end takes the next word only
                    if not before and i and words[i - 1] not in _DETERMINERS:
                        continue  # an open start: the title opens the question ("sre reporting line") or its article does
                    out.append((i, i + width))
    return out


def one_role_named_twice(mentions: list[Mention]) -> tuple[list[str], RoleRef] | None:
    """The names and the role when the question names one role, and only that one, by two or more different names
    ('is pmt the same as a tech pm', 'sdm = engineering manager?'): a question about the names, not two roles."""
    twice = named_twice(mentions)
    return twice[0] if len(twice) == 1 and len({m[2][0].iri for m in mentions}) == 1 else None


def named_twice(mentions: list[Mention]) -> list[tuple[list[str], RoleRef]]:
    """The roles named by two or more different names ('pgm or pjm, which one is the project manager': the Project
    Manager), with their names; none when a mention has several readings."""
    if any(len(readings) != 1 for _, _, readings in mentions):
        return []
    names: dict[str, list[str]] = {}
    refs = {readings[0].iri: readings[0] for _, _, readings in mentions}
    for _, phrase, readings in mentions:
        names.setdefault(readings[0].iri, [])
        if phrase.rstrip("s") not in {n.rstrip("s") for n in names[readings[0].iri]}:
            names[readings[0].iri].append(phrase)
    return [(said, refs[iri]) for iri, said in names.items() if len(said) >= 2]
