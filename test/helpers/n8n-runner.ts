// In-process workflow runner: executes workflow JSON (as exported from n8n) through
// n8n-core's real execution engine (`WorkflowExecute`), so the package's nodes run in
// n8n's real execution context:
//   - real `this.helpers.httpRequest*` (n8n's axios stack from @n8n/backend-network,
//     resolved from the @n8n/di container exactly as n8n-core does),
//   - real OAuth2 signing and token refresh (n8n-core request-helpers/oauth.js),
//   - real parameter resolution and expressions, real continueOnFail / pairedItem handling.
//
// What is NOT n8n's own here (n8n-nodes-base and the CLI are not dependencies):
//   - the credential store: `RunnerCredentialsHelper` below follows n8n's CLI
//     CredentialsHelper (packages/cli/src/credentials-helper.ts) but keeps decrypted
//     data in memory instead of an encrypted database row;
//   - the node/credential type registries (in-memory maps, loaded lazily from this repo);
//   - the `oAuth2Api` parent credential (a faithful copy in ./oauth2-api.credentials.ts);
//   - two tiny node types: `test.start` (emits items) and a manual trigger stand-in.
//
// HTTP is never faked here: intercept it with nock, or point it at the local sandbox.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { ExecutionLifecycleHooks, WorkflowExecute, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeData,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IRunExecutionData,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	getCredentialOwnRequestAllowedDomains,
	createRunExecutionData,
	isExpression,
} from 'n8n-workflow';

import { OAuth2ApiTestCredential } from './oauth2-api.credentials';
import { runScopedDir } from './test-run';

// n8n's real Logger (from @n8n/backend-common, via @n8n/di) reads its level from the
// environment when first resolved. Node errors also come back in the run result, so keep
// the test output quiet unless asked: N8N_LOG_LEVEL=debug npx jest ... shows n8n's logs.
process.env.N8N_LOG_LEVEL ??= 'silent';
// Every node execution context resolves n8n-core's InstanceSettings, which creates
// <N8N_USER_FOLDER>/.n8n/config (with a random encryption key) when missing. Keep that
// out of the developer's ~/.n8n, which a real n8n (e2e) may be using.
process.env.N8N_USER_FOLDER ??= runScopedDir('n8n-nodes-fanvue-workflow-runner');

// ---------------------------------------------------------------------------------------
// Package discovery (lazy: nodes and credentials are required on first lookup, so the
// runner works before they exist and a broken node only fails the tests that use it).
// ---------------------------------------------------------------------------------------

export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

const PACKAGE_NAME: string = (
	JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string }
).name;

/** Full node type name as n8n registers community nodes: `<package name>.<description.name>`. */
export const packageNodeType = (name: string) => `${PACKAGE_NAME}.${name}`;

export const FANVUE_NODE_TYPE = packageNodeType('fanvue');
export const FANVUE_TRIGGER_NODE_TYPE = packageNodeType('fanvueTrigger');
export const FANVUE_CREDENTIAL_TYPE = 'fanvueOAuth2Api';

function listSourceFiles(dir: string, suffix: string): string[] {
	if (!existsSync(dir)) return [];
	const found: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) found.push(...listSourceFiles(full, suffix));
		else if (entry.name.endsWith(suffix)) found.push(full);
	}
	return found;
}

/** Instantiates every exported class of `file` and returns those `accept` recognizes. */
function loadExportedInstances<T>(file: string, accept: (value: unknown) => value is T): T[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const moduleExports = require(file) as Record<string, unknown>;
	const instances: T[] = [];
	for (const exported of Object.values(moduleExports)) {
		if (typeof exported !== 'function') continue;
		let instance: unknown;
		try {
			instance = new (exported as new () => unknown)();
		} catch {
			continue;
		}
		if (accept(instance)) instances.push(instance);
	}
	return instances;
}

const isNodeType = (value: unknown): value is INodeType | IVersionedNodeType =>
	typeof value === 'object' &&
	value !== null &&
	'description' in value &&
	typeof (value as { description?: { name?: unknown } }).description?.name === 'string';

const isCredentialType = (value: unknown): value is ICredentialType =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as ICredentialType).name === 'string' &&
	Array.isArray((value as ICredentialType).properties);

