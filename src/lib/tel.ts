// Tap-to-call links. The href keeps only what a dialler reads (digits and a leading +); the visible
// number swaps "-" for a non-breaking hyphen (U+2011) so "0532-00000000" never wraps onto two lines,
// where an older reader would take the halves for two numbers.
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

export function telText(number: string): string {
  return number.replaceAll('-', '\u2011');
}
