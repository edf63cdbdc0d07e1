/**
 * The AI templates (02 auto-reply and its model checks, 02b drafts and review page, 07 retry) end to end, on one stack
 * shared by their suites (test/e2e/templates-ai/*.suite.ts): one n8n loading the packed package,
 * the Fanvue sandbox, the completion server and PostgreSQL, started by the first suite's
 * startAiEnv(). Each suite still sees a fresh install (a database of its own with template 01
 * run on it) and hands the stack back with its workflows deleted; fans are never shared.
 *
 * One suite: npx jest test/e2e/templates-ai.test.ts --selectProjects e2e -t 'template 07'
 */
import { stopAiStack } from './templates/ai-setup';

import './templates-ai/auto-reply.suite';
import './templates-ai/ai-chatter.suite';
import './templates-ai/review-page.suite';
import './templates-ai/retry.suite';
import './templates-ai/model-checks.suite';

afterAll(() => stopAiStack());
