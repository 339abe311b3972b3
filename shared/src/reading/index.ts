// The reader of numbers, money and quantities in customers' texts, Russian and English (README.md).
export {
  findNumbers,
  numberLike,
  type FoundNumber,
  type NumberLike,
  type FindNumbersOptions,
} from './numbers';
export { findMoney, type FoundMoney } from './money';
export {
  findQuantities,
  MAX_QUANTITY,
  type Quantities,
  type QuantityLine,
  type UnreadQuantity,
} from './quantities';
