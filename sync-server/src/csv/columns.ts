// Header names (English or Russian, any case, spaces or punctuation) to the fields of an import row.
export const importFields = [
  'id',
  'name',
  'firstName',
  'lastName',
  'company',
  'position',
  'email',
  'phone',
  'telegram',
  'telegramUsername',
  'tags',
  'notes',
  'language',
  'owner',
  'optOut',
  'leadTitle',
  'pipeline',
  'stage',
  'amount',
  'currency',
] as const;
export type ImportField = (typeof importFields)[number];

const aliases: Record<ImportField, string[]> = {
  id: ['id', 'contactid', 'идентификатор'],
  name: [
    'name',
    'fullname',
    'contact',
    'contactname',
    'client',
    'имя',
    'фио',
    'полноеимя',
    'контакт',
    'клиент',
    'имяклиента',
  ],
  firstName: ['firstname', 'givenname', 'first'],
  lastName: ['lastname', 'surname', 'familyname', 'last', 'фамилия'],
  company: [
    'company',
    'companyname',
    'organization',
    'organisation',
    'account',
    'компания',
    'организация',
    'фирма',
    'название компании',
  ],
  position: ['title', 'position', 'jobtitle', 'role', 'должность', 'позиция'],
  email: [
    'email',
    'e-mail',
    'mail',
    'emailaddress',
    'почта',
    'электроннаяпочта',
    'емейл',
    'имейл',
    'эл.почта',
  ],
  phone: [
    'phone',
    'phonenumber',
    'mobile',
    'tel',
    'telephone',
    'телефон',
    'тел',
    'мобильный',
    'номертелефона',
    'моб.телефон',
  ],
  telegram: ['telegram', 'telegramid', 'tg', 'tgid', 'телеграм', 'телеграмм', 'телеграмid', 'телеграм id'],
  telegramUsername: ['telegramusername', 'tgusername', 'username', 'ник', 'никтелеграм'],
  tags: ['tags', 'tag', 'labels', 'теги', 'тег', 'метки'],
  notes: [
    'notes',
    'note',
    'comment',
    'comments',
    'заметки',
    'заметка',
    'комментарий',
    'примечание',
    'примечания',
  ],
  language: ['language', 'lang', 'язык'],
  owner: ['owner', 'ownerid', 'ответственный'],
  optOut: ['optout', 'unsubscribed', 'отписан', 'отказотрассылки'],
  leadTitle: ['lead', 'leadtitle', 'deal', 'dealtitle', 'opportunity', 'сделка', 'лид', 'названиесделки'],
  pipeline: ['pipeline', 'воронка', 'pipelinename'],
  stage: ['stage', 'leadstage', 'dealstage', 'этап', 'стадия', 'статус сделки', 'статуссделки'],
  amount: ['amount', 'value', 'dealvalue', 'budget', 'сумма', 'бюджет', 'суммасделки'],
  currency: ['currency', 'валюта'],
};

/** Lower case without spaces, underscores or hyphens: "E-mail" and "e_mail" both become "email". */
export const normalizeHeader = (h: string) => h.toLocaleLowerCase().replace(/[\s_\-"'()]+/g, '');

const byAlias = new Map<string, ImportField>();
for (const field of importFields) {
  for (const alias of aliases[field]) byAlias.set(normalizeHeader(alias), field);
}

export type ColumnMap = { fields: Map<ImportField, number>; ignored: string[]; duplicated: string[] };

export function mapColumns(headers: string[]): ColumnMap {
  const fields = new Map<ImportField, number>();
  const ignored: string[] = [];
  const duplicated: string[] = [];
  headers.forEach((header, index) => {
    const field = byAlias.get(normalizeHeader(header));
    if (!field) ignored.push(header);
    else if (fields.has(field)) duplicated.push(header);
    else fields.set(field, index);
  });
  return { fields, ignored, duplicated };
}

export type ImportRow = Partial<Record<ImportField, string>>;

/** A cell's value, trimmed, with the export's formula guard undone (`'=...` was written for `=...`). */
export const cellValue = (cells: string[], index: number): string =>
  (cells[index] ?? '').trim().replace(/^'(?=[=+\-@])/, '');

export function rowValues(map: ColumnMap, cells: string[]): ImportRow {
  const row: ImportRow = {};
  for (const [field, index] of map.fields) {
    const value = cellValue(cells, index);
    if (value) row[field] = value;
  }
  return row;
}
