// The demo is not part of the published package: the root eslint.config.mjs (n8n's rules for
// node code, which forbid process, timers and the like) does not apply to it. `npm run lint`
// reads this file through ESLint's per-folder config lookup.
export default [{ ignores: ['**'] }];
