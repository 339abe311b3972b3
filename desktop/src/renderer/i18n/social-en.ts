// English strings of an event deal's social report (spread into en.ts).
export const socialEn = {
  'social.onDeal': 'Social media',
  'social.counts': '{negative} negative · {neutral} neutral · {positive} positive',
  'social.sentiment.negative': 'Negative',
  'social.sentiment.neutral': 'Neutral',
  'social.sentiment.positive': 'Positive',
  'social.source.vk-wall': 'VK post',
  'social.source.vk-comment': 'VK comment',
  'social.source.vk-search': 'VK search',
  'social.source.telegram-channel': 'Telegram channel',
  'social.source.telegram-comment': 'Telegram comment',
} as const;
