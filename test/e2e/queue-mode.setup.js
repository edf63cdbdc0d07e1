// Jest project e2e-queue: the e2e files it lists run against n8n in queue mode (main, webhook
// process, two workers, Redis, PostgreSQL as n8n's database): startN8n() and the template stack
// read this switch (test/e2e/harness/queue-stack.ts).
process.env.FANVUE_E2E_MODE = 'queue';
