"""The coder: parsed sentences -> events, and the public helpers that parse and code text,
documents or a store's articles.

For each sentence: find the triggers (:mod:`dyad.coding.triggers`), let the learned models
confirm or propose some (:mod:`dyad.coding.model`), resolve who did what to whom
(:mod:`dyad.coding.participants`, :mod:`dyad.coding.actors`), and assemble the events
(:mod:`dyad.coding.assemble`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from dyad.coding import dates as dates_mod
from dyad.coding import triggers
from dyad.coding.actors import ActorResolver, SentenceActors
from dyad.coding.assemble import has_code, match_events, settle
from dyad.coding.captions import repair_caption
from dyad.coding.lexicon import Lexicon, Pattern, load_lexicon
from dyad.coding.modality import SentenceModality
from dyad.coding.tree import NOMINAL, CodingTree
from dyad.coding.triggers import Match, SentenceState
from dyad.records import CleanText, Event, Reject, Sentence
from dyad.settings import Settings

log = logging.getLogger(__name__)


class Coder:
    """Codes parsed sentences into events.

    ``resolver`` is an :class:`~dyad.coding.actors.ActorResolver` (``dyad.actors.resolver.Resolver``
    unless another is passed); ``context_factory(date)`` makes its per-article
    coreference memory (``dyad.actors.resolver.ArticleContext`` for the real resolver);
    ``track_mentions`` shows every sentence's actors to that memory.
    Events whose actors did not resolve are kept with the participants' words (an unnamed
    or unknown doer still did it; analytics count dyads only where codes are known); those
    of the classes the trigger models know stand only when the event verifier believes
    them. ``require_actors=False`` also keeps patterns that need a known target ("went to
    Kabul") without one (for sentence classification).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        resolver: ActorResolver | None = None,
        lexicon: Lexicon | None = None,
        require_actors: bool = True,
        context_factory=None,
        track_mentions: bool = True,
    ):
        self.settings = settings or Settings.from_env()
        self.lexicon = lexicon or load_lexicon(tuple(self.settings.lexicon_files))
        if resolver is None:
            from dyad.actors.resolver import Resolver  # the actors stage; imported lazily

            resolver = Resolver(settings=self.settings)
        if context_factory is None and type(resolver).__module__ == "dyad.actors.resolver":
            from dyad.actors.resolver import ArticleContext

            context_factory = ArticleContext
        self._context_factory = context_factory
        self.track_mentions = track_mentions
        self.resolver = resolver
        self.require_actors = require_actors
        self.model = self.verifier = None
        # "candidates": no model, but every trigger of a modelled class is kept without
        # actors (what the verifier is trained on; scripts/train_trigger_model.py)
        self.candidates = self.settings.trigger_model == "candidates"
        if self.settings.trigger_model not in ("off", "candidates"):
            from dyad.coding.model import MODEL_NAME, VERIFIER_NAME, load_model, load_verifier

            where = self.settings.trigger_model
            folder = None if where == "bundled" else where
            self.model = load_model(f"{folder}/{MODEL_NAME}" if folder else None)
            self.verifier = load_verifier(f"{folder}/{VERIFIER_NAME}" if folder else None)
        if self.model is not None or self.verifier is not None or self.candidates:
            from dyad.coding.model import lexicon_roots

            self._lex_roots = lexicon_roots(self.lexicon)

    def new_context(self, date: str | None = None):
        """A fresh coreference memory for one article (``None`` for resolvers without one)."""
        if self._context_factory is not None:
            return self._context_factory(date)
        make = getattr(self.resolver, "new_context", None)
        return make(date) if make else None

    # -- public --------------------------------------------------------------------------

    def code_sentences(self, sentences: Iterable[Sentence], doc_id: str, date: str | None) -> Iterator[Event]:
        """Events of one article's sentences, in order (one coreference context per article)."""
        context = self.new_context(date)
        for sentence in sentences:
            yield from self.code_sentence(sentence, doc_id, date, context)
            if context is not None and self.track_mentions and any(e.label == "PERSON" for e in sentence.entities):
                # let the coreference memory see the people named ("he", "Khan" later on),
                # not only event participants
                try:
                    self.resolver.mentions(sentence, date=date, context=context)
                except Exception:  # a resolver bug must not lose the article
                    log.exception("resolver failed on sentence %s", sentence.sentence_id)

    def code_sentence(self, sentence: Sentence, doc_id: str, date: str | None, context=None) -> list[Event]:
        if not sentence.tokens:
            return []
        sentence = repair_caption(sentence, self.lexicon)
        st = SentenceState(sentence, CodingTree(sentence, self.lexicon))
        triggers.find(st, self.lexicon)
        if self.model is not None or self.verifier is not None or self.candidates:
            self._apply_model(st)
        if not st.matches:
            return []
        st.modality = SentenceModality(sentence)
        actors = SentenceActors(self.resolver, st, date, context)
        exprs = dates_mod.expressions(sentence)
        events: list[Event] = []
        statements: set[int] = set()  # positions of plain statements (010 "said")
        background: set[int] = set()  # positions of events in descriptive clauses
        described: set[int] = set()  # ids of those in participles and relative clauses on a noun
        seen: set[tuple] = set()
        for i in sorted(st.matches):
            m = st.matches[i]
            for ev in match_events(st, m, actors, self.lexicon, doc_id, date, exprs, self.require_actors):
                # a coded actor vouches for an event (a nominal one only through its doer)
                coded = bool(ev.source and ev.source.code) or (m.kind != "noun" and has_code(ev))
                if m.confirmed and self.verifier is not None and not coded:
                    if not self._verify(st, m, ev, False):
                        continue
                    if m.proposed_by == "lexicon":
                        ev = replace(ev, proposed_by="lexicon+model")  # the verifier vouched for it
                elif m.confirmed and not self._verify(st, m, ev, coded and m.proposed_by != "model"):
                    continue
                key = (
                    ev.cameo,
                    ev.source.code if ev.source else None,
                    ev.target.code if ev.target else None,
                    ev.modality,
                )
                if key in seen:
                    continue
                seen.add(key)
                if m.frame == "say" and not m.reported:
                    statements.add(len(events))
                if st.modality.background(m.token, frozenset(st.matches)):
                    background.add(len(events))
                    if st.tree.toks[m.token].dep in ("acl", "relcl"):
                        described.add(id(ev))
                events.append(ev)
        return settle(st, events, statements, background, described)

    # -- the learned models (dyad.coding.model) -------------------------------------------

    def _apply_model(self, st: SentenceState) -> None:
        """Triggers of the classes the models know may stand without actors (the verifier
        judges them in :meth:`_verify`), and the trigger model proposes triggers the lexicon
        missed (``dyad.coding.model``)."""
        from dyad.coding.model import class_of

        model, tree = self.model, st.tree
        for m in st.matches.values():
            if class_of(m.code) is not None and (self.verifier is not None or self.candidates):
                m.confirmed = True
        if model is None or model.propose > 1.0:
            return  # proposing is off (the shipped default: see docs/model.md)
        scores = model.score(st.sentence, self._lex_roots)
        for i, m in st.matches.items():
            if class_of(m.code) is not None and scores.prob(i, class_of(m.code) or "NONE") >= model.propose:
                m.proposed_by = "lexicon+model"
        taken = {j for m in st.matches.values() for j in (m.token, *m.words, *m.consumed)}
        discarded = self.lexicon.discarded([tree.lem[t.i] for t in tree.toks])
        for i in scores.probs:
            if i in taken or i in st.silenced or tree.lem[i] in discarded:
                continue
            label, p = scores.best(i)
            if label == "NONE" or p < model.propose:
                continue
            t = tree.toks[i]
            kind = "noun" if t.pos in NOMINAL else ("adj" if t.pos == "ADJ" else "verb")
            code = model.meta.get("default_codes", {}).get(label)
            if not code:
                continue
            pat = Pattern(kind=kind, head=tree.lem[i], extras=(), code=code, origin="model")
            st.matches[i] = Match(
                token=i,
                pattern=pat,
                words=(i,),
                code=code,
                proposed_by="model",
                depth=triggers.clause_depth(tree, i),
                confirmed=True,
            )

    def _verify(self, st: SentenceState, m: Match, ev: Event, coded: bool) -> bool:
        """Keep an event of a modelled class only when the verifier believes it: an event
        with no known actor needs its belief, one with a coded actor only its not disbelief."""
        from dyad.coding.model import class_of, dense, event_features, event_token

        if self.verifier is None or class_of(ev.cameo) is None:
            return True
        i = event_token(st.sentence.tokens, ev.evidence.start)
        i = m.token if i is None else i
        toks, kids = st.sentence.tokens, st.tree.kids  # the tree's dependants: model.children's
        vectors = None if self.verifier.dense_weights is None else dense(toks, i, self.verifier.vectors, kids)[None, :]
        p = float(self.verifier.score_features([event_features(toks, i, ev, self._lex_roots, kids)], vectors)[0][1])
        if coded:
            return p >= self.verifier.meta.get("veto_coded_threshold", 0.0)
        return p >= self.verifier.meta.get("keep_threshold", 0.5)


