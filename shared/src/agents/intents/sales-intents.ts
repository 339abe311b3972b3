// The product's own intents for customer messages, and what each one asks the pipeline to do.
export const salesIntents = [
  'product_question',
  'price',
  'delivery',
  'order',
  'complaint',
  'meeting',
  'human_request',
  'opt_out',
  'small_talk',
  'contact_info',
  'other',
] as const;

export type SalesIntent = (typeof salesIntents)[number];

export const isSalesIntent = (value: string): value is SalesIntent =>
  (salesIntents as readonly string[]).includes(value);
