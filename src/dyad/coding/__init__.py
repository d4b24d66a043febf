"""The code stage: parsed sentences -> CAMEO/PLOVER events with actors, modality, date, evidence.

For every token the lexicon (``dyad.coding.lexicon``) knows as a trigger, the best-matching
pattern is chosen (the one whose constraints are most specific). The grammar then finds who
did what to whom on the dependency parse:

- active and passive voice ("X arrested Y", "Y was arrested by X", "Y, arrested by X");
- compound sources and targets, one event per pair; reciprocal verbs ("X and Y met");
- prepositional targets ("met with", "talks with", "pressure on");
- control and complement clauses: the frame event ("urged Pakistan to arrest X" -> appeal
  USA->PAK, coded by what is asked, see ``compose`` in frames.lex) and the embedded event
  (arrest PAK->X, desired);
- nominal events: possessor, actor modifiers, ``by``/``from`` phrases and light verbs give
  the source ("Khan's visit to Washington", "U.S.-Taliban talks", "held talks with");
- relative clauses, participles and appositions; reported speech (a statement is coded as
  010 only when nothing more specific is said), quoted speech, headlines;
- background events (relative clauses, restrictive participles, "after …" adjuncts, purposes)
  are kept only when the sentence asserts nothing else; what a reject/accept verb rejects
  ("rejected an offer from Kabul") is its content and names its target, not a second event.

Modality comes from :mod:`dyad.coding.modality`, dates from :mod:`dyad.coding.dates`, actors from the
resolver (``dyad.actors.resolver.Resolver`` unless another is passed). Only events with a resolved
source or target are kept; nominal events need a resolved source.

The parts, each importing only those before it:

- :mod:`~dyad.coding.tree`: the parse as a tree, with the lexicon's word queries;
- :mod:`~dyad.coding.participants`: the tokens that fill a predicate's slots, a nominal
  event's doer, an event's targets;
- :mod:`~dyad.coding.triggers`: patterns matched at tokens, frames and their complements;
- :mod:`~dyad.coding.actors`: the resolver protocol and participants resolved to actors;
- :mod:`~dyad.coding.assemble`: events from matches and their actors;
- :mod:`~dyad.coding.model` (with :mod:`~dyad.coding.vectors`): the learned trigger model
  and event verifier;
- :mod:`~dyad.coding.coder`: :class:`Coder` and the public helpers below.

The public names load on first use, so importing this package stays cheap.
"""

from __future__ import annotations

TYPE_CHECKING = False  # (not typing's: importing this package stays light)
if TYPE_CHECKING:
    from dyad.coding.actors import ActorResolver
    from dyad.coding.coder import Coder, Document, code_documents, code_text, light_clean

__all__ = ["ActorResolver", "Coder", "Document", "code_documents", "code_text", "light_clean"]


def __getattr__(name: str):
    if name == "ActorResolver":
        from dyad.coding.actors import ActorResolver

        return ActorResolver
    if name in __all__:
        from dyad.coding import coder

        return getattr(coder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
