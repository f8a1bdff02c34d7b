export * from './admin';
export * from './auth';
export * from './authenticator-change';
export * from './common';
export * from './routes';
export * from './server-info';
export * from './two-factor';
export * from './security-events';
