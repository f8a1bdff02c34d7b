export * from './auth';
export * from './common';
export * from './routes';
export * from './server-info';
export * from './two-factor';
