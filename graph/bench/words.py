"""Names, labels and sentences for generated corpora: plausible news prose, not lorem ipsum.

Every function draws from the ``random.Random`` it is given, so a seed fixes the text.
"""

from __future__ import annotations

import random
import re

_SYLLABLES = ("ar", "bel", "cor", "dan", "el", "fra", "gor", "hal", "is", "jun", "kar", "lun",
              "mor", "nev", "os", "pra", "quin", "ros", "sal", "tor", "ul", "var", "wes", "zan",
              "bra", "ce", "dor", "fen", "gal", "lis", "mar", "ny", "por", "sev", "tan", "vol")
_FIRST = ("Anna", "Boris", "Clara", "Dmitri", "Élodie", "Farid", "Greta", "Hiroshi", "Ines", "Jonas",
          "Katarzyna", "Lars", "Maëlle", "Nikos", "Olga", "Pavel", "Rania", "Søren", "Tomás", "Ursula",
          "Viktor", "Wanjiru", "Yusuf", "Zoë", "Aleksander", "Beatriz", "Chiara", "Dag", "Emre", "Fiona")
_ORG_KINDS = ("Council", "Union", "Agency", "Forum", "Institute", "Federation", "Bureau", "League")
_ALLIANCE_KINDS = ("Pact", "Alliance", "Defence Community", "Treaty Organisation")
_COMMITTEE_KINDS = ("Defence Committee", "Foreign Affairs Committee", "Budget Committee",
                    "Security Council Committee")
_OUTLETS = ("Herald", "Tribune", "Courier", "Post", "Gazette", "Observer", "Daily", "Chronicle")
_GROUPS = ("European capitals", "Kiev's allies", "Eastern members", "neutral states",
           "frontline states", "donor countries", "Nordic governments", "southern partners")

_ACTIONS = ("deploying", "funding", "extending", "training", "sending", "guaranteeing", "monitoring",
            "financing", "rebuilding", "stockpiling", "reforming", "coordinating", "demining",
            "insuring", "shielding", "integrating")
_OBJECTS = ("air defence", "border troops", "reconstruction loans", "a ceasefire line",
            "naval patrols", "grain corridors", "energy grids", "peacekeepers", "artillery shells",
            "cyber defences", "sanctions relief", "frozen assets", "a reassurance force",
            "refugee support", "arms exports", "security guarantees", "accession talks",
            "a no-fly zone", "training missions", "long-range missiles")
_PLACES = ("the Black Sea", "the eastern flank", "the Baltic", "the Danube delta", "the north",
           "the border regions", "the coast", "the capital", "the occupied territories", "the region")

_VERB_PHRASES = {
    "supports": ("backed", "voiced support for", "came out in favour of", "endorsed"),
    "offers": ("offered", "put forward an offer of", "said it stands ready to provide"),
    "assures": ("assured partners of", "gave assurances on", "promised"),
    "insists-on": ("insisted on", "demanded", "made clear it would accept nothing less than"),
    "commits-to": ("committed to", "pledged", "signed up to"),
    "plans-for": ("is drawing up plans for", "has begun planning for", "is preparing"),
    "develops": ("is developing", "is working out the details of", "has been designing"),
    "opposes": ("opposed", "spoke out against", "objected to"),
    "rules-out": ("ruled out", "excluded", "said there could be no question of"),
    "declines-to-contribute": ("declined to take part in", "will not contribute to",
                               "refused to send anyone for"),
    "warns-against": ("warned against", "cautioned against", "said it would regard as escalation"),
    "rejects": ("rejected", "dismissed", "turned down"),
    "resists": ("resisted", "pushed back against", "has been stalling"),
    "is-hesitant-about": ("hesitated over", "was noncommittal about", "has doubts about"),
    "is-reserved-about": ("was reserved about", "expressed reservations about", "stayed cautious on"),
    "is-sceptical-of": ("was sceptical of", "questioned", "cast doubt on"),
    "keeps-distance-from": ("kept its distance from", "stayed away from talks on",
                            "avoided committing to"),
    "discusses": ("discussed", "debated", "held talks on", "weighed"),
    "speaks-for": ("speaking for", "on behalf of", "representing"),
    "member-of": ("a member of", "which belongs to", "as part of"),
    "ally-of": ("stood with", "reaffirmed its alliance with", "closed ranks with"),
    "backs": ("threw its weight behind", "backed", "supported"),
    "at-war-with": ("remains at war with", "is fighting", "continued its offensive against"),
    "chairs": ("chairs", "presides over", "leads"),
}
_CLAUSES = ("after a meeting of ministers on Tuesday", "according to two officials familiar with the talks",
            "despite growing pressure from its partners", "in a statement released late on Monday",
            "citing limited military resources", "as negotiators met for a third round",
            "in an interview with local television", "while stressing that talks would continue",
            "ahead of a summit later this month", "amid concern about public opinion at home",
            "once the fighting ends", "as long as the ceasefire holds")
