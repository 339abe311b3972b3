// Russian strings of the demo team's sample conversations (spread into ru.ts).
export const demoRu = {
  'demo.conversation':
    'Демо-разговор: пример из демо-команды. Ответы сохраняются здесь и никуда не отправляются.',
  'delivery.demo': 'не отправлено (демо)',
};
