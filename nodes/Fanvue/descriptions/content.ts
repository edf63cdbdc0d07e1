import type { INodeProperties } from 'n8n-workflow';

import { MIN_PRICE_CENTS } from '../helpers/validation';

/** Media and price, shared by Send and Send Mass Message. */
export const mediaUuidsField: INodeProperties = {
	displayName: 'Media UUIDs',
	name: 'mediaUuids',
	type: 'string',
	default: '',
	placeholder: 'e.g. 8a1e..., 9b2f...',
	description: 'Comma-separated UUIDs of media from your Fanvue vault (or an array from an expression)',
};

export const priceField: INodeProperties = {
	displayName: 'Price (Cents)',
	name: 'price',
	type: 'number',
	typeOptions: { minValue: MIN_PRICE_CENTS, numberPrecision: 0 },
	default: 500,
	description: `Makes the media pay-to-view. In cents: 499 is $4.99. At least ${MIN_PRICE_CENTS}. Needs media.`,
};
