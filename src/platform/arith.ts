/** a × b / c rounded down, exactly: the float product passes 2^53 for large purchases and
 * a full return then took back one point (or one fen of a line) too few. */
export const mulDiv = (a: number, b: number, c: number) => Number((BigInt(a) * BigInt(b)) / BigInt(c));
