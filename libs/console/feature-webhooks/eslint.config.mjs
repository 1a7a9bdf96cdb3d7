export { consoleConfig as default } from '../../../eslint.config.mjs';
