// Copies node and credential icons next to the compiled code: n8n resolves `file:` icons
// relative to the .js file that declares them. `npm run build` (n8n-node build) copies them too;
// this is `npm run build:icons`, for an icon added while `npm run dev` is watching (n8n-node dev
// copies icons only when it starts).
const path = require('path');
const { src, dest, task } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	),
);
