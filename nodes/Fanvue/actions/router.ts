import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../helpers/asNodeError';
import { failedItemJson } from '../helpers/failedItem';
import { checkParameterTypes } from '../helpers/parameterTypes';

import * as chat from './chat';
import * as creator from './creator';
import * as customList from './customList';
import * as follower from './follower';
import * as insight from './insight';
import * as media from './media';
import * as message from './message';
import * as post from './post';
import * as smartList from './smartList';
import * as subscriber from './subscriber';
import * as template from './template';
import * as trackingLink from './trackingLink';
import * as user from './user';
import * as vaultFolder from './vaultFolder';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

const operations: Record<string, Record<string, Operation>> = {
	user: { getCurrent: user.getCurrent.execute },
	chat: {
		create: chat.create.execute,
		getMany: chat.getMany.execute,
		getOnlineStatuses: chat.getOnlineStatuses.execute,
		getUnreadCounts: chat.getUnreadCounts.execute,
		update: chat.update.execute,
	},
	creator: { getMany: creator.getMany.execute },
	customList: {
		addMembers: customList.addMembers.execute,
		create: customList.create.execute,
		delete: customList.deleteList.execute,
		getMany: customList.getMany.execute,
		getMembers: customList.getMembers.execute,
		removeMember: customList.removeMember.execute,
		rename: customList.rename.execute,
	},
	media: {
		get: media.get.execute,
		getChatMedia: media.getChatMedia.execute,
		getMany: media.getMany.execute,
		upload: media.upload.execute,
	},
	message: {
		delete: message.deleteMessage.execute,
		getMany: message.getMany.execute,
		send: message.send.execute,
		sendMass: message.sendMass.execute,
	},
	post: {
		create: post.create.execute,
		get: post.get.execute,
		getComments: post.getComments.execute,
		getLikes: post.getLikes.execute,
		getMany: post.getMany.execute,
		getTips: post.getTips.execute,
	},
	smartList: { getMany: smartList.getMany.execute, getMembers: smartList.getMembers.execute },
	subscriber: { getMany: subscriber.getMany.execute },
	insight: {
		getEarnings: insight.getEarnings.execute,
		getFan: insight.getFan.execute,
		getSubscribers: insight.getSubscribers.execute,
		getTopSpenders: insight.getTopSpenders.execute,
	},
	follower: { getMany: follower.getMany.execute },
	template: { get: template.get.execute, getMany: template.getMany.execute },
	trackingLink: {
		create: trackingLink.create.execute,
		delete: trackingLink.deleteLink.execute,
		getMany: trackingLink.getMany.execute,
	},
	vaultFolder: {
		addMedia: vaultFolder.addMedia.execute,
		create: vaultFolder.create.execute,
		delete: vaultFolder.deleteFolder.execute,
		get: vaultFolder.get.execute,
		getMany: vaultFolder.getMany.execute,
		getMedia: vaultFolder.getMedia.execute,
		removeMedia: vaultFolder.removeMedia.execute,
		rename: vaultFolder.rename.execute,
	},
};

/**
 * Runs the chosen operation once per input item; every output item is paired with its input.
 * Each item's parameters are first held against `properties`, the node's description.
 */
export async function router(this: IExecuteFunctions, properties: INodeProperties[]): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operationName = this.getNodeParameter('operation', itemIndex) as string;
		const operation = operations[resource]?.[operationName];
		try {
			if (!operation) {
				throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`, {
					itemIndex,
				});
			}
			checkParameterTypes.call(this, itemIndex, properties);
			const result = await operation.call(this, itemIndex);
			const pairedItem = { item: itemIndex };
			// One item per record, added one by one: a Return All can bring more records than a
			// spread into push() takes as arguments (V8's limit is near 120,000).
			for (const json of Array.isArray(result) ? result : [result]) returnData.push({ json, pairedItem });
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, itemIndex);
			if (this.continueOnFail()) {
				returnData.push({ json: failedItemJson(nodeError), pairedItem: { item: itemIndex } });
				continue;
			}
			throw nodeError;
		}
	}
	return [returnData];
}
