'use strict';
// Read-only message templates.
const { notFound } = require('./errors');
const { requireUuidParam } = require('./validate');
const { parsePage, pageOf } = require('./pagination');

const templateView = (t) => ({ uuid: t.uuid, text: t.text, price: t.price, mediaUuids: [...t.mediaUuids], folderName: t.folderName });

function listTemplates(ctx, { query }) {
	const paging = parsePage(query);
	const folder = (query.folderName || '').toLowerCase();
	const rows = ctx.store.templates.filter((t) => !folder || (t.folderName || '').toLowerCase().includes(folder));
	return { status: 200, body: pageOf(rows, paging, templateView) };
}

function getTemplate(ctx, { params }) {
	const uuid = requireUuidParam('templateUuid', params.templateUuid);
	const t = ctx.store.templates.find((x) => x.uuid === uuid);
	if (!t) throw notFound('Template message not found');
	return { status: 200, body: templateView(t) };
}

module.exports = { listTemplates, getTemplate };
