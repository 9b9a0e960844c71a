export { victimCase } from './victim-case';
export { keyRetention } from './key-retention';
