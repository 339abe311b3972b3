import { describe, expect, it } from 'vitest';
import { idSchema } from './schemas/common';
import { contactIdFor, conversationIdFor, inboundMessageId, newId } from './ids';

const idPattern = new RegExp(idSchema.pattern);

describe('ids', () => {
  it('derives the same inbound message id for a redelivered update', () => {
    expect(inboundMessageId('telegram', 100200300, 42)).toBe(inboundMessageId('telegram', '100200300', '42'));
    expect(inboundMessageId('telegram', 1, 42)).not.toBe(inboundMessageId('telegram', 1, 43));
  });

  it('makes ids the schemas accept, even from hostile channel ids', () => {
    for (const id of [
      newId('lead'),
      inboundMessageId('telegram', -1001234567890, 7),
      conversationIdFor('telegram', 'bot 1/../x', '_all_dbs'),
      contactIdFor('webchat', '<script>'),
    ]) {
      expect(id).toMatch(idPattern);
    }
  });
});
