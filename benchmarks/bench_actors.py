"""Actor resolution time per mention against spaCy's parse time per sentence, same text.

    .venv/bin/python benchmarks/bench_actors.py [--repeat 20]

Uses the sentences below (written for this benchmark: South Asian and Middle Eastern
politics, titles, possessives, capitals, armed groups). Times, on the same sentences:

(a) spaCy's parse (``nlp.pipe``), per sentence;
(b) ``Resolver.mentions`` over each parsed sentence, per sentence and per mention found;
(c) ``Resolver.resolve`` on each mention's text as a plain string, per mention;
(d) loading the knowledge base once (``load_kb``, cold).

and prints them with the ratio of (a) to (b): how many times faster resolving a sentence's
actors is than parsing it.
"""

from __future__ import annotations

import argparse
import time

SENTENCES = [
    "Prime Minister Imran Khan met President Trump at the White House on Monday.",
    "Pakistan's army chief General Qamar Javed Bajwa held talks with Pentagon officials.",
    "U.S. officials want Islamabad to convince the Taliban to negotiate directly with Kabul.",
    "Chinese workers in Pakistan were attacked by militants of the Balochistan Liberation Army.",
    "The Financial Action Task Force kept Pakistan on its grey list, officials in Islamabad said.",
    "Indian troops exchanged fire with Pakistani soldiers along the Line of Control.",
    "External Affairs Minister S. Jaishankar told Chinese Foreign Minister Wang Yi that New Delhi wants calm.",
    "Hamas fighters fired rockets at Tel Aviv after Israeli warplanes struck Gaza City.",
    "Hezbollah leader Hassan Nasrallah warned Israel against an attack on Lebanon.",
    "The Houthis seized a ship in the Red Sea, a spokesman for the Saudi-led coalition said.",
    "Russian forces shelled Kharkiv as President Volodymyr Zelensky appealed to NATO for air defences.",
    "Iran's Foreign Minister Abbas Araghchi met IAEA chief Rafael Grossi in Tehran.",
    "The Rapid Support Forces attacked El Fasher, and the Sudanese army vowed to retake the city.",
    "Afghan Taliban officials met Zalmay Khalilzad in Doha to discuss the withdrawal of U.S. troops.",
    "Jamaat-ud-Dawa leader Hafiz Saeed was arrested by counter-terrorism police in Lahore.",
    "Bangladesh's interim leader Muhammad Yunus asked India to hand over former prime minister Sheikh Hasina.",
    "The European Union and the United Nations urged both sides to return to talks.",
    "Opposition lawmakers in Islamabad accused the government of rigging the vote.",
    "Saudi Crown Prince Mohammed bin Salman hosted Turkish President Recep Tayyip Erdogan in Riyadh.",
    "American and Pakistani companies signed agreements worth $2 billion, the commerce ministry said.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20, help="times to run each measure (the best is kept)")
    args = parser.parse_args(argv)

    from dyad.actors import kb as actors_kb
    from dyad.actors.resolver import ArticleContext, Resolver
    from dyad.nlp.parse import load_model, parse_text

    start = time.perf_counter()
    actors_kb._bundled_kb.cache_clear()
    kb = actors_kb.load_kb()
    load_s = time.perf_counter() - start

    nlp = load_model()
    list(nlp.pipe(SENTENCES))  # warm up
    parse_s = min(_time(lambda: list(nlp.pipe(SENTENCES))) for _ in range(args.repeat))
    sentences = parse_text("\n".join(SENTENCES), article_id="bench")  # one paragraph a line

    resolver = Resolver(kb)

    def mentions():
        context = ArticleContext(date="2024-06-01")
        return [resolver.mentions(s, context=context) for s in sentences]

    found = mentions()
    texts = [m.text for ms in found for m in ms if m.code]
    n_mentions = sum(len(ms) for ms in found)
    mention_s = min(_time(mentions) for _ in range(args.repeat))
    resolve_s = min(_time(lambda: [resolver.resolve(t, "2024-06-01") for t in texts]) for _ in range(args.repeat))

    n = len(sentences)
    print(f"{n} sentences, {n_mentions} mentions found ({len(texts)} resolved), best of {args.repeat}\n")
    print(f"{'measure':46} {'total ms':>9} {'per item':>12}")
    print(f"{'(a) spaCy parse (nlp.pipe), per sentence':46} {parse_s * 1e3:>9.2f} {parse_s / n * 1e6:>9.0f} us")
    print(f"{'(b) Resolver.mentions, per sentence':46} {mention_s * 1e3:>9.2f} {mention_s / n * 1e6:>9.0f} us")
    print(f"{'    ... per mention':46} {'':>9} {mention_s / n_mentions * 1e6:>9.0f} us")
    print(
        f"{'(c) Resolver.resolve(text), per mention':46} {resolve_s * 1e3:>9.2f} "
        f"{resolve_s / len(texts) * 1e6:>9.0f} us"
    )
    print(f"{'(d) load_kb, once (cold)':46} {load_s * 1e3:>9.1f} {len(kb):>8} entries")
    print(
        f"\nparse / resolve per sentence: {parse_s / mention_s:.1f}x "
        f"(resolving a sentence's actors takes {mention_s / parse_s:.1%} of parsing it)"
    )
    return 0


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
