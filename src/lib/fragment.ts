// Private links keep their token in the URL fragment (no server or log ever sees it). A link pasted
// into the same tab changes only the fragment, without a reload: read it now and on every change.
export function watchFragment(onChange: (params: URLSearchParams) => void): () => void {
  const read = () => onChange(new URLSearchParams(location.hash.slice(1)));
  read();
  window.addEventListener('hashchange', read);
  return () => window.removeEventListener('hashchange', read);
}
