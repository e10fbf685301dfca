"""The interactive self-assessment behind ``rolegraph fit`` on a terminal.

Prompts go to stderr and answers are read from stdin directly (typer.prompt writes a space to
stdout, which would corrupt ``fit -f csv > me.csv``). Each skill shows its place in the list and
a one-line definition; a bad answer is asked again; Enter skips a skill; ``q`` (or the end of
input) stops and keeps the answers so far.
"""

from __future__ import annotations

from typing import TextIO

from rolegraph.kb import KnowledgeBase

STOP = ("q", "quit", "stop")


def prompt_ratings(kb: KnowledgeBase, answers: TextIO, prompts: TextIO) -> list[str]:
    """Ask for a 0–5 rating of each modelled skill; ``skill=level`` entries for the ones answered."""
    skills = kb.named("skills").records()
    prompts.write(f"Rate {len(skills)} skills from 0 (none) to 5 (expert). Enter skips a skill; q stops and keeps the answers so far.\n")
    entries: list[str] = []
    for number, row in enumerate(skills, start=1):
        definition = " ".join(str(row["definition"] or "").split())
        prompts.write(f"[{number}/{len(skills)}] {row['label']} [{row['category']}]: {definition}\n")
        while True:
            prompts.write("  your level (0-5, Enter skips, q stops): ")
            prompts.flush()
            line = answers.readline()
            answer = line.strip().lower()
            if not line or answer in STOP:
                prompts.write(f"\nStopped: {len(entries)} of {len(skills)} skills rated.\n")
                return entries
            if answer == "" or (answer.isdigit() and 0 <= int(answer) <= 5):
                break
            prompts.write(f"  {line.strip()!r} is not a level: type a whole number from 0 to 5, press Enter to skip, or q to stop.\n")
        if answer:
            entries.append(f"{row['label']}={answer}")
    prompts.write(f"{len(entries)} of {len(skills)} skills rated.\n")
    return entries
