// Russian strings of an event deal's social report (spread into ru.ts).
import type { socialEn } from './social-en';

export const socialRu: Record<keyof typeof socialEn, string> = {
  'social.onDeal': 'Соцсети',
  'social.counts': 'негативных: {negative} · нейтральных: {neutral} · позитивных: {positive}',
  'social.sentiment.negative': 'Негатив',
  'social.sentiment.neutral': 'Нейтрально',
  'social.sentiment.positive': 'Позитив',
  'social.source.vk-wall': 'Пост ВКонтакте',
  'social.source.vk-comment': 'Комментарий ВКонтакте',
  'social.source.vk-search': 'Поиск ВКонтакте',
  'social.source.telegram-channel': 'Канал в Telegram',
  'social.source.telegram-comment': 'Комментарий в Telegram',
};
