export { victimCase } from './victim-case';
