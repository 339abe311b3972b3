// The product catalog's domain: finding products a customer names, reading what a message asks a quote
// for, computing quotes in integer minor units and writing their arithmetic in Russian or English.
export * from './product-match';
export * from './quote-request';
export * from './quote';
export * from './deal-quote';
export * from './format-quote';
export { amountsIn, statesAmount } from './quote-check';
export { basisPoints, minorDigits, percentOf, toMajor, toMinor } from './money';
export { compactSku, tokenize, wordKey } from './text-keys';
export * from './suggest';
export * from './units';
