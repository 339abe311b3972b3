// English strings of offered choices in the conversation (MessageChoices.tsx; part of inbox-en.ts).
export const choicesEn = {
  'choices.offered': 'Choices offered to the customer',
  'choices.picked': 'Picked from the choices offered',
};
