// Residents type questions ("养老金被骗了怎么办"), not keywords. Pagefind matches whole words, and
// a Chinese question is one long "word" to it, so the query is segmented into words (Intl.Segmenter,
// zh), question and filler words are dropped, and if all the words together find nothing the search
// falls back to fewer words, keeping the longest (the ones that say most), down to the longest alone.

// Words that say nothing about which scam is meant ("办": the dictionary cuts 怎么办 into 怎么 + 办).
const filler = new Set([
  '怎么办', '怎么', '办', '怎样', '如何', '什么', '为什么', '是不是', '是否', '吗', '呢', '吧', '啊', '了', '的', '地', '得',
  '我', '我们', '你', '您', '他', '她', '有人', '人', '被', '把', '让', '给', '说', '要', '会', '能', '可以', '应该',
  '是', '有', '在', '和', '与', '还', '就', '都', '也', '又', '很', '这', '那', '个', '一个', '正常', '真的', '现在', '已经',
]);

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The meaningful words of a question, in order, without repeats. The dictionary splits words it
 *  does not know (客服, 征信, 刷单) into single characters; runs of those are joined back. */
export function searchTerms(question: string): string[] {
  const words: string[] = [];
  let run = '';
  for (const s of segmenter.segment(question.normalize('NFKC').toLowerCase())) {
    const w = s.segment;
    const single = s.isWordLike && [...w].length === 1 && /\p{Script=Han}/u.test(w) && !filler.has(w);
    if (single) { run += w; continue; }
    if (run) words.push(run);
    run = '';
    if (s.isWordLike && !filler.has(w)) words.push(w);
  }
  if (run) words.push(run);
  return [...new Set(words.filter((w) => !filler.has(w)))];
}

/** Queries to try in turn (Pagefind wants every word of a query): all the words, then without the
 *  shortest one, and so on down to the longest word alone. Callers pass the words the index knows. */
export function fallbackQueries(terms: readonly string[]): string[] {
  // Longest first; equally long words keep their order in the question.
  const ranked = terms.map((t, i) => ({ t, i })).sort((a, b) => b.t.length - a.t.length || a.i - b.i);
  const plan: string[] = [];
  for (let keep = ranked.length; keep >= 1; keep--) {
    plan.push(ranked.slice(0, keep).sort((a, b) => a.i - b.i).map((r) => r.t).join(' '));
  }
  return plan;
}
