// 13812341234 -> 138****1234: enough for a coordinator to tell two volunteers apart, useless to a
// bystander. Mirrors xinghuo.mask_phone so screens and exports agree.
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 8) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
