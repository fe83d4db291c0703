// Search hits as list items: each says what it is (文章 / 活动) and whether a talk is over or
// cancelled; articles come first, then events still to come, then past ones.
export interface Hit {
  url: string;
  excerpt: string;
  meta: { title?: string; kind?: string; state?: string };
}

const rank = (h: Hit) => (h.meta.kind === '文章' ? 0 : h.meta.state ? 2 : 1);

export function renderResults(hits: Hit[]): HTMLLIElement[] {
  return [...hits].sort((a, b) => rank(a) - rank(b)).map((d) => {
    const li = document.createElement('li');
    li.className = 'card';
    li.dataset.resultKind = d.meta.kind ?? '';
    const h = document.createElement('h3');
    h.className = 'text-xl font-bold';
    const badge = document.createElement('span');
    badge.className = 'event-badge mr-2 bg-soft text-ink';
    badge.textContent = d.meta.kind ?? '页面';
    const a = document.createElement('a');
    a.href = d.url;
    a.textContent = d.meta.title ?? d.url;
    h.append(badge, a);
    if (d.meta.state) {
      const s = document.createElement('span');
      s.className = 'event-badge ml-2 bg-muted text-white';
      s.dataset.resultState = d.meta.state;
      s.textContent = d.meta.state;
      h.append(s);
    }
    const p = document.createElement('p');
    p.className = 'mt-2';
    // Excerpts come from our own index; Pagefind escapes the text and only adds <mark>.
    p.innerHTML = d.excerpt;
    li.append(h, p);
    return li;
  });
}
