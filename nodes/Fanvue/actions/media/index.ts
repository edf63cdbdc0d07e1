import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getChatMedia from './getChatMedia.operation';
import * as getMany from './getMany.operation';
import * as upload from './upload.operation';

export { get, getChatMedia, getMany, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one media item with the URLs of its variants',
				action: 'Get media',
			},
			{
				name: 'Get Chat Media',
				value: 'getChatMedia',
				description: 'List the media exchanged with one fan, newest first',
				action: 'Get media of a chat',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the media in your vault, with filters',
				action: 'Get many media',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a file from binary data to your vault, ready to send or post',
				action: 'Upload media',
			},
		],
		default: 'upload',
	},
	...upload.description,
	...get.description,
	...getMany.description,
	...getChatMedia.description,
];
