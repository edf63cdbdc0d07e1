'use strict';
// Custom lists: CRUD and membership. Names are unique per creator (case-insensitive): 409.
const crypto = require('node:crypto');
const { notFound, conflict, validationError } = require('./errors');
const { requireUuidParam, requireObjectBody, uuidArrayProblem } = require('./validate');
const { parsePage, pageOf } = require('./pagination');
const { memberView } = require('./views');

const MAX_NAME = 100;

function findList(store, rawUuid) {
	const uuid = requireUuidParam('uuid', rawUuid);
	const list = store.customLists.get(uuid);
	if (!list) throw notFound('Custom list not found');
	return list;
}

function checkName(body) {
	requireObjectBody(body);
	const name = typeof body.name === 'string' ? body.name.trim() : '';
	if (!name) throw validationError([{ field: 'name', message: 'name is required' }]);
	if (name.length > MAX_NAME) throw validationError([{ field: 'name', message: `name must be at most ${MAX_NAME} characters` }]);
	return name;
}

function nameTaken(store, name, exceptUuid) {
	const lower = name.toLowerCase();
	for (const l of store.customLists.values()) if (l.uuid !== exceptUuid && l.name.toLowerCase() === lower) return true;
	return false;
}

function listCustomLists(ctx, { query }) {
	const paging = parsePage(query);
	const search = (query.search || '').toLowerCase();
	const rows = [...ctx.store.customLists.values()].filter((l) => !search || l.name.toLowerCase().includes(search));
	return { status: 200, body: pageOf(rows, paging, (l) => ({ uuid: l.uuid, name: l.name, membersCount: l.members.size, createdAt: l.createdAt })) };
}

function createCustomList(ctx, { body }) {
	const name = checkName(body);
	if (nameTaken(ctx.store, name)) throw conflict('A list with this name already exists');
	const list = { uuid: crypto.randomUUID(), name, createdAt: new Date().toISOString(), members: new Set() };
	ctx.store.customLists.set(list.uuid, list);
	return { status: 201, body: { uuid: list.uuid, name: list.name, createdAt: list.createdAt } };
}

function renameCustomList(ctx, { params, body }) {
	const list = findList(ctx.store, params.uuid);
	const name = checkName(body);
	if (nameTaken(ctx.store, name, list.uuid)) throw conflict('A list with this name already exists');
	list.name = name;
	return { status: 204 };
}

function deleteCustomList(ctx, { params }) {
	const list = findList(ctx.store, params.uuid);
	ctx.store.customLists.delete(list.uuid);
	return { status: 204 };
}

function customListMembers(ctx, { params, query }) {
	const list = findList(ctx.store, params.uuid);
	const paging = parsePage(query);
	const members = [...list.members].map((u) => ctx.store.fan(u)).filter(Boolean);
	return { status: 200, body: pageOf(members, paging, memberView) };
}

function addMembers(ctx, { params, body }) {
	const list = findList(ctx.store, params.uuid);
	requireObjectBody(body);
	const problem = uuidArrayProblem('userUuids', body.userUuids, { required: true });
	if (problem) throw validationError([problem]);
	if (!body.userUuids.length || body.userUuids.length > 100) throw validationError([{ field: 'userUuids', message: 'userUuids must hold 1 to 100 UUIDs' }]);
	const unknown = body.userUuids.find((u) => !ctx.store.fan(u.toLowerCase()));
	if (unknown) throw validationError([{ field: 'userUuids', message: `User not found: ${unknown}` }]);
	let added = 0;
	let skipped = 0;
	for (const u of body.userUuids.map((x) => x.toLowerCase())) {
		if (list.members.has(u)) skipped++;
		else {
			list.members.add(u);
			added++;
		}
	}
	return { status: 201, body: { added, skipped } };
}

function removeMember(ctx, { params }) {
	const list = findList(ctx.store, params.uuid);
	const userUuid = requireUuidParam('userUuid', params.userUuid);
	if (!list.members.delete(userUuid)) throw notFound('Member not found in this custom list');
	return { status: 204 };
}

module.exports = { listCustomLists, createCustomList, renameCustomList, deleteCustomList, customListMembers, addMembers, removeMember };
