// The holdout report's statistics: the difference of two means with Welch's t interval
// (unequal variances, Welch–Satterthwaite degrees of freedom). Pure functions.

/** ln Γ(x), Lanczos (g = 7, n = 9): about 15 significant digits for x > 0. */
function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the regularised incomplete beta function (Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** I_x(a, b), the regularised incomplete beta function. */
function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with df degrees of freedom. */
export function studentCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile (p > 0.5) of Student's t with df degrees of freedom, by bisection. */
export function studentQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (studentCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (studentCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Sample { n: number; mean: number; variance: number | null }

export interface Lift {
  absolute: number | null;
  pct: number | null;
  ci_low: number | null;
  ci_high: number | null;
  ci_low_pct: number | null;
  ci_high_pct: number | null;
  df: number | null;
  significant: boolean;
}

const round = (v: number, digits = 4) => Number(v.toFixed(digits));

/**
 * treated − held out, with the 95 % interval of Welch's t: se = √(s₁²/n₁ + s₂²/n₂),
 * df = se⁴ / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1)). Percentages are relative to the
 * held-out mean, taken as exact. No interval with fewer than 2 members on a side.
 */
export function welchLift(treated: Sample, held: Sample, level = 0.95): Lift {
  if (treated.n === 0 || held.n === 0) return { absolute: null, pct: null, ci_low: null, ci_high: null, ci_low_pct: null, ci_high_pct: null, df: null, significant: false };
  const diff = treated.mean - held.mean;
  const pct = (v: number) => (held.mean === 0 ? null : round((v / held.mean) * 100));
  let low: number | null = null;
  let high: number | null = null;
  let df: number | null = null;
  if (treated.n >= 2 && held.n >= 2 && treated.variance !== null && held.variance !== null) {
    const a = treated.variance / treated.n;
    const b = held.variance / held.n;
    const se = Math.sqrt(a + b);
    if (se === 0) {
      low = diff;
      high = diff;
    } else {
      df = (a + b) ** 2 / (a ** 2 / (treated.n - 1) + b ** 2 / (held.n - 1));
      const t = studentQuantile(1 - (1 - level) / 2, df);
      low = diff - t * se;
      high = diff + t * se;
    }
  }
  return {
    absolute: round(diff), pct: pct(diff),
    ci_low: low === null ? null : round(low), ci_high: high === null ? null : round(high),
    ci_low_pct: low === null ? null : pct(low), ci_high_pct: high === null ? null : pct(high),
    df: df === null ? null : round(df, 2), significant: low !== null && high !== null && (low > 0 || high < 0),
  };
}
