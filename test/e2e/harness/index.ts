/**
 * E2E harness for n8n-nodes-fanvue: a real n8n (cached 2.41.1) loading the packed package.
 * See README.md in this folder.
 */
export { ensureN8nInstalled } from './install';
export { packPackage, sourceHash } from './pack';
export type { PackOptions } from './pack';
export { startN8n, N8nInstance, n8nEnv, installPackage, randomWorkflowId, E2E_ENCRYPTION_KEY, queueModeRequested } from './n8n-process';
export type { N8nCommand } from './n8n-process';
export { startQueueStack, QueueStack } from './queue-stack';
export type { QueueStackOptions } from './queue-stack';
export { startRedis, redisServerBin } from './redis';
export type { RedisServer } from './redis';
export type { StartN8nOptions, CliResult } from './n8n-process';
export { N8nRestClient } from './rest-client';
export type {
	OwnerAccount,
	CreatedCredential,
	WorkflowJson,
	WorkflowRecord,
	PublicationStatus,
	NodeTypeDescription,
} from './rest-client';
export { connectOAuth2, followAuthorizationRedirects } from './oauth';
export type { ConnectOAuth2Options, ConnectOAuth2Result } from './oauth';
export { nodeOutput, executedNodes, decodeExecution, isSettled, SETTLED_STATUSES } from './executions';
export type { ExecutionDetails, ExecutionSummary, ExecutionStatus, NodeRun } from './executions';
export { parseFlatted } from './flatted';
export { HttpClient, CookieJar, expectOk } from './http-client';
export type { HttpResponse } from './http-client';
export { freePort } from './ports';
export { webhookWorkflow, uniqueSuffix } from './workflows';
export { REPO_ROOT, N8N_VERSION, N8N_1X, n8nCacheDir, n8nBin, node24BinDir, cachedModule } from './paths';
export { importTemplate, listTemplates, readTemplate, setUpDatabase, templateQuery, withCredentials, WORKFLOWS_DIR } from './templates';
export type { CredentialIds } from './templates';
export { startPostgres } from './postgres';
export { useTemplateDatabase } from './template-database';
export type { TemplateDatabase } from './template-database';
export { chatRows } from './chat-rows';
export type { ChatRow } from './chat-rows';
export type { PostgresServer, PostgresDatabase, StartPostgresOptions } from './postgres';
export { startCompletionServer, defaultReply } from './completion-server';
export type { CompletionServer, CompletionServerOptions, RecordedCompletionRequest, ChatMessage, FailureOptions } from './completion-server';
export { runWorkflowManually, startManualRun, waitForExecution, triggerNodeNames } from './run-manually';
export { connectFanvueCredential, fanvueCredentialInput, messageReceivedPayload, startFanvueSandbox } from './fanvue';
export type { ConnectedFanvueCredential, FanvueCredentialOptions, SandboxLike } from './fanvue';
export { startTemplateStack } from './template-stack';
export type { TemplateStack, TemplateStackOptions } from './template-stack';
