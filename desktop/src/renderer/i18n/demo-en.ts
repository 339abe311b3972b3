// English strings of the demo team's sample conversations (spread into en.ts).
export const demoEn = {
  'demo.conversation': 'Demo conversation: a sample of the demo team. Replies are kept here and never sent.',
  'delivery.demo': 'not sent (demo)',
};
