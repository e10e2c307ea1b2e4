/**
 * Parses a yuan amount typed by an operator into integer fen.
 * Works on the digits, never through a float: 0.29 * 100 is 28.999999999999996 in IEEE 754.
 * Returns null for anything that is not a non-negative amount with at most two decimals.
 */
export function yuanToFen(input: string): number | null {
  // A Chinese IME in full-width mode types "１２．３０"; read it as the operator meant it.
  const ascii = input
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[,，]/g, '');
  // "12", "12.", "12.3", "12.30" and ".5".
  const m = /^(?=\.?\d)(\d*)(?:\.(\d{0,2}))?$/.exec(ascii);
  if (!m) return null;
  const [, yuan = '', cents = ''] = m;
  const fen = Number(yuan) * 100 + Number(cents.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 123456 → "1,234.56", again without dividing a float. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

export const formatPoints = (n: number): string => n.toLocaleString('en-US');