/** Looks for `<name>.node.ts` under nodes/ (case-insensitive, n8n naming convention). */
function loadPackageNodeType(shortName: string): INodeType | IVersionedNodeType | undefined {
	const files = listSourceFiles(path.join(PACKAGE_ROOT, 'nodes'), '.node.ts').filter(
		(file) => path.basename(file, '.node.ts').toLowerCase() === shortName.toLowerCase(),
	);
	for (const file of files) {
		const match = loadExportedInstances(file, isNodeType).find(
			(nodeType) => nodeType.description.name === shortName,
		);
		if (match) return match;
	}
	return undefined;
}

/** Looks for `<name>.credentials.ts` under credentials/ (case-insensitive). */
function loadPackageCredentialType(name: string): ICredentialType | undefined {
	const files = listSourceFiles(path.join(PACKAGE_ROOT, 'credentials'), '.credentials.ts').filter(
		(file) => path.basename(file, '.credentials.ts').toLowerCase() === name.toLowerCase(),
	);
	for (const file of files) {
		const match = loadExportedInstances(file, isCredentialType).find((c) => c.name === name);
		if (match) return match;
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------
// Test-only node types
// ---------------------------------------------------------------------------------------

/**
 * `test.start`: a plain (non-trigger) node that emits items. With a non-empty `items`
 * parameter (JSON array of objects, or an expression) it emits those; otherwise it passes
 * its input through (the runner feeds `startItems` to the first node).
 */
export class TestStartNode implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Test Start',
		name: 'test.start',
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Start' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items (JSON)', name: 'items', type: 'json', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0, '') as string | IDataObject[];
		if (raw === '' || raw === undefined || raw === null) {
			return [this.getInputData()];
		}
		const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[] | IDataObject;
		const list = Array.isArray(parsed) ? parsed : [parsed];
		return [list.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

/**
 * Stand-in for n8n-nodes-base's Manual Trigger ("When clicking 'Execute workflow'"), so
 * exported workflows that start with it run unchanged. Like n8n's, it is a real trigger
 * node: in 'manual' mode WorkflowExecute runs its manualTriggerFunction through n8n-core's
 * TriggersAndPollers; in other modes it passes the fed start items through.
 */
export class ManualTriggerStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		eventTriggerDescription: '',
		maxNodes: 1,
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: ['main'],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

const BUILTIN_NODE_TYPES: Record<string, () => INodeType | IVersionedNodeType> = {
	'test.start': () => new TestStartNode(),
	'n8n-nodes-base.manualTrigger': () => new ManualTriggerStandIn(),
};

// ---------------------------------------------------------------------------------------
// Registries
// ---------------------------------------------------------------------------------------

export class RunnerNodeTypes implements INodeTypes {
	private readonly nodeTypes = new Map<string, INodeType | IVersionedNodeType>();

	constructor(extra: Record<string, INodeType | IVersionedNodeType> = {}) {
		for (const [name, type] of Object.entries(extra)) this.nodeTypes.set(name, type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const cached = this.nodeTypes.get(nodeType);
		if (cached) return cached;
		let loaded: INodeType | IVersionedNodeType | undefined;
		if (BUILTIN_NODE_TYPES[nodeType]) {
			loaded = BUILTIN_NODE_TYPES[nodeType]();
		} else if (nodeType.startsWith(`${PACKAGE_NAME}.`)) {
			loaded = loadPackageNodeType(nodeType.slice(PACKAGE_NAME.length + 1));
		}
		if (!loaded) {
			throw new UnexpectedError(`Unrecognized node type: ${nodeType}`, { tags: { nodeType } });
		}
		this.nodeTypes.set(nodeType, loaded);
		return loaded;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export class RunnerCredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	constructor(extra: ICredentialType[] = []) {
		const parent = new OAuth2ApiTestCredential();
		this.types.set(parent.name, parent);
		for (const type of extra) this.types.set(type.name, type);
	}

	recognizes(name: string): boolean {
		try {
			this.getByName(name);
			return true;
		} catch {
			return false;
		}
	}

	getByName(name: string): ICredentialType {
		const cached = this.types.get(name);
		if (cached) return cached;
		const loaded = loadPackageCredentialType(name);
		if (!loaded) {
			throw new UnexpectedError(`Unrecognized credential type: ${name}`, {
				tags: { credentialType: name },
			});
		}
		this.types.set(name, loaded);
		return loaded;
	}

	/** All ancestors of a credential type, nearest first (n8n's CredentialTypes.getParentTypes). */
	getParentTypes(name: string): string[] {
		const extendsArr = this.getByName(name).extends ?? [];
		const parents = [...extendsArr];
		for (const parent of extendsArr) parents.push(...this.getParentTypes(parent));
		return parents;
	}
}

// ---------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------

export interface StoredCredential {
	type: string;
	name?: string;
	data: ICredentialDataDecryptedObject;
}

export interface CredentialUpdate {
	id: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

const clone = <T>(value: T): T => structuredClone(value);

/** In-memory `ICredentials` (n8n's Credentials class encrypts; the store here is plain). */
class InMemoryCredentials extends ICredentials {
	constructor(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		private plain: ICredentialDataDecryptedObject,
		private readonly onChange: (data: ICredentialDataDecryptedObject) => void,
	) {
		super(nodeCredentials, type, JSON.stringify(plain));
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return clone(this.plain);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.plain) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.plain = clone(data);
		this.data = JSON.stringify(this.plain);
		this.onChange(this.plain);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const next = { ...this.plain, ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete next[key];
		await this.setData(next);
	}
}

// Same throwaway node/workflow n8n's CLI uses to resolve credential expressions.
const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};
const mockNodeTypes: INodeTypes = {
	getKnownTypes: () => ({}),
	getByName: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
};

/** Narrows a preAuthentication hook's requests to the credential's allowed domains (as n8n does). */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions): Promise<unknown> => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

/** n8n 2.41 oauth/dcr-managed-fields: fields the credential type, not the stored data, owns. */
const OAUTH_PINNED_FIELDS = [
	'useDynamicClientRegistration',
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'usePkce',
	'requestTokenUrl',
	'signatureMethod',
];
const DCR_MANAGED_CREDENTIAL_FIELDS = [
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'usePkce',
	'clientId',
	'clientSecret',
];

/**
 * Resolves `={{ }}` in credential data with `$self` = the data itself. Falls back to
 * per-field resolution so fields marked ignoreCredentialExpressionResolveError can be
 * omitted when they cannot resolve (as n8n does).
 */
function resolveCredentialExpressions(
	workflow: Workflow,
	credentialsProperties: INodeProperties[],
	decryptedData: ICredentialDataDecryptedObject,
	mode: WorkflowExecuteMode,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
): ICredentialDataDecryptedObject {
	const resolve = (value: INodeParameters) =>
		workflow.expression.getComplexParameterValue(
			mockNode,
			value,
			mode,
			additionalKeys,
			undefined,
			undefined,
			decryptedData,
		) as ICredentialDataDecryptedObject;
	try {
		return resolve(decryptedData as INodeParameters);
	} catch (originalError) {
		const byName = new Map(credentialsProperties.map((p) => [p.name, p]));
		const resolved: ICredentialDataDecryptedObject = {};
		for (const [name, value] of Object.entries(decryptedData)) {
			try {
				const one = resolve({ [name]: value } as INodeParameters);
				if (Object.prototype.hasOwnProperty.call(one, name)) resolved[name] = one[name];
			} catch {
				if (byName.get(name)?.typeOptions?.ignoreCredentialExpressionResolveError === true) continue;
				throw originalError;
			}
		}
		return resolved;
	}
}

/** Fields with typeOptions.resolveCredentialJsonLeaves are parsed, resolved leaf by leaf, re-serialized. */
function parseJsonLeafExpressionFields(
	credentialsProperties: INodeProperties[],
	decryptedData: ICredentialDataDecryptedObject,
): Map<string, string> {
	const parsedFields = new Map<string, string>();
	for (const property of credentialsProperties) {
		if (!property.typeOptions?.resolveCredentialJsonLeaves) continue;
		const value = decryptedData[property.name];
		if (typeof value !== 'string' || value === '') continue;
		try {
			decryptedData[property.name] = JSON.parse(value);
			parsedFields.set(property.name, value);
		} catch {
			// not JSON: left as is
		}
	}
	return parsedFields;
}

/**
 * `ICredentialsHelper` modelled on n8n's CLI CredentialsHelper, minus the database and
 * encryption: credentials live in memory keyed by id; changes written back by n8n-core
 * (refreshed OAuth2 tokens, preAuthentication results) are applied to the store, so later
 * requests use them, and recorded in `updates`.
 */
export class RunnerCredentialsHelper extends ICredentialsHelper {
	readonly updates: CredentialUpdate[] = [];
	/** How often a node's credential was read (decrypted, defaults and expressions applied). */
	reads = 0;

	private readonly store = new Map<string, StoredCredential>();

	constructor(
		readonly credentialTypes: RunnerCredentialTypes,
		credentials: Record<string, StoredCredential> = {},
	) {
		super();
		for (const [id, credential] of Object.entries(credentials)) {
			this.store.set(id, { ...credential, data: clone(credential.data) });
		}
	}

	/** Current stored (raw) data of a credential, after any updates made during runs. */
	getStored(id: string): StoredCredential | undefined {
		const entry = this.store.get(id);
		return entry && { ...entry, data: clone(entry.data) };
	}

	private getEntity(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredentials.id) {
			throw new UserError(
				`Credential "${nodeCredentials.name}" of type "${type}" has no ID (set node.credentials.${type}.id)`,
			);
		}
		const entry = this.store.get(nodeCredentials.id);
		if (!entry || entry.type !== type) {
			throw new UserError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return entry;
	}

	private write(id: string, type: string, data: ICredentialDataDecryptedObject) {
		const entry = this.store.get(id);
		if (!entry) return;
		entry.data = clone(data);
		this.updates.push({ id, type, data: clone(data) });
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions;
		const credentialType = this.credentialTypes.getByName(typeName);
		const { authenticate } = credentialType;
		if (!authenticate) return requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (!workflow || !node) {
			throw new UnexpectedError(
				'Workflow and node are required for declarative credential authentication',
			);
		}
		if (requestOptions.headers === undefined) requestOptions.headers = {};
		if (authenticate.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as IDataObject)) {
					const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
					const valueResolved = this.resolveValue(
						value as string,
						{ $credentials: credentials },
						workflow,
						node,
					);
					const target = requestOptions as unknown as Record<string, IDataObject>;
					if (!target[outerKey]) target[outerKey] = {};
					target[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	private resolveValue(
		parameterValue: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const value = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		return value ? value.toString() : '';
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirableProperty.name] !== '' && !credentialsExpired) return undefined;

		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		if (output[expirableProperty.name] === undefined) return undefined;
		if (node.credentials) {
			const nodeCredentials = node.credentials[credentialType.name];
			const stored = await (await this.getCredentials(nodeCredentials, credentialType.name)).getData();
			const toPersist: ICredentialDataDecryptedObject = { ...stored };
			for (const [key, value] of Object.entries(output)) {
				// never overwrite a field stored as an expression with this run's resolved value
				if (key === expirableProperty.name || !isExpression(stored[key])) {
					toPersist[key] = value as ICredentialDataDecryptedObject[string];
				}
			}
			await this.updateCredentials(nodeCredentials, credentialType.name, toPersist);
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		let typeDef: ICredentialType;
		try {
			typeDef = this.credentialTypes.getByName(credentialType);
		} catch {
			return true;
		}
		if (!typeDef.restrictToSupportedNodes) return true;
		const supported = typeDef.supportedNodes ?? [];
		return supported.some((short) => nodeType === short || nodeType.endsWith(`.${short}`));
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const entity = this.getEntity(nodeCredentials, type);
		const id = nodeCredentials.id as string;
		return new InMemoryCredentials(
			{ id, name: entity.name ?? nodeCredentials.name },
			type,
			entity.data,
			(data) => this.write(id, type, data),
		);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const entity = this.getEntity(nodeCredentials, type);
		this.reads++;
		const decryptedDataOriginal = clone(entity.data);
		if (raw === true) return decryptedDataOriginal;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			decryptedDataOriginal,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** Applies property defaults and resolves `={{ }}` expressions ($self = the credential's data). */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentialsProperties = this.getCredentialsProperties(type);

		// The credential type owns its hidden OAuth endpoint/flow fields: stored values are
		// dropped so the type's defaults (often expressions over $self) fill them.
		const storedData = { ...decryptedDataOriginal };
		for (const field of OAUTH_PINNED_FIELDS) {
			if (credentialsProperties.some((p) => p.name === field && p.type === 'hidden')) {
				delete storedData[field];
			}
		}
		// (n8n applies instance-wide credential overwrites here; there are none in tests.)
		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			storedData as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;

		// oauthTokenData is no declared property; getNodeParameters drops it, so put it back.
		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
		}
		for (const key of ['allowedHttpRequestDomains', 'allowedDomains']) {
			if (decryptedData[key] === undefined && decryptedDataOriginal[key] !== undefined) {
				decryptedData[key] = decryptedDataOriginal[key];
			}
		}
		if (decryptedData.useDynamicClientRegistration) {
			for (const field of DCR_MANAGED_CREDENTIAL_FIELDS) {
				decryptedData[field] = decryptedDataOriginal[field];
			}
		}

		const parsedJsonLeaves = parseJsonLeafExpressionFields(credentialsProperties, decryptedData);
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			await workflow.expression.acquireIsolate();
			try {
				decryptedData = resolveCredentialExpressions(
					workflow,
					credentialsProperties,
					decryptedData,
					mode,
					additionalKeys,
				);
			} finally {
				await workflow.expression.releaseIsolate();
			}
		}
		for (const [name, original] of parsedJsonLeaves) {
			decryptedData[name] = JSON.stringify(decryptedData[name]) ?? original;
		}
		return decryptedData;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.setData(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.updateData({ oauthTokenData: data.oauthTokenData });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialTypeData = this.credentialTypes.getByName(type);
		if (credentialTypeData.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialTypeData.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return credentialTypeData.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of credentialTypeData.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		// properties defined on the child take precedence
		NodeHelpers.mergeNodeProperties(combined, credentialTypeData.properties);
		return combined;
	}
}

// ---------------------------------------------------------------------------------------
// additionalData
// ---------------------------------------------------------------------------------------

const notAvailable = (what: string) => () => {
	throw new UnexpectedError(`${what} is not available in the in-process test runner`);
};

export function buildAdditionalData(opts: {
	credentialsHelper: ICredentialsHelper;
	hooks: ExecutionLifecycleHooks;
	executionId: string;
	workflowId: string;
	mode: WorkflowExecuteMode;
	baseUrl?: string;
}): IWorkflowExecuteAdditionalData {
	const base = opts.baseUrl ?? 'http://localhost:5678';
	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper: opts.credentialsHelper,
		hooks: opts.hooks,
		executionId: opts.executionId,
		workflowId: opts.workflowId,
		userId: 'test-user',
		rootExecutionMode: opts.mode,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: undefined,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		executeWorkflow: notAvailable('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: notAvailable('startRunnerTask (Code node task runners)'),
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return additionalData;
}

// ---------------------------------------------------------------------------------------
// runWorkflow / runNode
// ---------------------------------------------------------------------------------------

export interface RunWorkflowOptions {
	/** Workflow JSON as exported from n8n (nodes, connections, settings; pinData is honoured). */
	workflow: IWorkflowBase | object;
	/** Extra node types by full type name; the package's own (and test.start) are registered by default. */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	/** Extra credential types; the package's own and oAuth2Api are registered by default. */
	credentialTypes?: ICredentialType[];
	/** Credentials by id, as referenced by `node.credentials.<type>.id`. */
	credentials?: Record<string, StoredCredential>;
	/** Items fed to the start node (default: one empty item). */
	startItems?: INodeExecutionData[];
	/** Name of the node to start from (default: n8n's own choice, Workflow.getStartNode()). */
	startNode?: string;
	/** Execution mode (default 'manual', like n8n's node test harness). */
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	run: IRun;
	/** Items of the node's last run on the given output (default 0); [] when it did not run. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The workflow-level error, if the execution failed. */
	error?: Error;
	/** Every write-back to the credential store during the run (refreshed tokens etc.), in order. */
	credentialUpdates: CredentialUpdate[];
	/** The credential store after the run (raw data, updates applied). */
	credentials: Record<string, StoredCredential>;
	/** How often credentials were read during the run (each read decrypts and resolves them). */
	credentialReads: number;
	/** Names of nodes in the order they finished. */
	executionOrder: string[];
}

let executionCounter = 0;

export async function runWorkflow(opts: RunWorkflowOptions): Promise<RunResult> {
	const workflowData = clone(opts.workflow) as IWorkflowBase;
	const mode = opts.mode ?? 'manual';
	const nodeTypes = new RunnerNodeTypes(opts.nodeTypes);
	const credentialTypes = new RunnerCredentialTypes(opts.credentialTypes);
	const credentialsHelper = new RunnerCredentialsHelper(credentialTypes, opts.credentials);

	const workflowId = String(workflowData.id ?? 'test-workflow');
	const workflow = new Workflow({
		id: workflowId,
		name: workflowData.name ?? 'Test workflow',
		nodes: workflowData.nodes,
		connections: workflowData.connections ?? {},
		active: false,
		nodeTypes,
		staticData: workflowData.staticData,
		settings: workflowData.settings,
		pinData: workflowData.pinData,
	});

	const executionId = `test-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});

	const additionalData = buildAdditionalData({
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		mode,
	});

	// n8n's own choice (triggers, pollers, known start types), else the first enabled node
	// without incoming connections (e.g. test.start).
	const startNode = opts.startNode
		? workflow.getNode(opts.startNode)
		: (workflow.getStartNode() ??
			Object.values(workflow.nodes).find(
				(node) => !node.disabled && workflow.getParentNodes(node.name).length === 0,
			));
	if (!startNode) {
		throw new UnexpectedError(
			opts.startNode ? `Start node "${opts.startNode}" not found` : 'Workflow has no start node',
		);
	}

	const runExecutionData: IRunExecutionData = createRunExecutionData({
		resultData: { runData: {}, pinData: workflowData.pinData },
		executionData: {
			nodeExecutionStack: [
				{
					node: startNode,
					data: { main: [opts.startItems ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});

	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	// Resolves once the execution is over (success, error or waiting), after the
	// workflowExecuteAfter hook, with the same IRun n8n would store.
	const run: IRun = await workflowExecute.processRunExecutionData(workflow);

	const runData = run.data.resultData.runData;
	const output = (nodeName: string, outputIndex = 0): INodeExecutionData[] => {
		const runs = runData[nodeName];
		if (!runs?.length) return [];
		return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
	};

	const credentials: Record<string, StoredCredential> = {};
	for (const id of Object.keys(opts.credentials ?? {})) {
		const stored = credentialsHelper.getStored(id);
		if (stored) credentials[id] = stored;
	}

	return {
		run,
		output,
		error: run.data.resultData.error,
		credentialUpdates: credentialsHelper.updates,
		credentials,
		credentialReads: credentialsHelper.reads,
		executionOrder,
	};
}

export interface RunNodeOptions {
	/** Node type under test (default: the package's Fanvue node). */
	type?: string;
	typeVersion?: number;
	parameters: INodeParameters | object;
	/** Credentials by id; each one is attached to the node under its `type`. */
	credentials?: Record<string, StoredCredential>;
	/** JSON of the items the start node emits (default: one empty item). */
	items?: IDataObject[];
	/** Whole items (e.g. with binary data) fed through the start node instead of `items`. */
	inputItems?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** n8n's newer error handling switch; overrides continueOnFail when given. */
	onError?: INode['onError'];
	nodeName?: string;
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes?: ICredentialType[];
	mode?: WorkflowExecuteMode;
	/** The workflow's time zone (Workflow Settings → Timezone), e.g. Europe/London. */
	timezone?: string;
}

export const START_NODE_NAME = 'Start';

/** Builds Start (test.start emitting `items`) → node under test, runs it; output('<nodeName>'). */
export async function runNode(opts: RunNodeOptions): Promise<RunResult & { nodeName: string }> {
	const nodeName = opts.nodeName ?? 'Node';
	const nodeCredentials: INode['credentials'] = {};
	for (const [id, credential] of Object.entries(opts.credentials ?? {})) {
		nodeCredentials[credential.type] = { id, name: credential.name ?? `${credential.type} ${id}` };
	}
	const node: INode = {
		id: 'node-under-test',
		name: nodeName,
		type: opts.type ?? FANVUE_NODE_TYPE,
		typeVersion: opts.typeVersion ?? 1,
		position: [250, 0],
		parameters: opts.parameters as INodeParameters,
		...(Object.keys(nodeCredentials).length ? { credentials: nodeCredentials } : {}),
		...(opts.onError
			? { onError: opts.onError }
			: opts.continueOnFail
				? { continueOnFail: true, onError: 'continueRegularOutput' as const }
				: {}),
	};
	const workflow = {
		id: 'run-node',
		name: `runNode ${node.type}`,
		nodes: [
			{
				id: 'start',
				name: START_NODE_NAME,
				type: 'test.start',
				typeVersion: 1,
				position: [0, 0],
				// Without an items parameter test.start passes the fed start items through.
				parameters: opts.inputItems ? {} : { items: JSON.stringify(opts.items ?? [{}]) },
			},
			node,
		],
		connections: {
			[START_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', ...(opts.timezone ? { timezone: opts.timezone } : {}) },
	};
	const result = await runWorkflow({
		workflow,
		nodeTypes: opts.nodeTypes,
		credentialTypes: opts.credentialTypes,
		credentials: opts.credentials,
		mode: opts.mode,
		startItems: opts.inputItems,
	});
	return { ...result, nodeName };
}
