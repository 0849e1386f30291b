export * from './legal-clock';
export * from './card-ladder';