_CONDITIONS = ("if the ceasefire holds", "if the United Nations gives a mandate",
               "provided that parliament approves the budget", "if other partners do the same",
               "once a peace agreement is signed", "if the security situation allows")
_REASONS = ("due to limited military resources", "because of the cost", "for fear of escalation",
            "because parliament has not approved it", "for lack of a legal mandate")
_FILLER = ("Talks are expected to continue next week.", "Officials declined to give further details.",
           "The proposal has divided the government for months.",
           "Diplomats described the mood as tense but constructive.",
           "Several questions about command and funding remain open.",
           "Opinion polls show the public split on the issue.",
           "A spokesperson said the position had not changed since the spring.",
           "The meeting lasted well into the night.",
           "None of the participants published a joint statement.",
           "Critics called the plan vague and expensive.")
ROLES = ("President", "Prime Minister", "Foreign Minister", "Defence Minister", "spokesperson",
         "ambassador", "chief negotiator", "Secretary General", "chair")

_SLUG_CLEAN = re.compile(r"[^a-z0-9]+")
_ASCII = str.maketrans("ÉéëèÆæØøÅåÖöÜüÄäßÇçÑñ", "EeeeAaOoAaOoUuAasCcNn")


def slugify(text: str) -> str:
    """A slug of ``text``: ASCII lowercase words joined by single hyphens.

    >>> slugify("Zoë Marlund, Minister")
    'zoe-marlund-minister'
    """
    return _SLUG_CLEAN.sub("-", text.translate(_ASCII).lower()).strip("-")


def word(rng: random.Random, syllables: int = 2) -> str:
    """A capitalised invented word."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def actor_label(rng: random.Random, kind: str) -> str:
    """A label fitting an actor of type ``kind``."""
    name = word(rng, rng.choice((2, 2, 3)))
    return {
        "State": name + rng.choice(("", "ia", "land", "stan", "ovia")),
        "Person": f"{rng.choice(_FIRST)} {word(rng, 2)}{rng.choice(('', 'sen', 'ov', 'ez', 'ski'))}",
        "AnonymousSource": rng.choice(("a senior", "a Western", "an Eastern", "a European"))
        + " " + rng.choice(("diplomat", "official", "lawmaker", "adviser")) + f" from {name}",
        "Organization": f"{name} {rng.choice(_ORG_KINDS)}",
        "Alliance": f"{name} {rng.choice(_ALLIANCE_KINDS)}",
        "Committee": f"{name} {rng.choice(_COMMITTEE_KINDS)}",
        "MediaOutlet": f"The {name} {rng.choice(_OUTLETS)}",
        "Group": f"{rng.choice(_GROUPS)} around {name}",
    }[kind]


def issue_label(rng: random.Random, parent: str | None) -> str:
    """A proposal's label, narrower-sounding when it has a ``parent``."""
    base = f"{rng.choice(_ACTIONS).capitalize()} {rng.choice(_OBJECTS)}"
    return f"{base} in {rng.choice(_PLACES)}" if parent else base


def definition(rng: random.Random, label: str) -> str:
    """A one-sentence definition of an issue."""
    return (f"The proposal of {label[0].lower() + label[1:]}, as discussed among partners "
            f"{rng.choice(_CLAUSES)}.")


def quote(rng: random.Random, subject: str, relation: str, target: str) -> str:
    """A sentence in which ``subject`` bears ``relation`` to ``target``: 60 to 250 characters."""
    verb = rng.choice(_VERB_PHRASES.get(relation, ("spoke about",)))
    target_text = target[0].lower() + target[1:] if target[:1].isupper() and " " in target else target
    text = f"{subject} {verb} {target_text}"
    for _ in range(rng.choice((0, 1, 1, 2))):
        text += f", {rng.choice(_CLAUSES)}"
    while len(text) < 60:
        text += f", {rng.choice(_CLAUSES)}"
    return text[:250].rstrip(" ,")


def filler(rng: random.Random) -> str:
    """A sentence that carries no stance."""
    return rng.choice(_FILLER)


def condition(rng: random.Random) -> str:
    return rng.choice(_CONDITIONS)


def reason(rng: random.Random) -> str:
    return rng.choice(_REASONS)


def title(rng: random.Random, about: str) -> str:
    """A headline about the issue labelled ``about``."""
    return rng.choice(("Allies divided over", "New push on", "Doubts grow over", "Talks stall on",
                       "Capitals weigh")) + " " + about[0].lower() + about[1:]
