export const botPackage = '@app/bot';
