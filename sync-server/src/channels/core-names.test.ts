// The core names no channel (issue 36): headless.ts (the runtime, with its team part and options) and port.ts (the wing contract)
// reach the channels only through registry.ts and the contract, so a new channel is a folder and one
// line in the registry. Each registered wing's name, and the words its channel is spoken of by, must
// not appear in them, in code or comments.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChannelName } from './port';
import { channels } from './registry';

/** How each channel is spoken of: its name, its product and protocol words, its folder. */
const spokenOf: Record<ChannelName, RegExp[]> = {
  telegram: [/telegram/i, /bot api/i, /grammy/i, /@app\/bot/],
  webchat: [/webchat/i, /web[ -]chat/i, /widget/i],
  // A customer's e-mail address is contact data every channel may carry, so the field `email` is not
  // the channel; its other forms are.
  email: [/e-mail/i, /\bemail\b(?!\?: string)/i, /mailbox/i, /\bimap\b/i, /\bsmtp\b/i],
  vk: [/\bvk\b/i, /vkontakte/i],
  phone: [/\bphone channel\b/i],
  manual: [],
};

/** The lines of `text` that speak of a channel, as `line: text`. */
function channelMentions(text: string, names: readonly ChannelName[]): string[] {
  const words = names.flatMap((name) => [new RegExp(`\\b${name}\\b(?!\\?: string)`, 'i'), ...spokenOf[name]]);
  return text
    .split('\n')
    .flatMap((line, i) => (words.some((re) => re.test(line)) ? [`${i + 1}: ${line.trim()}`] : []));
}

const registered = channels.map((wing) => wing.name);
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('the core names no channel', () => {
  it.each([
    ['headless.ts', '../headless.ts'],
    ['headless-team.ts', '../headless-team.ts'],
    ['headless-options.ts', '../headless-options.ts'],
    ['channels/port.ts', './port.ts'],
  ])('%s names none of the registered channels', (_, path) => {
    expect(channelMentions(read(path), registered)).toEqual([]);
  });

  it('finds a channel named in code, in a comment or by its words', () => {
    const text = [
      "import { startTeamBot } from './channels/telegram/team-bot';",
      '// the team bot (Telegram)',
      '  webchat?: Drafts;',
      '// reads the mailbox',
      '  vk: VkOptions;',
      '  email?: string;',
      '// each channel wing',
    ].join('\n');
    expect(channelMentions(text, registered)).toEqual([
      "1: import { startTeamBot } from './channels/telegram/team-bot';",
      '2: // the team bot (Telegram)',
      '3: webchat?: Drafts;',
      '4: // reads the mailbox',
      '5: vk: VkOptions;',
    ]);
  });
});
