export const rendererPackage = '@app/desktop';
