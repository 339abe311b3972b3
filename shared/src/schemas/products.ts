// The team's product catalog: products and services the agents quote from and reps sell. Prices are
// lists per currency (and per billing period where the product is a subscription); discounts are
// volume tiers, a billing-period discount or a promo code with its validity. Quotes are computed from
// these fields by code (shared/src/catalog/), never by a model.
import {
  editableFields,
  editableRequired,
  idSchema,
  isoDateSchema,
  refSchema,
  shortText,
  stringList,
} from './common';
import { defineCollection, type DocOf, type OldDoc } from './collection';

const currencySchema = { type: 'string', pattern: '^[A-Z]{3}$' } as const;
const moneySchema = { type: 'number', minimum: 0, maximum: 1e12 } as const;

/** How often a price is paid: once, or per month or year of a subscription. */
export const billingPeriods = ['once', 'month', 'year'] as const;
const periodSchema = { type: 'string', enum: billingPeriods } as const;

/** A name or description in each language the team writes (the main `name` is the fallback). */
const localizedSchema = (maxLength: number) =>
  ({
    type: 'object',
    additionalProperties: false,
    properties: { ru: shortText(maxLength), en: shortText(maxLength) },
  }) as const;

export const productSchema = {
  title: 'product',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'sku', 'name', 'prices', ...editableRequired],
  properties: {
    id: idSchema,
    /** The team's own article number, unique within the team. */
    sku: { type: 'string', minLength: 1, maxLength: 64 },
    name: { type: 'string', minLength: 1, maxLength: 300 },
    names: localizedSchema(300),
    description: shortText(10_000),
    descriptions: localizedSchema(10_000),
    kind: { type: 'string', enum: ['product', 'service'] },
    /** What one unit is ("seat", "шт.", "hour"). */
    unit: shortText(40),
    /** The unit in each language the team writes ("место" / "seat"); `unit` is the fallback. */
    units: localizedSchema(40),
    category: shortText(200),
    characteristics: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'value'],
        properties: { name: shortText(200), value: shortText(1000) },
      },
    },
    /** One price per currency (and period): the unit price before discounts and taxes. */
    prices: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['currency', 'amount'],
        properties: { currency: currencySchema, amount: moneySchema, period: periodSchema },
      },
    },
    /**
     * Volume tiers (`minQuantity`), a billing-period discount (`period`), or a promo code (`code`, valid
     * between `validFrom` and `validTo`). Of the tiers, the highest one reached applies; a period and a
     * promo discount apply on top of it.
     */
    discounts: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['percent'],
        properties: {
          percent: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
          minQuantity: { type: 'number', minimum: 1, maximum: 1e9 },
          period: periodSchema,
          code: { type: 'string', minLength: 1, maxLength: 64 },
          validFrom: isoDateSchema,
          validTo: isoDateSchema,
        },
      },
    },
    /** Delivery or implementation terms, in the customer's words ("3–5 working days", "2 weeks"). */
    delivery: shortText(2000),
    availability: { type: 'string', enum: ['available', 'on-order', 'unavailable'] },
    /** Retired products stay for old quotes but are not offered. */
    active: { type: 'boolean' },
    tags: stringList(30, 60),
    /** Relations for up-sell and cross-sell: an upgrade, something often bought with it, a prerequisite. */
    related: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['productId', 'kind'],
        properties: { productId: refSchema, kind: { type: 'string', enum: ['upgrade', 'with', 'requires'] } },
      },
    },
    ...editableFields,
  },
  indexes: ['updatedAt'],
} as const;

export type ProductDoc = DocOf<typeof productSchema>;
export type ProductPrice = ProductDoc['prices'][number];
export type ProductDiscount = NonNullable<ProductDoc['discounts']>[number];

export const productsCollection = defineCollection({
  name: 'products',
  schema: productSchema,
  mergeFields: [
    'sku',
    'name',
    'names',
    'description',
    'descriptions',
    'kind',
    'unit',
    'units',
    'category',
    'characteristics',
    'prices',
    'discounts',
    'delivery',
    'availability',
    'active',
    'tags',
    'related',
  ],
  appendOnly: false,
  migrations: {
    // Version 1 adds the optional `units` (the unit per language); a version-0 doc is valid as it is.
    1: (old: OldDoc): OldDoc => old,
  },
});
