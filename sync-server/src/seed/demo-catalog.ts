// The demo team's product catalog (issue 38): Daisy CRM's plans, add-ons, services and the odd piece
// of hardware, in roubles and US dollars, named in Russian and English, as the help centre describes
// them (demo-knowledge-en.ts: Start 7 USD / 590 RUB, Team 12 / 990, Business 24 / 1,990 per seat and
// month billed annually; monthly billing costs more; 10% from 50 seats, 15% from 100). Plans list the
// monthly-billing price with a yearly-billing discount; one promo code runs from a month ago for three
// months. Deterministic for a given `now`.
import type { ProductDiscount, ProductDoc } from '@app/shared/schemas';

type Item = Omit<ProductDoc, 'id' | 'createdAt' | 'updatedAt' | 'prices' | 'names'> & {
  ru: string;
  rub: number;
  usd: number;
  period?: 'once' | 'month' | 'year';
};

const DAY = 86_400_000;
const seatTiers: ProductDiscount[] = [
  { minQuantity: 50, percent: 10 },
  { minQuantity: 100, percent: 15 },
];
const yearly = (percent: number): ProductDiscount => ({ period: 'year', percent });

function items(now: Date): Item[] {
  const promo: ProductDiscount = {
    code: 'DAISY-SPRING',
    percent: 20,
    validFrom: new Date(now.getTime() - 30 * DAY).toISOString(),
    validTo: new Date(now.getTime() + 90 * DAY).toISOString(),
  };
  const plan = (
    sku: string,
    name: string,
    ru: string,
    rub: number,
    usd: number,
    year: number,
    extra = {},
  ) => ({
    sku,
    name,
    ru,
    rub,
    usd,
    period: 'month' as const,
    kind: 'product' as const,
    unit: 'seat',
    category: 'plans',
    discounts: [...seatTiers, yearly(year)],
    availability: 'available' as const,
    delivery: 'Instant access after payment',
    ...extra,
  });
  const addOn = (sku: string, name: string, ru: string, rub: number, usd: number, unit: string) => ({
    sku,
    name,
    ru,
    rub,
    usd,
    period: 'month' as const,
    kind: 'product' as const,
    unit,
    category: 'add-ons',
    discounts: [yearly(10)],
    availability: 'available' as const,
  });
  const service = (
    sku: string,
    name: string,
    ru: string,
    rub: number,
    usd: number,
    unit: string,
    extra = {},
  ) => ({
    sku,
    name,
    ru,
    rub,
    usd,
    kind: 'service' as const,
    unit,
    category: 'services',
    availability: 'available' as const,
    ...extra,
  });
  return [
    plan('PLAN-START', 'Start plan', 'Тариф «Старт»', 675, 8, 12.5, {
      description: 'Up to 5 users: one pipeline, web chat, e-mail and Telegram.',
      discounts: [yearly(12.5)],
    }),
    plan('PLAN-TEAM', 'Team plan', 'Тариф «Команда»', 1150, 14, 14, {
      description: 'Up to 50 users, unlimited pipelines, AI agents, lead scoring, WhatsApp and VK.',
      discounts: [...seatTiers, yearly(14), promo],
      related: [{ productId: 'product-plan-business', kind: 'upgrade' }],
    }),
    plan('PLAN-BUSINESS', 'Business plan', 'Тариф «Бизнес»', 2400, 29, 17, {
      description: 'Up to 250 users, 1C and telephony, API and webhooks, roles, advanced analytics.',
      related: [{ productId: 'product-plan-enterprise', kind: 'upgrade' }],
    }),
    {
      ...plan('PLAN-ENTERPRISE', 'Enterprise plan', 'Тариф «Энтерпрайз»', 35_880, 432, 0),
      period: 'year' as const,
      description: 'Self-hosted or cloud, SSO, 99.9% SLA, 24/7 support, a dedicated account manager.',
      discounts: seatTiers,
      delivery: 'Contract and install within 2 weeks',
    },
    {
      ...plan('PLAN-PRO-2024', 'Pro plan (2024)', 'Тариф «Про» (2024)', 1490, 18, 15),
      description: 'Retired in 2025: kept for old quotes.',
      active: false,
      availability: 'unavailable' as const,
    },
    addOn(
      'ADD-AI-1000',
      'AI answers pack, 1,000 replies',
      'Пакет ИИ-ответов, 1000 ответов',
      1500,
      18,
      'pack',
    ),
    addOn('ADD-STORAGE-100', 'Extra storage, 100 GB', 'Дополнительное хранилище, 100 ГБ', 490, 6, '100 GB'),
    addOn('ADD-WHATSAPP', 'WhatsApp Business channel', 'Канал WhatsApp Business', 1990, 24, 'number'),
    addOn('ADD-SANDBOX', 'Sandbox workspace', 'Тестовое пространство', 990, 12, 'workspace'),
    addOn('ADD-SUPPORT-247', 'Premium support 24/7', 'Премиальная поддержка 24/7', 9900, 120, 'company'),
    addOn('ADD-CALL-REC', 'Call recording archive', 'Архив записей звонков', 790, 9, 'seat'),
    service('SRV-MIGRATION', 'Data migration', 'Перенос данных', 5000, 60, 'project', {
      description: 'From amoCRM, Bitrix24, Excel or CSV; free on Team and above.',
      delivery: '3–5 business days',
    }),
    service('SRV-ONBOARDING', 'Onboarding webinar', 'Вебинар по внедрению', 0, 0, 'session', {
      description: 'A 90-minute online webinar for the reps, free for every new customer.',
    }),
    service('SRV-TRAINING-DAY', 'Onsite training day', 'Выездное обучение, день', 45_000, 550, 'day', {
      delivery: 'Booked 2 weeks ahead',
      availability: 'on-order' as const,
    }),
    service('SRV-1C-SETUP', '1C integration setup', 'Настройка интеграции с 1С', 25_000, 300, 'project', {
      delivery: '5–10 business days',
    }),
    service('SRV-PHONE-SETUP', 'Telephony setup', 'Подключение телефонии', 12_000, 150, 'project', {
      delivery: '2–3 business days',
    }),
    service('SRV-DEV-HOUR', 'Custom development', 'Доработка под заказ', 3500, 45, 'hour', {
      discounts: [
        { minQuantity: 40, percent: 5 },
        { minQuantity: 100, percent: 10 },
      ],
    }),
    service('SRV-SELF-HOST', 'Self-hosted install', 'Установка на ваш сервер', 150_000, 1800, 'install', {
      delivery: '2 weeks',
      availability: 'on-order' as const,
      related: [{ productId: 'product-plan-enterprise', kind: 'requires' }],
    }),
    service('SRV-AUDIT', 'Sales process audit', 'Аудит отдела продаж', 60_000, 700, 'project', {
      delivery: '2 weeks',
    }),
    service(
      'SRV-BOT-SCRIPT',
      'Chatbot scenario setup',
      'Настройка сценариев чат-бота',
      15_000,
      180,
      'scenario',
    ),
    service('SRV-KB-SETUP', 'Knowledge base setup', 'Наполнение базы знаний', 20_000, 240, 'project', {
      related: [{ productId: 'product-add-ai-1000', kind: 'with' }],
    }),
    {
      sku: 'HW-HEADSET',
      name: 'USB headset for reps',
      ru: 'USB-гарнитура для менеджеров',
      rub: 4900,
      usd: 59,
      kind: 'product' as const,
      unit: 'pcs',
      category: 'hardware',
      discounts: [{ minQuantity: 10, percent: 7 }],
      delivery: '3–5 working days',
      availability: 'on-order' as const,
    },
  ];
}

/** The demo's products, ids `product-<sku in lower case>`. */
export function demoCatalog(now: Date): ProductDoc[] {
  const at = now.toISOString();
  return items(now).map(({ ru, rub, usd, period, ...rest }): ProductDoc => {
    const price = (currency: string, amount: number) => ({ currency, amount, ...(period ? { period } : {}) });
    return {
      ...rest,
      id: `product-${rest.sku.toLowerCase()}`,
      names: { ru, en: rest.name },
      prices: [price('RUB', rub), price('USD', usd)],
      active: rest.active ?? true,
      createdAt: at,
      updatedAt: at,
    };
  });
}
