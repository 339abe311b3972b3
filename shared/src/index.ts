export * from './errors';
export * from './schemas/index';
export * from './validation';
export * from './config';