# ---------------------------------------------------------------------------------------
# text, documents and stored articles


def light_clean(text: str) -> str:
    """Repair mojibake ("Pakistanâ€™s", "Taiwan‚Äôs": ftfy's encoding fixes only), normalise
    spaces and line ends; keep every line (headlines carry events too)."""
    import ftfy

    text = ftfy.fix_encoding(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def code_text(text: str, date: str | None = None, coder: Coder | None = None, doc_id: str = "text") -> list[Event]:
    """Parse and code one article's text (one paragraph per line)."""
    from dyad.nlp.parse import parse_text

    coder = coder or Coder()
    sentences = parse_text(light_clean(text), article_id=doc_id, settings=coder.settings)
    return list(coder.code_sentences(sentences, doc_id, date))


@dataclass(frozen=True)
class Document:
    """A text to code: its id, text and publication date (ISO) where known."""

    id: str
    text: str
    date: str | None = None


def code_documents(docs: Iterable[Document], coder: Coder | None = None) -> Iterator[Event]:
    """Parse documents in batches (``nlp.pipe``) and code each; events in input order."""
    from dyad.nlp.parse import Parser

    coder = coder or Coder()
    parser = Parser(coder.settings)
    pending: list[Document] = []

    def items() -> Iterator[tuple[str, CleanText]]:
        for n, doc in enumerate(docs):
            pending.append(doc)
            text = light_clean(doc.text)
            yield f"{n}", CleanText.identity(text)

    for key, sentences in parser.parse_many(items()):
        doc = pending[int(key)]
        pending[int(key)] = None  # type: ignore[call-overload]  # free the text
        if isinstance(sentences, Reject):  # over the time budget: said, skipped, the rest goes on
            log.warning("skipped document %s: %s: %s", doc.id, sentences.reason, sentences.detail)
            continue
        sentences = [replace(s, article_id=doc.id) for s in sentences]
        yield from coder.code_sentences(sentences, doc.id, doc.date)
