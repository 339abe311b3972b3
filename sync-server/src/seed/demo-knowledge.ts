// Sample knowledge of the demo team: a fictional CRM product ("Ромашка CRM" / "Daisy CRM") with
// prices, delivery and support, in Russian and English, cut into chunks that cite their source.
import { createHash } from 'node:crypto';
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from '@app/shared/schemas';

type Section = { heading: string; text: string };
type Source = { id: string; title: string; fileName: string; language: 'ru' | 'en'; sections: Section[] };

const sha = (s: string) => `sha256-${createHash('sha256').update(s).digest('hex')}`;

export const demoSources: Source[] = [
  {
    id: 'src-prices',
    title: 'Тарифы Ромашка CRM 2026',
    fileName: 'tarify.md',
    language: 'ru',
    sections: [
      {
        heading: 'Тариф «Старт»',
        text: 'Тариф «Старт»: 590 рублей за пользователя в месяц при оплате за год, до 5 пользователей, 1 воронка продаж, интеграция с Telegram.',
      },
      {
        heading: 'Тариф «Команда»',
        text: 'Тариф «Команда»: 990 рублей за пользователя в месяц при оплате за год, до 50 пользователей, неограниченные воронки, ИИ-агенты для ответов клиентам и скоринг лидов.',
      },
      {
        heading: 'Тариф «Энтерпрайз»',
        text: 'Тариф «Энтерпрайз»: от 1 890 рублей за пользователя в месяц, собственный сервер, SSO, персональный менеджер. Скидка 15% для команд от 100 пользователей.',
      },
    ],
  },
  {
    id: 'src-delivery',
    title: 'Daisy CRM: onboarding and delivery',
    fileName: 'delivery.md',
    language: 'en',
    sections: [
      {
        heading: 'Onboarding',
        text: 'Daisy CRM is delivered as a cloud workspace within one business day after payment. Self-hosted installs take 3 to 5 business days including data migration.',
      },
      {
        heading: 'Data migration',
        text: 'We import contacts and deals from Excel, CSV, amoCRM and Bitrix24 free of charge for the Team and Enterprise plans.',
      },
      {
        heading: 'Desktop app',
        text: 'The desktop app works offline and syncs when the connection is back. It runs on Windows, macOS and Linux.',
      },
    ],
  },
  {
    id: 'src-support',
    title: 'Поддержка / Support',
    fileName: 'support.md',
    language: 'ru',
    sections: [
      {
        heading: 'Часы работы',
        text: 'Поддержка работает с 9:00 до 21:00 по московскому времени в будни, ответ в течение 2 часов. На тарифе «Энтерпрайз» — круглосуточно.',
      },
      {
        heading: 'Support channels',
        text: 'Support is available by e-mail at support@daisy-crm.example, in Telegram and by phone +7 495 000-00-00. Enterprise customers get a 30-minute response time.',
      },
    ],
  },
];

export function demoKnowledgeDocs(at: string): {
  sources: KnowledgeSourceDoc[];
  chunks: KnowledgeChunkDoc[];
} {
  const sources: KnowledgeSourceDoc[] = [];
  const chunks: KnowledgeChunkDoc[] = [];
  for (const src of demoSources) {
    const full = src.sections.map((s) => `## ${s.heading}\n\n${s.text}`).join('\n\n');
    let offset = 0;
    src.sections.forEach((s, ordinal) => {
      const start = full.indexOf(s.text, offset);
      offset = start + s.text.length;
      chunks.push({
        id: `${src.id}:${ordinal}`,
        sourceId: src.id,
        ordinal,
        text: s.text,
        headings: [src.title, s.heading],
        position: { start, end: offset },
        contentHash: sha(s.text),
        language: src.language,
        createdAt: at,
      });
    });
    sources.push({
      id: src.id,
      title: src.title,
      kind: 'markdown',
      fileName: src.fileName,
      mimeType: 'text/markdown',
      size: Buffer.byteLength(full),
      contentHash: sha(full),
      status: 'ready',
      chunkCount: src.sections.length,
      language: src.language,
      tags: ['demo'],
      createdAt: at,
      updatedAt: at,
    });
  }
  return { sources, chunks };
}
