// English strings of offered choices in the conversation (MessageChoices.tsx; part of inbox-en.ts).
export const choicesEn = {
  'choices.offered': 'Choices offered to the customer',
  'choices.picked': '✓ picked from the choices offered',
};
