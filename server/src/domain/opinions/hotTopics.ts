import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { STOP_WORDS } from './stopWords';

let jieba: Jieba | null = null;
/** Loading the dictionary takes ~200 ms: once per process, on first use. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

export interface TopicDoc {
  text: string;
  cosigns: number;
}

export interface HotTerm {
  term: string;
  /** sum over opinions mentioning it of (1 + co-signs) */
  weight: number;
  /** how many opinions mention it */
  opinions: number;
}

/** The terms of one text worth counting: no stop words, punctuation, numbers or single characters. */
export function termsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of segmenter().cut(text, true)) {
    const term = w.trim().toLowerCase();
    if (Array.from(term).length < 2) continue;
    if (!/^[\p{Script=Han}a-z]/u.test(term) || /^[\d.]+$/.test(term)) continue;
    if (STOP_WORDS.has(term)) continue;
    out.add(term);
  }
  return out;
}

/**
 * 民意热度: each opinion counts a term once, weighted by 1 + its co-signs (an opinion 20
 * neighbours co-signed is louder than one nobody did). Ties break on how many opinions mention
 * the term, then alphabetically, so the answer is stable.
 */
export function rankHotTerms(docs: TopicDoc[], top = 20): HotTerm[] {
  const acc = new Map<string, HotTerm>();
  for (const d of docs) {
    const w = 1 + Math.max(0, d.cosigns);
    for (const term of termsOf(d.text)) {
      const cur = acc.get(term) ?? { term, weight: 0, opinions: 0 };
      cur.weight += w;
      cur.opinions += 1;
      acc.set(term, cur);
    }
  }
  return [...acc.values()]
    .sort((a, b) => b.weight - a.weight || b.opinions - a.opinions || a.term.localeCompare(b.term, 'zh'))
    .slice(0, top);
}
